#include <gtest/gtest.h>

#include <tessera/sdk/Error.hpp>

#include "RRule.hpp"
#include "TimeZone.hpp"

using namespace activities;

namespace {

Local at(const std::string& text) {
    return *parseLocal(text);
}

/// The occurrences of `rule` from `start` in `zone`, as UTC text.
std::vector<std::string> utcTimes(const std::string& rule, const std::string& start,
                                  const TimeZone& zone, std::size_t limit = 20) {
    std::vector<std::string> out;
    for (Local occurrence :
         RRule::parse(rule).expand(at(start), zone, at(start), at("2100-01-01T00:00"), limit)) {
        out.push_back(formatUtc(zone.toUtc(occurrence)));
    }
    return out;
}

std::vector<std::string> localTimes(const std::string& rule, const std::string& start,
                                    std::size_t limit = 20) {
    std::vector<std::string> out;
    for (Local occurrence : RRule::parse(rule).expand(at(start), TimeZone::utc(), at(start),
                                                      at("2100-01-01T00:00"), limit)) {
        out.push_back(formatLocal(occurrence));
    }
    return out;
}

std::string refusal(const std::string& rule) {
    try {
        RRule::parse(rule);
    } catch (const tessera::sdk::PluginError& e) {
        return e.error().fields.at("rrule");
    }
    return "accepted";
}

TimeZone berlin() {
    return *TimeZone::named("Europe/Berlin");
}

}  // namespace

TEST(RRuleTest, MonthlyOnThe31stSkipsShorterMonths) {
    EXPECT_EQ(localTimes("FREQ=MONTHLY;COUNT=5", "2026-01-31T09:00"),
              (std::vector<std::string>{"2026-01-31T09:00", "2026-03-31T09:00", "2026-05-31T09:00",
                                        "2026-07-31T09:00", "2026-08-31T09:00"}));
}

TEST(RRuleTest, LastDayOfTheMonthFollowsLeapYears) {
    EXPECT_EQ(localTimes("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", "2028-01-31T08:00"),
              (std::vector<std::string>{"2028-01-31T08:00", "2028-02-29T08:00", "2028-03-31T08:00",
                                        "2028-04-30T08:00"}));
    EXPECT_EQ(localTimes("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2", "2027-01-31T08:00"),
              (std::vector<std::string>{"2027-01-31T08:00", "2027-02-28T08:00"}));
}

TEST(RRuleTest, TheTwentyNinthOfFebruaryComesEveryFourYears) {
    EXPECT_EQ(
        localTimes("FREQ=YEARLY;COUNT=3", "2024-02-29T12:00"),
        (std::vector<std::string>{"2024-02-29T12:00", "2028-02-29T12:00", "2032-02-29T12:00"}));
}

TEST(RRuleTest, EveryOtherWeekOnSeveralDays) {
    EXPECT_EQ(
        localTimes("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=6", "2026-03-02T10:00"),
        (std::vector<std::string>{"2026-03-02T10:00", "2026-03-04T10:00", "2026-03-06T10:00",
                                  "2026-03-16T10:00", "2026-03-18T10:00", "2026-03-20T10:00"}));
}

