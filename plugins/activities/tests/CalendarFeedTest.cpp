#include "ActivitiesFixture.hpp"
#include "PythonReader.hpp"

using namespace activities::test;

namespace {

class CalendarFeedTest : public ActivitiesFixture {};

/// The calendar as Debian's python3-icalendar reads it: per component its type, summary, start
/// or due in UTC, RRULE, alarm triggers, and the first occurrences dateutil expands (in local
/// wall-clock time, then placed in the zone the parser gave, as pytz needs) in UTC.
nlohmann::json parsedByIcalendar(const std::string& ics) {
    std::string script =
        "import json,sys,datetime,icalendar\n"
        "from dateutil.rrule import rrulestr\n"
        "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "utc=datetime.timezone.utc\n"
        "def iso(v):\n"
        "  return v.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ') if "
        "isinstance(v,datetime.datetime) else v.isoformat()\n"
        "out=[]\n"
        "for c in cal.walk():\n"
        "  if c.name not in ('VEVENT','VTODO'): continue\n"
        "  start=(c.get('dtstart') or c.get('due')).dt\n"
        "  item={'type':c.name,'summary':str(c.get('summary')),'start':iso(start),\n"
        "    'location':str(c.get('location','')),'description':str(c.get('description','')),\n"
        "    'alarms':[str(a.get('trigger').dt) for a in "
        "c.walk('VALARM')],'rrule':'','occurrences':[]}\n"
        "  if c.get('rrule'):\n"
        "    item['rrule']=c.get('rrule').to_ical().decode()\n"
        "    tz=getattr(start,'tzinfo',None)\n"
        "    naive=start.replace(tzinfo=None) if tz else start\n"
        "    rule=rrulestr(item['rrule'],dtstart=naive)\n"
        "    local=lambda d: tz.localize(d) if hasattr(tz,'localize') else (d.replace(tzinfo=tz) "
        "if tz else d)\n"
        "    item['occurrences']=[iso(local(d)) for d in list(rule[:4])]\n"
        "  out.append(item)\n"
        "print(json.dumps(out))\n";
    return tessera::test::readWithPython(script, ics);
}

nlohmann::json component(const nlohmann::json& calendar, const std::string& summary) {
    for (const auto& item : calendar) {
        if (item["summary"] == summary) {
            return item;
        }
    }
    ADD_FAILURE() << "no " << summary << " in " << calendar.dump();
    return nlohmann::json::object();
}

}  // namespace

