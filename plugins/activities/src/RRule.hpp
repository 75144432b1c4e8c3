#pragma once

#include <optional>
#include <string>
#include <vector>

#include "IsoTime.hpp"
#include "TimeZone.hpp"

namespace activities {

/// A recurrence rule of RFC 5545 (3.3.10), the subset calendars offer people: FREQ
/// (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY (with ordinals for monthly and yearly
/// rules: 1MO, -1FR), BYMONTHDAY, BYMONTH, BYSETPOS, COUNT or UNTIL, WKST. Occurrences are
/// wall-clock times in the series' time zone, so "every Monday at 9:00" stays at 9:00 across a
/// daylight-saving change; dates that do not exist (31 February) are skipped, as the RFC says.
struct RRule {
    enum class Frequency { Daily, Weekly, Monthly, Yearly };
    struct WeekdayNumber {
        int ordinal = 0;       ///< 0 for every such weekday; 1..53 or -1..-53
        unsigned weekday = 0;  ///< 0 = Sunday, as std::chrono::weekday
    };

    Frequency frequency = Frequency::Daily;
    int interval = 1;
    std::optional<int> count;
    /// UNTIL as given: a UTC time, or a date (inclusive, compared with the local date).
    std::optional<Utc> untilUtc;
    std::optional<std::chrono::year_month_day> untilDate;
    std::vector<WeekdayNumber> byDay;
    std::vector<int> byMonthDay;
    std::vector<int> byMonth;
    std::vector<int> bySetPos;
    unsigned weekStart = 1;  ///< Monday

    /// Reads "FREQ=WEEKLY;BYDAY=MO,WE" (an "RRULE:" prefix is allowed). Throws
    /// tessera::sdk::PluginError("validation") with a message for the field `field`.
    static RRule parse(const std::string& text, const std::string& field = "rrule");
    /// The canonical text, as written to iCalendar.
    std::string toString() const;

    /// The occurrences of the series that starts at `start` (its first occurrence, counted by
    /// COUNT even when it does not match the BY rules, as RFC 5545 says), from `from` on
    /// (inclusive) and before `to`, at most `limit`.
    std::vector<Local> expand(Local start, const TimeZone& zone, Local from, Local to,
                              std::size_t limit) const;
    /// The first occurrence after `after`, or nullopt when the series has ended.
    std::optional<Local> next(Local start, const TimeZone& zone, Local after) const;
};

}  // namespace activities
