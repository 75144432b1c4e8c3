#include "ActivitiesFixture.hpp"
#include "PythonReader.hpp"
#include "Reminders.hpp"

using namespace activities::test;

namespace {

class UserTimeZoneTest : public ActivitiesFixture {
protected:
    void chooseZone(const std::string& login, const std::string& zone) {
        auto answer =
            kernel_->signIn(login).postForm("/p/activities/settings", {{"time_zone", zone}});
        ASSERT_EQ(answer.status, 303) << answer.body;
    }
};

/// The starts of the calendar's VEVENTs in UTC as python3-icalendar and dateutil read them: the
/// first four occurrences of each, and the calendar's X-WR-TIMEZONE.
nlohmann::json eventsByIcalendar(const std::string& ics) {
    std::string script =
        "import json,sys,datetime,icalendar\n"
        "from dateutil.rrule import rrulestr\n"
        "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "utc=datetime.timezone.utc\n"
        "out={'zone':str(cal.get('x-wr-timezone')),'events':{}}\n"
        "for c in cal.walk('VEVENT'):\n"
        "  start=c.get('dtstart').dt\n"
        "  tz=start.tzinfo\n"
        "  rule=rrulestr(c.get('rrule').to_ical().decode(),dtstart=start.replace(tzinfo=None))\n"
        "  local=lambda d: tz.localize(d) if hasattr(tz,'localize') else d.replace(tzinfo=tz)\n"
        "  out['events'][str(c.get('summary'))]=[local(d).astimezone(utc).strftime("
        "'%Y-%m-%dT%H:%M:%SZ') for d in list(rule[:4])]\n"
        "print(json.dumps(out))\n";
    return tessera::test::readWithPython(script, ics);
}

}  // namespace

TEST_P(UserTimeZoneTest, AUserChoosesTheirZoneAndABadNameIsRefusedNamingTheField) {
    auto rep = kernel_->signIn("rep");
    auto page = rep.get("/p/activities/settings");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "<option value=\"Europe/Berlin\" selected>"));  // the default
    EXPECT_TRUE(contains(page.body, "<option value=\"America/New_York\">"));
    auto bad = rep.postForm("/p/activities/settings", {{"time_zone", "Mars/Olympus"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "time_zone")) << bad.body;
    EXPECT_TRUE(contains(bad.body, "is not a time zone name like Europe/Berlin"));
    EXPECT_EQ(rep.postForm("/p/activities/settings", {{"time_zone", "../../etc/passwd"}}).status,
              422);
    EXPECT_EQ(count("CalendarPreference"), 0);
    chooseZone("rep", "America/New_York");
    EXPECT_TRUE(contains(rep.get("/p/activities/settings").body,
                         "<option value=\"America/New_York\" selected>"));
    chooseZone("rep", "Asia/Kolkata");  // saved again: the same record
    EXPECT_EQ(count("CalendarPreference"), 1);
    // Through the record API too: only a real zone, and only one's own settings.
    EXPECT_EQ(fieldError(other_, "CalendarPreference",
                         {{"user_id", other_.userId}, {"time_zone", "Europe/Berln"}}, "time_zone"),
              "'Europe/Berln' is not a time zone name like Europe/Berlin");
    EXPECT_EQ(fieldError(other_, "CalendarPreference",
                         {{"user_id", rep_.userId}, {"time_zone", "UTC"}}, "user_id"),
              "is your own user: you change only your own calendar settings");
    EXPECT_EQ(count("CalendarPreference"), 1);
}