TEST(RRuleTest, OrdinalWeekdaysAndSetPositions) {
    EXPECT_EQ(
        localTimes("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "2026-01-30T16:00"),
        (std::vector<std::string>{"2026-01-30T16:00", "2026-02-27T16:00", "2026-03-27T16:00"}));
    EXPECT_EQ(
        localTimes("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2026-01-30T16:00"),
        (std::vector<std::string>{"2026-01-30T16:00", "2026-02-27T16:00", "2026-03-31T16:00"}));
    EXPECT_EQ(localTimes("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=2", "2026-11-26T18:00"),
              (std::vector<std::string>{"2026-11-26T18:00", "2027-11-25T18:00"}));
}

TEST(RRuleTest, UntilIsInclusiveAndIntervalsSkipDays) {
    EXPECT_EQ(localTimes("FREQ=DAILY;INTERVAL=3;UNTIL=20260110T235959Z", "2026-01-01T10:00"),
              (std::vector<std::string>{"2026-01-01T10:00", "2026-01-04T10:00", "2026-01-07T10:00",
                                        "2026-01-10T10:00"}));
    EXPECT_EQ(
        localTimes("FREQ=WEEKLY;UNTIL=20260115", "2026-01-01T10:00"),
        (std::vector<std::string>{"2026-01-01T10:00", "2026-01-08T10:00", "2026-01-15T10:00"}));
}

TEST(RRuleTest, WallClockTimeStaysAcrossDaylightSavingChanges) {
    // Clocks in Berlin go forward on 29 March 2026 and back on 25 October 2026.
    EXPECT_EQ(utcTimes("FREQ=WEEKLY;BYDAY=MO;COUNT=3", "2026-03-23T09:00", berlin()),
              (std::vector<std::string>{"2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z",
                                        "2026-04-06T07:00:00Z"}));
    EXPECT_EQ(utcTimes("FREQ=DAILY;COUNT=3", "2026-10-24T09:00", berlin()),
              (std::vector<std::string>{"2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z",
                                        "2026-10-26T08:00:00Z"}));
}

TEST(RRuleTest, ATimeInTheSpringGapMovesOnAndARepeatedHourMeansTheFirst) {
    EXPECT_EQ(utcTimes("FREQ=DAILY;COUNT=3", "2026-03-28T02:30", berlin()),
              (std::vector<std::string>{"2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z",
                                        "2026-03-30T00:30:00Z"}));
    EXPECT_EQ(formatUtc(berlin().toUtc(at("2026-10-25T02:30"))), "2026-10-25T00:30:00Z");
}

TEST(RRuleTest, SouthernHemisphereSummerSpansTheNewYear) {
    TimeZone sydney = *TimeZone::named("Australia/Sydney");
    EXPECT_EQ(formatLocal(sydney.toLocal(*parseUtc("2026-01-15T00:00:00Z"))), "2026-01-15T11:00");
    EXPECT_EQ(formatLocal(sydney.toLocal(*parseUtc("2026-07-15T00:00:00Z"))), "2026-07-15T10:00");
}

TEST(RRuleTest, NextOccurrenceAfterACompletedOne) {
    RRule rule = RRule::parse("FREQ=WEEKLY;BYDAY=FR");
    auto next = rule.next(at("2026-03-27T17:00"), berlin(), at("2026-03-27T17:00"));
    ASSERT_TRUE(next);
    EXPECT_EQ(formatUtc(berlin().toUtc(*next)), "2026-04-03T15:00:00Z");
    RRule twice = RRule::parse("FREQ=DAILY;COUNT=2");
    EXPECT_FALSE(twice.next(at("2026-01-01T08:00"), berlin(), at("2026-01-02T08:00")));
}

TEST(RRuleTest, RulesAreWrittenBackCanonically) {
    EXPECT_EQ(
        RRule::parse("rrule:freq=weekly;byday=mo,fr;interval=2;until=20261231T235959Z").toString(),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20261231T235959Z");
    EXPECT_EQ(RRule::parse("FREQ=MONTHLY;BYDAY=-1FR;COUNT=12").toString(),
              "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12");
}

TEST(RRuleTest, BadRulesAreRefusedWithAReason) {
    EXPECT_EQ(refusal("FREQ=HOURLY"),
              "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not 'HOURLY'");
    EXPECT_EQ(refusal("BYDAY=MO"), "FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)");
    EXPECT_EQ(refusal("FREQ=DAILY;COUNT=2;UNTIL=20260101"), "COUNT and UNTIL cannot both be given");
    EXPECT_EQ(refusal("FREQ=WEEKLY;BYDAY=1MO"),
              "BYDAY ordinals such as 1MO need FREQ=MONTHLY or FREQ=YEARLY");
    EXPECT_EQ(refusal("FREQ=DAILY;INTERVAL=0"), "INTERVAL must be between 1 and 1000");
    EXPECT_EQ(refusal("FREQ=DAILY;BYDAY=XX"),
              "BYDAY takes days like MO, TU, 1MO or -1FR, not 'XX'");
    EXPECT_EQ(refusal("FREQ=DAILY;BYHOUR=9"),
              "BYHOUR is not supported (use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, "
              "BYMONTH, BYSETPOS, WKST)");
    EXPECT_EQ(refusal("FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2"), "accepted");
    EXPECT_TRUE(localTimes("FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2", "2026-01-30T08:00").size() ==
                1u);
}

TEST(RRuleTest, UnknownTimeZonesAreNotRead) {
    EXPECT_FALSE(TimeZone::named("Mars/Olympus"));
    EXPECT_FALSE(TimeZone::named("../../etc/passwd"));
    EXPECT_TRUE(TimeZone::named("America/New_York"));
}