TEST_P(CalendarFeedTest, TheFeedHoldsMyTasksAndMeetingsWithRecurrenceZonesAndAlarms) {
    create(rep_, "Meeting",
           {{"title", "Weekly pipeline review"},
            {"starts_at", "2026-03-23T08:00:00Z"},
            {"ends_at", "2026-03-23T08:45:00Z"},
            {"time_zone", "Europe/Berlin"},
            {"rrule", "FREQ=WEEKLY;BYDAY=MO;COUNT=10"},
            {"location", "Room Atlas; 2nd floor, east"},
            {"description",
             "Agenda:\n1. Pipeline\n2. Forecast — with Zoë and the Köln team, "
             "a long line that must be folded at seventy-five octets somewhere"},
            {"reminder_offsets", {15, 1440}}});
    create(other_, "Meeting",
           {{"title", "Invited"},
            {"starts_at", "2026-04-01T12:00:00Z"},
            {"ends_at", "2026-04-01T13:00:00Z"},
            {"attendee_ids", {rep_.userId}}});
    create(other_, "Meeting",
           {{"title", "Not mine"},
            {"starts_at", "2026-04-01T12:00:00Z"},
            {"ends_at", "2026-04-01T13:00:00Z"}});
    create(rep_, "Meeting",
           {{"title", "Offsite"},
            {"starts_at", "2026-05-04T00:00:00Z"},
            {"ends_at", "2026-05-05T00:00:00Z"},
            {"all_day", true},
            {"time_zone", "UTC"}});
    create(rep_, "Task",
           {{"title", "Month-end report"},
            {"due_at", "2026-01-31T16:00:00Z"},
            {"time_zone", "Europe/Berlin"},
            {"rrule", "FREQ=MONTHLY;BYMONTHDAY=-1"},
            {"priority", "high"}});
    Record dropped =
        create(rep_, "Task", {{"title", "Dropped"}, {"due_at", "2026-03-01T10:00:00Z"}});
    records().update(rep_, "Task", dropped["id"], dropped["version"], {{"status", "cancelled"}});

    auto rep = kernel_->signIn("rep");
    auto page = rep.postForm("/p/activities/calendar/subscription", {});
    ASSERT_EQ(page.status, 200) << page.body;
    std::string feed = feedPath(page.body);
    ASSERT_FALSE(feed.empty()) << page.body;
    auto answer = kernel_->anonymous().get(feed);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(contains(answer.header("content-type"), "text/calendar"));
    EXPECT_TRUE(contains(answer.body, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
    for (std::size_t at = 0, end; (end = answer.body.find("\r\n", at)) != std::string::npos;
         at = end + 2) {
        EXPECT_LE(end - at, 75u) << answer.body.substr(at, end - at);
    }
    auto calendar = parsedByIcalendar(answer.body);
    ASSERT_EQ(calendar.size(), 4u) << calendar.dump();
    auto weekly = component(calendar, "Weekly pipeline review");
    EXPECT_EQ(weekly["type"], "VEVENT");
    EXPECT_EQ(weekly["location"], "Room Atlas; 2nd floor, east");
    EXPECT_TRUE(contains(weekly["description"],
                         "Agenda:\n1. Pipeline\n2. Forecast — with Zoë and the Köln team"));
    EXPECT_EQ(weekly["rrule"], "FREQ=WEEKLY;COUNT=10;BYDAY=MO");
    // 9:00 in Berlin, before and after the clocks go forward on 29 March.
    EXPECT_EQ(weekly["occurrences"],
              nlohmann::json({"2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z",
                              "2026-04-06T07:00:00Z", "2026-04-13T07:00:00Z"}));
    EXPECT_EQ(weekly["alarms"], nlohmann::json({"-1 day, 0:00:00", "-1 day, 23:45:00"}));
    EXPECT_EQ(component(calendar, "Invited")["start"], "2026-04-01T12:00:00Z");
    EXPECT_EQ(component(calendar, "Offsite")["start"], "2026-05-04");
    auto report = component(calendar, "Month-end report");
    EXPECT_EQ(report["type"], "VTODO");
    EXPECT_EQ(report["occurrences"],
              nlohmann::json({"2026-01-31T16:00:00Z", "2026-02-28T16:00:00Z",
                              "2026-03-31T15:00:00Z", "2026-04-30T15:00:00Z"}));

    // A new link ends the old one; revoking ends every link.
    auto renewed = rep.postForm("/p/activities/calendar/subscription", {});
    std::string second = feedPath(renewed.body);
    EXPECT_NE(second, feed);
    EXPECT_EQ(kernel_->anonymous().get(feed).status, 404);
    EXPECT_EQ(kernel_->anonymous().get(second).status, 200);
    EXPECT_TRUE(contains(rep.get("/p/activities/calendar/subscription").body, "is active"));
    EXPECT_EQ(rep.postForm("/p/activities/calendar/subscription/revoke", {}).status, 303);
    EXPECT_EQ(kernel_->anonymous().get(second).status, 404);
    EXPECT_EQ(kernel_->anonymous().get("/p/activities/ical/not-a-token.ics").status, 404);
    EXPECT_EQ(
        kernel_->anonymous().get("/p/activities/ical/" + std::string(64, 'a') + ".ics").status,
        404);
}

TEST_P(CalendarFeedTest, OneMeetingDownloadsAsAnIcsFileForWhoeverMayReadIt) {
    Record meeting = create(rep_, "Meeting",
                            {{"title", "Contract signing"},
                             {"starts_at", "2026-07-01T07:00:00Z"},
                             {"ends_at", "2026-07-01T08:00:00Z"},
                             {"time_zone", "Europe/Berlin"}});
    Record night = create(rep_, "Meeting",
                          {{"title", "Night shift handover"},
                           {"starts_at", "2026-10-25T00:30:00Z"},
                           {"ends_at", "2026-10-25T01:00:00Z"},
                           {"time_zone", "Europe/Berlin"}});
    auto detail = kernel_->signIn("rep").get("/r/meetings/" + meeting["id"].dump());
    EXPECT_TRUE(contains(detail.body, "/p/activities/meetings/" + meeting["id"].dump() + "/ics"));
    auto download =
        kernel_->signIn("rep").get("/p/activities/meetings/" + meeting["id"].dump() + "/ics");
    ASSERT_EQ(download.status, 200);
    EXPECT_TRUE(contains(download.header("content-disposition"),
                         "meeting-" + meeting["id"].dump() + ".ics"));
    EXPECT_TRUE(contains(download.body, "DTSTART;TZID=Europe/Berlin:20260701T090000"));
    auto calendar = parsedByIcalendar(download.body);
    ASSERT_EQ(calendar.size(), 1u);
    EXPECT_EQ(calendar[0]["start"], "2026-07-01T07:00:00Z");
    // 02:30 local happens twice that night; RFC 5545 reads it as the first (summer time).
    auto handover =
        kernel_->signIn("rep").get("/p/activities/meetings/" + night["id"].dump() + "/ics");
    EXPECT_TRUE(contains(handover.body, "DTSTART;TZID=Europe/Berlin:20261025T023000"));
    EXPECT_EQ(kernel_->signIn("other")
                  .get("/p/activities/meetings/" + meeting["id"].dump() + "/ics")
                  .status,
              404);
    EXPECT_EQ(kernel_->signIn("rep").get("/p/activities/meetings/abc/ics").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarFeedTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
