#pragma once

// Small readers and formatters shared by the deals code: record values, dates, money text.
#include <cstdint>
#include <optional>
#include <string>

#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/Query.hpp>

namespace deals {

std::string textOf(const tessera::sdk::Record& record, const char* field);
std::int64_t idOf(const tessera::sdk::Record& record, const char* field);
/// The amount of a money field, 0 when empty.
double amountOf(const tessera::sdk::Record& record, const char* field);
std::string currencyOf(const tessera::sdk::Record& record, const char* field);
/// True when the field holds nothing a person would call a value ("", null, [], {amount: null}).
bool isBlank(const tessera::sdk::Record& record, const std::string& field);

/// Refuses a write with one message under `field`.
[[noreturn]] void refuse(const std::string& field, const std::string& message);
/// Refuses a request parameter: the sentence names it ("close_from is a date ...").
[[noreturn]] void refuseParameter(const std::string& name, const std::string& message);

/// Now as ISO 8601 UTC ("2026-03-31T12:00:00Z") and today as "2026-03-31".
std::string nowIso();
/// A whole number of days from now, as ISO 8601 UTC.
std::string isoInDays(std::int64_t days);
std::string todayIso();
/// Days since 1970-01-01 of "2026-03-31" or "2026-03-31T12:00:00Z"; nullopt when unreadable.
std::optional<double> daysOf(const std::string& isoDateOrTime);
/// "2026-03-31" of a day number.
std::string isoOfDay(std::int64_t day);
/// "1,234,567 EUR".
std::string moneyText(double amount, const std::string& currency);
/// Parses a whole number; nullopt for anything else.
std::optional<std::int64_t> parseInteger(const std::string& text);

}  // namespace deals
