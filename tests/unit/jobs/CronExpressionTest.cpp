#include <gtest/gtest.h>

#include <tessera/kernel/jobs/CronExpression.hpp>

using tessera::kernel::CronExpression;
using namespace std::chrono;

namespace {

/// "2024-02-28 23:59" as UTC.
sys_seconds at(int y, unsigned mo, unsigned d, int h, int mi) {
    return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi);
}

sys_seconds next(const std::string& cron, sys_seconds after) {
    auto fire = CronExpression::parse(cron).next(after);
    EXPECT_TRUE(fire.has_value()) << cron;
    return fire.value_or(sys_seconds{});
}

std::string refusal(const std::string& cron) {
    try {
        CronExpression::parse(cron);
    } catch (const CronExpression::Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "'" << cron << "' was accepted";
    return {};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(CronExpressionTest, EveryMinuteFiresAtTheNextWholeMinute) {
    EXPECT_EQ(next("* * * * *", at(2026, 3, 1, 9, 30)), at(2026, 3, 1, 9, 31));
    EXPECT_EQ(next("* * * * *", at(2026, 3, 1, 9, 30) + seconds(59)), at(2026, 3, 1, 9, 31));
    // Strictly after: a time on the minute does not fire again.
    EXPECT_EQ(next("30 9 * * *", at(2026, 3, 1, 9, 30)), at(2026, 3, 2, 9, 30));
}

TEST(CronExpressionTest, StepsRangesAndLists) {
    EXPECT_EQ(next("*/15 * * * *", at(2026, 3, 1, 9, 31)), at(2026, 3, 1, 9, 45));
    EXPECT_EQ(next("*/15 * * * *", at(2026, 3, 1, 9, 45)), at(2026, 3, 1, 10, 0));
    EXPECT_EQ(next("10-40/10 * * * *", at(2026, 3, 1, 9, 41)), at(2026, 3, 1, 10, 10));
    EXPECT_EQ(next("5/20 * * * *", at(2026, 3, 1, 9, 46)), at(2026, 3, 1, 10, 5));
    EXPECT_EQ(next("0 8,12,18 * * *", at(2026, 3, 1, 12, 0)), at(2026, 3, 1, 18, 0));
    EXPECT_EQ(next("0 8,12,18 * * *", at(2026, 3, 1, 18, 0)), at(2026, 3, 2, 8, 0));
}

TEST(CronExpressionTest, MonthEndsAndLeapDays) {
    // The 31st skips the months without one: after 31 Jan comes 31 Mar.
    EXPECT_EQ(next("0 0 31 * *", at(2026, 1, 31, 0, 0)), at(2026, 3, 31, 0, 0));
    EXPECT_EQ(next("0 0 31 * *", at(2026, 4, 1, 0, 0)), at(2026, 5, 31, 0, 0));
    // 29 February: 2024 is a leap year, 2025-2027 are not, 2028 is.
    EXPECT_EQ(next("0 12 29 2 *", at(2024, 1, 1, 0, 0)), at(2024, 2, 29, 12, 0));
    EXPECT_EQ(next("0 12 29 2 *", at(2024, 2, 29, 12, 0)), at(2028, 2, 29, 12, 0));
    // The last minute of a leap year's February rolls into March.
    EXPECT_EQ(next("* * * * *", at(2024, 2, 29, 23, 59)), at(2024, 3, 1, 0, 0));
    EXPECT_EQ(next("0 0 1 * *", at(2025, 12, 31, 23, 59)), at(2026, 1, 1, 0, 0));
}

TEST(CronExpressionTest, DayOfWeekAndDayOfMonthFollowVixieCron) {
    // 2026-03-01 is a Sunday.
    EXPECT_EQ(next("0 9 * * MON", at(2026, 3, 1, 12, 0)), at(2026, 3, 2, 9, 0));
    EXPECT_EQ(next("0 9 * * 1-5", at(2026, 3, 6, 9, 0)), at(2026, 3, 9, 9, 0));  // Fri -> Mon
    EXPECT_EQ(next("0 9 * * 7", at(2026, 3, 1, 12, 0)), at(2026, 3, 8, 9, 0));   // 7 is Sunday
    EXPECT_EQ(next("0 9 * * sun", at(2026, 3, 1, 8, 0)), at(2026, 3, 1, 9, 0));
    // Both day fields restricted: either matches (the 13th, or any Friday).
    EXPECT_EQ(next("0 0 13 * FRI", at(2026, 3, 1, 0, 0)), at(2026, 3, 6, 0, 0));
    EXPECT_EQ(next("0 0 13 * FRI", at(2026, 3, 12, 0, 0)), at(2026, 3, 13, 0, 0));
    // One day field is '*': the other alone decides.
    EXPECT_EQ(next("0 0 * * FRI", at(2026, 3, 12, 0, 0)), at(2026, 3, 13, 0, 0));
    EXPECT_EQ(next("0 0 1 * *", at(2026, 3, 2, 0, 0)), at(2026, 4, 1, 0, 0));
}

TEST(CronExpressionTest, MonthNamesAndShorthands) {
    EXPECT_EQ(next("0 6 1 jan,jul *", at(2026, 1, 1, 6, 0)), at(2026, 7, 1, 6, 0));
    EXPECT_EQ(next("0 0 1 MAR-MAY *", at(2026, 5, 1, 0, 0)), at(2027, 3, 1, 0, 0));
    EXPECT_EQ(next("@hourly", at(2026, 3, 1, 9, 30)), at(2026, 3, 1, 10, 0));
    EXPECT_EQ(next("@daily", at(2026, 3, 1, 9, 30)), at(2026, 3, 2, 0, 0));
    EXPECT_EQ(next("@weekly", at(2026, 3, 1, 9, 30)), at(2026, 3, 8, 0, 0));
    EXPECT_EQ(next("@monthly", at(2026, 3, 1, 9, 30)), at(2026, 4, 1, 0, 0));
    EXPECT_EQ(next("@yearly", at(2026, 3, 1, 9, 30)), at(2027, 1, 1, 0, 0));
}

TEST(CronExpressionTest, BadExpressionsAreRefusedNamingTheField) {
    EXPECT_TRUE(contains(refusal("* * * *"), "give five fields"));
    EXPECT_TRUE(contains(refusal(""), "give five fields"));
    EXPECT_TRUE(contains(refusal("60 * * * *"), "minute field '60' is out of range"));
    EXPECT_TRUE(contains(refusal("* 24 * * *"), "hour field '24' is out of range"));
    EXPECT_TRUE(contains(refusal("* * 0 * *"), "day-of-month field '0' is out of range"));
    EXPECT_TRUE(contains(refusal("* * * 13 *"), "month field '13'"));
    EXPECT_TRUE(contains(refusal("* * * FOO *"), "month field 'FOO' is not a number or a name"));
    EXPECT_TRUE(contains(refusal("* * * * 8"), "day-of-week field '8' is out of range"));
    EXPECT_TRUE(contains(refusal("*/0 * * * *"), "minute field '*/0' has a bad step"));
    EXPECT_TRUE(contains(refusal("* 5-2 * * *"), "hour field '5-2' is a backwards range"));
    EXPECT_TRUE(contains(refusal("1,,2 * * * *"), "minute field '1,,2' has an empty list entry"));
    EXPECT_TRUE(contains(refusal("x * * * *"), "minute field 'x'"));
    EXPECT_TRUE(contains(refusal("0 0 30 2 *"), "never"));
}
