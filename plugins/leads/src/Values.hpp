#pragma once

// Small readers of record values and clocks shared by the leads plugin.
#include <cstdint>
#include <optional>
#include <string>

#include <tessera/sdk/Query.hpp>

namespace leads {

/// The field as text ("" when absent or not a string; numbers are written out).
std::string text(const tessera::sdk::Record& record, const std::string& field);
/// The field as a whole number (0 when absent or not a number).
std::int64_t integer(const tessera::sdk::Record& record, const std::string& field);
/// The field as a number when it is one (a number, a money object's amount, or numeric text).
std::optional<double> number(const tessera::sdk::Record& record, const std::string& field);

/// How many events of `kind` a lead's behaviour counts (0 when none).
std::int64_t countOf(const nlohmann::json& behaviour, const std::string& kind);

std::string lower(std::string value);
std::string trim(const std::string& value);

/// "2026-11-25T07:21:38Z", now or `secondsFromNow` away.
std::string isoNow(std::int64_t secondsFromNow = 0);
/// Seconds since the epoch of an ISO 8601 UTC time (date-only means midnight), if it is one.
std::optional<std::int64_t> epochOf(const std::string& iso);

/// Lower case with a plausible "@" ("" otherwise).
std::string normalizeEmail(const std::string& email);
/// The digits of a phone number, with "+" for an international prefix ("" under 5 digits).
std::string normalizePhone(const std::string& phone);
/// "example.com" from a web address, a domain or an e-mail address ("" when none).
std::string domainOf(const std::string& urlOrEmail);
/// Whether the domain belongs to a free mail provider, so it says nothing about the company.
bool isFreeMailDomain(const std::string& domain);

}  // namespace leads
