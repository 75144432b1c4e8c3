#include "Values.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace deals {

using tessera::sdk::Record;

std::string textOf(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::int64_t idOf(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

double amountOf(const Record& record, const char* field) {
    auto it = record.find(field);
    if (it == record.end()) {
        return 0;
    }
    if (it->is_number()) {
        return it->get<double>();
    }
    if (it->is_object() && it->contains("amount") && (*it)["amount"].is_number()) {
        return (*it)["amount"].get<double>();
    }
    return 0;
}

std::string currencyOf(const Record& record, const char* field) {
    auto it = record.find(field);
    if (it != record.end() && it->is_object() && it->contains("currency") &&
        (*it)["currency"].is_string()) {
        return (*it)["currency"].get<std::string>();
    }
    return {};
}

bool isBlank(const Record& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end() || it->is_null()) {
        return true;
    }
    if (it->is_string()) {
        return it->get<std::string>().find_first_not_of(" \t") == std::string::npos;
    }
    if (it->is_array()) {
        return it->empty();
    }
    if (it->is_object()) {
        return !it->contains("amount") || (*it)["amount"].is_null();
    }
    return false;
}

void refuse(const std::string& field, const std::string& message) {
    throw tessera::sdk::PluginError(tessera::sdk::Error{"validation", message, {{field, message}}});
}

void refuseParameter(const std::string& name, const std::string& message) {
    throw tessera::sdk::PluginError(
        tessera::sdk::Error{"validation", name + " " + message, {{name, message}}});
}

std::string isoInDays(std::int64_t days) {
    std::time_t when = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                            std::chrono::hours(24 * days));
    std::tm utc{};
    gmtime_r(&when, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string nowIso() {
    return isoInDays(0);
}

std::string todayIso() { return nowIso().substr(0, 10); }

std::optional<double> daysOf(const std::string& iso) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (iso.size() < 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3) {
        return std::nullopt;
    }
    if (iso.size() >= 19) {
        std::sscanf(iso.c_str() + 11, "%2d:%2d:%2d", &hour, &minute, &second);
    }
    using namespace std::chrono;
    auto date = year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                               std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    double days = sys_days{date}.time_since_epoch().count();
    return days + (hour * 3600 + minute * 60 + second) / 86400.0;
}

std::string isoOfDay(std::int64_t day) {
    using namespace std::chrono;
    year_month_day date{sys_days{days{day}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::string moneyText(double amount, const std::string& currency) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(0);
    out << std::round(amount);
    std::string digits = out.str();
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') {
            grouped += ',';
        }
        grouped += digits[i];
    }
    return currency.empty() ? grouped : grouped + " " + currency;
}

std::optional<std::int64_t> parseInteger(const std::string& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace deals