TEST_P(UserTimeZoneTest, FormsAndPagesUseTheViewersZoneAndAWeeklyMeetingKeepsItsLocalTime) {
    chooseZone("rep", "America/New_York");
    auto rep = kernel_->signIn("rep");
    // 9:00 typed by a New York user is 14:00 UTC in winter.
    auto planned =
        rep.postForm("/p/activities/meetings", {{"title", "Weekly sync"},
                                                {"starts_at", "2026-03-02T09:00"},
                                                {"duration_minutes", "60"},
                                                {"rrule", "FREQ=WEEKLY"},
                                                {"attendee", std::to_string(rep_.userId)},
                                                {"attendee", std::to_string(other_.userId)}});
    ASSERT_EQ(planned.status, 303) << planned.body;
    Record meeting = records().query(rep_, {.entity = "Meeting"}).rows.at(0);
    EXPECT_EQ(meeting["starts_at"], "2026-03-02T14:00:00Z");
    EXPECT_EQ(meeting["time_zone"], "America/New_York");
    auto month = rep.get("/p/activities/calendar?view=month&date=2026-03-15");
    EXPECT_EQ(occurrences(month.body, "title=\"09:00 Weekly sync\""), 5u) << month.body;
    EXPECT_TRUE(contains(month.body, "America/New_York"));
    // A Berlin attendee sees 15:00, then 14:00 while only New York is on summer time (8 to 29
    // March), then 15:00 again.
    auto other = kernel_->signIn("other");
    EXPECT_TRUE(contains(other.get("/p/activities/calendar?view=day&date=2026-03-02").body,
                         "<strong>15:00</strong> Weekly sync"));
    EXPECT_TRUE(contains(other.get("/p/activities/calendar?view=day&date=2026-03-09").body,
                         "<strong>14:00</strong> Weekly sync"));
    EXPECT_TRUE(contains(other.get("/p/activities/calendar?view=day&date=2026-03-30").body,
                         "<strong>15:00</strong> Weekly sync"));
    // Task forms read and lists show the user's zone.
    ASSERT_EQ(
        rep.postForm("/p/activities/tasks",
                     {{"title", "Call back"}, {"due_at", "2026-03-10T10:00"}, {"reminder", ""}})
            .status,
        303);
    Record task = records().query(rep_, {.entity = "Task"}).rows.at(0);
    EXPECT_EQ(task["due_at"], "2026-03-10T14:00:00Z");
    EXPECT_TRUE(contains(rep.get("/p/activities/tasks").body, "Tue 10 Mar 2026, 10:00"));
    // The feed names the reader's zone and keeps the series' own, so clients place it right.
    std::string feed = feedOf("rep");
    EXPECT_TRUE(contains(feed, "DTSTART;TZID=America/New_York:20260302T090000"));
    EXPECT_TRUE(contains(feed, "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
    auto read = eventsByIcalendar(feed);
    EXPECT_EQ(read["zone"], "America/New_York");
    EXPECT_EQ(read["events"]["Weekly sync"],
              nlohmann::json({"2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z",
                              "2026-03-16T13:00:00Z", "2026-03-23T13:00:00Z"}));
}

TEST_P(UserTimeZoneTest, EachRecipientReadsAReminderOnTheirOwnClock) {
    using namespace std::chrono;
    chooseZone("rep", "America/New_York");
    auto start = activities::nowUtc() + minutes(20);
    start -= seconds(start.time_since_epoch().count() % 60);
    create(admin_, "Meeting",
           {{"title", "Pricing review"},
            {"starts_at", activities::formatUtc(start)},
            {"ends_at", activities::formatUtc(start + minutes(30))},
            {"attendee_ids", {rep_.userId, other_.userId}},
            {"reminder_offsets", {15}}});
    activities::Reminders reminders(records(), activities::TimeZone::utc());
    EXPECT_EQ(reminders.run(start - minutes(14)), 1);
    auto clock = [&](const std::string& zone) {
        std::string text =
            activities::formatLocal(activities::TimeZone::named(zone)->toLocal(start));
        return "Starts " + text.replace(10, 1, " ") + " (" + zone + ")";
    };
    EXPECT_TRUE(
        contains(kernel_->signIn("rep").get("/notifications").body, clock("America/New_York")));
    EXPECT_TRUE(
        contains(kernel_->signIn("other").get("/notifications").body, clock("Europe/Berlin")));
}

INSTANTIATE_TEST_SUITE_P(Backends, UserTimeZoneTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
