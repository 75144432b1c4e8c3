#include "Periods.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace deals {

namespace {

constexpr std::array kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};

std::string monthKey(int year, int month) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
    return buffer;
}

std::string lastDay(int year, int month) {
    using namespace std::chrono;
    year_month_day_last last{std::chrono::year{year}, month_day_last{std::chrono::month{static_cast<unsigned>(month)}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02u", year, month, static_cast<unsigned>(last.day()));
    return buffer;
}

Period monthPeriod(int year, int month) {
    return {monthKey(year, month), std::string(kMonths[static_cast<std::size_t>(month - 1)]) + " " + std::to_string(year),
            monthKey(year, month) + "-01", lastDay(year, month), false};
}

Period quarterPeriod(int year, int quarter) {
    std::string q = "Q" + std::to_string(quarter);
    return {std::to_string(year) + "-" + q, q + " " + std::to_string(year), monthKey(year, quarter * 3 - 2) + "-01",
            lastDay(year, quarter * 3), true};
}

}  // namespace

std::vector<std::string> Period::monthKeys() const {
    int year = std::stoi(key.substr(0, 4));
    if (!quarter) {
        return {key};
    }
    int q = key[6] - '0';
    return {monthKey(year, q * 3 - 2), monthKey(year, q * 3 - 1), monthKey(year, q * 3)};
}

std::optional<Period> parsePeriod(const std::string& key) {
    int year = 0, number = 0;
    char tail = 0;
    if (key.size() == 7 && std::sscanf(key.c_str(), "%4d-Q%1d%c", &year, &number, &tail) == 2 && key[5] == 'Q' &&
        number >= 1 && number <= 4 && year >= 1900) {
        return quarterPeriod(year, number);
    }
    if (key.size() == 7 && std::sscanf(key.c_str(), "%4d-%2d%c", &year, &number, &tail) == 2 && key[4] == '-' &&
        number >= 1 && number <= 12 && year >= 1900 && key[5] != 'Q') {
        return monthPeriod(year, number);
    }
    return std::nullopt;
}

Period quarterOf(const std::string& isoDate) {
    int year = std::stoi(isoDate.substr(0, 4));
    int month = std::stoi(isoDate.substr(5, 2));
    return quarterPeriod(year, (month - 1) / 3 + 1);
}

std::vector<Period> periodsOf(int year, bool quarters) {
    std::vector<Period> periods;
    for (int i = 1; i <= (quarters ? 4 : 12); ++i) {
        periods.push_back(quarters ? quarterPeriod(year, i) : monthPeriod(year, i));
    }
    return periods;
}

}  // namespace deals
