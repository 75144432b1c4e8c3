#include "IsoTime.hpp"

#include <cstdio>

namespace activities {

using namespace std::chrono;

namespace {

int digits(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/// Reads "YYYY-MM-DD[T ]HH:MM[:SS]" and says where it stopped.
std::optional<local_seconds> parseWallClock(std::string_view text, std::size_t& end) {
    if (text.size() < 16 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != ' ') || text[13] != ':') {
        return std::nullopt;
    }
    auto day = parseDate(text.substr(0, 10));
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = 0;
    end = 16;
    if (text.size() >= 19 && text[16] == ':') {
        second = digits(text, 17, 2);
        end = 19;
    }
    if (!day || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    return local_days(*day) + hours(hour) + minutes(minute) + seconds(second);
}

}  // namespace

std::optional<year_month_day> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int y = digits(text, 0, 4);
    int m = digits(text, 5, 2);
    int d = digits(text, 8, 2);
    if (y < 1 || m < 1 || d < 1) {
        return std::nullopt;
    }
    year_month_day day{year(y), month(static_cast<unsigned>(m)),
                       std::chrono::day(static_cast<unsigned>(d))};
    return day.ok() ? std::optional(day) : std::nullopt;
}

std::optional<Utc> parseUtc(std::string_view text) {
    std::size_t end = 0;
    auto wall = parseWallClock(text, end);
    if (!wall) {
        return std::nullopt;
    }
    std::string_view rest = text.substr(end);
    if (!rest.empty() && rest[0] == '.') {  // fractions of a second
        std::size_t i = 1;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            ++i;
        }
        rest = rest.substr(i);
    }
    int offsetMinutes = 0;
    if (rest == "Z" || rest.empty() || rest == "+00" || rest == "+00:00") {
        offsetMinutes = 0;
    } else if ((rest.size() == 6 && rest[3] == ':') || rest.size() == 5 || rest.size() == 3) {
        int h = digits(rest, 1, 2);
        int m = rest.size() == 3 ? 0 : digits(rest, rest.size() == 6 ? 4 : 3, 2);
        if ((rest[0] != '+' && rest[0] != '-') || h < 0 || m < 0) {
            return std::nullopt;
        }
        offsetMinutes = (rest[0] == '+' ? 1 : -1) * (h * 60 + m);
    } else {
        return std::nullopt;
    }
    return Utc{wall->time_since_epoch()} - minutes(offsetMinutes);
}

std::optional<Local> parseLocal(std::string_view text) {
    std::size_t end = 0;
    auto wall = parseWallClock(text, end);
    if (!wall || end != text.size()) {
        return std::nullopt;
    }
    return *wall;
}

namespace {

std::string format(sys_seconds time, const char* pattern) {
    auto day = floor<days>(time);
    year_month_day ymd{day};
    hh_mm_ss clock{time - day};
    char out[40];
    std::snprintf(
        out, sizeof out, pattern, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()), static_cast<int>(clock.hours().count()),
        static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return out;
}

}  // namespace

std::string formatUtc(Utc time) {
    return format(time, "%04d-%02u-%02uT%02d:%02d:%02dZ");
}

std::string formatLocal(Local time) {
    std::string text =
        format(sys_seconds{time.time_since_epoch()}, "%04d-%02u-%02uT%02d:%02d:%02d");
    return text.substr(0, 16);
}

std::string formatDate(year_month_day day) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return out;
}

Utc nowUtc() {
    return floor<seconds>(system_clock::now());
}

}  // namespace activities

namespace activities {

std::string formatDisplayDate(std::chrono::local_days day) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::chrono::year_month_day ymd{day};
    return std::string(kDays[std::chrono::weekday(day).c_encoding()]) + " " +
           std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string formatDisplay(Local time) {
    return formatDisplayDate(std::chrono::floor<std::chrono::days>(time)) + ", " +
           formatLocal(time).substr(11, 5);
}

}  // namespace activities
