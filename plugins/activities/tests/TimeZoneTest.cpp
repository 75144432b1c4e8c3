#include <gtest/gtest.h>

#include "RRule.hpp"
#include "Series.hpp"
#include "TimeZone.hpp"

using namespace activities;

namespace {

TimeZone zone(const std::string& name) {
    return *TimeZone::named(name);
}

std::string local(const std::string& zoneName, const std::string& utc) {
    return formatLocal(zone(zoneName).toLocal(*parseUtc(utc)));
}

std::string utc(const std::string& zoneName, const std::string& wallClock) {
    return formatUtc(zone(zoneName).toUtc(*parseLocal(wallClock)));
}

}  // namespace

// Instants checked by hand against the 2026 clock changes: Berlin goes to summer time on
// 29 March at 01:00 UTC and back on 25 October at 01:00 UTC; New York on 8 March at 07:00 UTC
// and back on 1 November at 06:00 UTC.
TEST(TimeZoneTest, BerlinChangesItsClocksAtTheHandCheckedInstants) {
    EXPECT_EQ(local("Europe/Berlin", "2026-03-29T00:59:59Z"), "2026-03-29T01:59");
    EXPECT_EQ(local("Europe/Berlin", "2026-03-29T01:00:00Z"), "2026-03-29T03:00");
    EXPECT_EQ(local("Europe/Berlin", "2026-10-25T00:59:59Z"), "2026-10-25T02:59");
    EXPECT_EQ(local("Europe/Berlin", "2026-10-25T01:00:00Z"), "2026-10-25T02:00");
    EXPECT_EQ(utc("Europe/Berlin", "2026-03-29T02:30"), "2026-03-29T01:30:00Z");  // the gap
    EXPECT_EQ(utc("Europe/Berlin", "2026-10-25T02:30"), "2026-10-25T00:30:00Z");  // first one
    EXPECT_EQ(utc("Europe/Berlin", "2026-12-31T23:30"), "2026-12-31T22:30:00Z");
}

TEST(TimeZoneTest, NewYorkChangesItsClocksAtTheHandCheckedInstants) {
    EXPECT_EQ(local("America/New_York", "2026-03-08T06:59:59Z"), "2026-03-08T01:59");
    EXPECT_EQ(local("America/New_York", "2026-03-08T07:00:00Z"), "2026-03-08T03:00");
    EXPECT_EQ(local("America/New_York", "2026-11-01T05:59:59Z"), "2026-11-01T01:59");
    EXPECT_EQ(local("America/New_York", "2026-11-01T06:00:00Z"), "2026-11-01T01:00");
    // 02:30 does not exist on 8 March: it is read in the offset before the gap (07:30 UTC).
    EXPECT_EQ(utc("America/New_York", "2026-03-08T02:30"), "2026-03-08T07:30:00Z");
    // 01:30 happens twice on 1 November: the first, in daylight time.
    EXPECT_EQ(utc("America/New_York", "2026-11-01T01:30"), "2026-11-01T05:30:00Z");
    EXPECT_EQ(zone("America/New_York").offsetAt(*parseUtc("2026-07-04T12:00:00Z")), -4 * 3600);
    EXPECT_EQ(zone("America/New_York").offsetAt(*parseUtc("2026-01-04T12:00:00Z")), -5 * 3600);
}

TEST(TimeZoneTest, AWeeklyNineOClockInNewYorkStaysAtNineAcrossBothChanges) {
    tessera::sdk::Record meeting = {{"starts_at", "2026-02-23T14:00:00Z"},
                                    {"ends_at", "2026-02-23T15:00:00Z"},
                                    {"rrule", "FREQ=WEEKLY;BYDAY=MO"}};
    TimeZone newYork = zone("America/New_York");
    std::vector<std::string> spring, autumn;
    for (Utc start : series::starts(meeting, newYork, *parseLocal("2026-02-23T00:00"),
                                    *parseLocal("2026-03-17T00:00"), 10)) {
        spring.push_back(formatUtc(start));
    }
    for (Utc start : series::starts(meeting, newYork, *parseLocal("2026-10-26T00:00"),
                                    *parseLocal("2026-11-10T00:00"), 10)) {
        autumn.push_back(formatUtc(start));
    }
    EXPECT_EQ(spring, (std::vector<std::string>{"2026-02-23T14:00:00Z", "2026-03-02T14:00:00Z",
                                                "2026-03-09T13:00:00Z", "2026-03-16T13:00:00Z"}));
    EXPECT_EQ(autumn, (std::vector<std::string>{"2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z",
                                                "2026-11-09T14:00:00Z"}));
}

TEST(TimeZoneTest, CancelledAndChangedOccurrencesAreLeftOutOfTheSeries) {
    tessera::sdk::Record meeting = {{"starts_at", "2026-01-31T09:00:00Z"},
                                    {"ends_at", "2026-01-31T10:00:00Z"},
                                    {"rrule", "FREQ=MONTHLY;BYMONTHDAY=-1"},
                                    {"exdates", {"2026-02-28T09:00:00Z"}},
                                    {"overridden", {"2026-04-30T08:00:00Z"}}};
    std::vector<std::string> starts;
    for (Utc start : series::starts(meeting, zone("Europe/Berlin"), *parseLocal("2026-01-01T00:00"),
                                    *parseLocal("2026-06-01T00:00"), 10)) {
        starts.push_back(formatUtc(start));
    }
    // The last day of each month at 10:00 Berlin time: 09:00 UTC in winter, 08:00 UTC from the
    // end of March.
    EXPECT_EQ(starts, (std::vector<std::string>{"2026-01-31T09:00:00Z", "2026-03-31T08:00:00Z",
                                                "2026-05-31T08:00:00Z"}));
    EXPECT_TRUE(
        series::hasOccurrence(meeting, zone("Europe/Berlin"), *parseUtc("2026-02-28T09:00:00Z")));
    EXPECT_FALSE(
        series::hasOccurrence(meeting, zone("Europe/Berlin"), *parseUtc("2026-02-27T09:00:00Z")));
    EXPECT_EQ(series::key(*parseUtc("2026-03-31T08:00:00Z")), "20260331T080000Z");
    EXPECT_EQ(formatUtc(*series::fromKey("20260331T080000Z")), "2026-03-31T08:00:00Z");
    EXPECT_FALSE(series::fromKey("2026-03-31"));
    EXPECT_FALSE(series::fromKey("20261331T080000Z"));
}
