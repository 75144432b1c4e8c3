#pragma once

#include <bitset>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

namespace tessera::kernel {

/// A five-field cron expression (minute hour day-of-month month day-of-week), as in Vixie cron:
/// lists (`1,15`), ranges (`1-5`), steps (`*/5`, `10-40/10`, `5/15`), month names (`JAN`-`DEC`)
/// and day names (`SUN`-`SAT`, 0 and 7 both Sunday), and the shorthands @yearly, @monthly,
/// @weekly, @daily, @hourly. When both day fields are restricted (neither starts with `*`), a
/// day matches if either matches; otherwise both must. Times are UTC. Immutable; thread-safe.
class CronExpression {
public:
    /// Refused expressions: the message names the field, the text and the fix.
    class Error : public std::invalid_argument {
    public:
        using std::invalid_argument::invalid_argument;
    };

    /// Throws Error for a malformed expression or one that never fires (`0 0 31 2 *`).
    static CronExpression parse(const std::string& text);

    /// The first whole minute strictly after `after` that matches, or nothing when none comes
    /// within eight years.
    std::optional<std::chrono::sys_seconds> next(std::chrono::sys_seconds after) const;

    const std::string& text() const { return text_; }

private:
    CronExpression() = default;
    bool dayMatches(std::chrono::year_month_day day) const;

    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> daysOfMonth_;
    std::bitset<13> months_;
    std::bitset<7> daysOfWeek_;
    bool anyDayOfMonth_ = false;
    bool anyDayOfWeek_ = false;
};

}  // namespace tessera::kernel
