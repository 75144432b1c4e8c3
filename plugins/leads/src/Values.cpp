#include "Values.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <cstdio>

namespace leads {

using tessera::sdk::Record;

std::string text(const Record& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end() || it->is_null()) {
        return {};
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_number() || it->is_boolean()) {
        return it->dump();
    }
    return {};
}

std::int64_t integer(const Record& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end()) {
        return 0;
    }
    if (it->is_number_integer()) {
        return it->get<std::int64_t>();
    }
    if (it->is_number()) {
        return static_cast<std::int64_t>(it->get<double>());
    }
    return 0;
}

std::optional<double> number(const Record& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end() || it->is_null()) {
        return std::nullopt;
    }
    if (it->is_number()) {
        return it->get<double>();
    }
    if (it->is_object() && it->contains("amount") && (*it)["amount"].is_number()) {
        return (*it)["amount"].get<double>();
    }
    if (it->is_string()) {
        try {
            std::size_t used = 0;
            double value = std::stod(it->get<std::string>(), &used);
            if (used == it->get<std::string>().size()) {
                return value;
            }
        } catch (const std::exception&) {
        }
    }
    return std::nullopt;
}

std::int64_t countOf(const nlohmann::json& behaviour, const std::string& kind) {
    if (!behaviour.is_object()) {
        return 0;
    }
    auto it = behaviour.find(kind);
    return it != behaviour.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string lower(std::string value) {
    for (auto& c : value) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return value;
}

std::string trim(const std::string& value) {
    auto first = value.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    auto last = value.find_last_not_of(" \t\r\n");
    return value.substr(first, last - first + 1);
}

std::string isoNow(std::int64_t secondsFromNow) {
    auto now = std::chrono::system_clock::now() + std::chrono::seconds(secondsFromNow);
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::optional<std::int64_t> epochOf(const std::string& iso) {
    std::tm tm{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int parsed = std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour,
                             &minute, &second);
    if (parsed != 3 && parsed != 6) {
        parsed = std::sscanf(iso.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &year, &month, &day, &hour,
                             &minute, &second);
        if (parsed != 3 && parsed != 6) {
            return std::nullopt;
        }
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string normalizeEmail(const std::string& email) {
    std::string value = lower(trim(email));
    auto at = value.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= value.size()) {
        return {};
    }
    return value;
}

std::string normalizePhone(const std::string& phone) {
    std::string value = trim(phone);
    std::string digits;
    if (value.starts_with("00")) {
        digits = "+";
        value = value.substr(2);
    } else if (value.starts_with("+")) {
        digits = "+";
    }
    for (char c : value) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        }
    }
    std::size_t count = digits.size() - (digits.starts_with("+") ? 1 : 0);
    return count >= 5 ? digits : std::string{};
}

std::string domainOf(const std::string& urlOrEmail) {
    std::string value = lower(trim(urlOrEmail));
    if (auto scheme = value.find("://"); scheme != std::string::npos) {
        value = value.substr(scheme + 3);
    }
    if (auto at = value.find('@'); at != std::string::npos) {
        value = value.substr(at + 1);
    }
    value = value.substr(0, value.find_first_of("/?#:"));
    if (value.starts_with("www.")) {
        value = value.substr(4);
    }
    if (value.find('.') == std::string::npos || value.size() > 253) {
        return {};
    }
    return value;
}

bool isFreeMailDomain(const std::string& domain) {
    static const std::array<const char*, 14> kFree = {
        "gmail.com",   "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com",
        "live.com",    "icloud.com",     "gmx.de",    "gmx.net",     "web.de",
        "aol.com",     "proton.me",      "protonmail.com", "mail.com"};
    for (const char* free : kFree) {
        if (domain == free) {
            return true;
        }
    }
    return false;
}

}  // namespace leads
