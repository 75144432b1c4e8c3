#include "ActivitiesFixture.hpp"

using namespace activities::test;

namespace {

class CalendarPageTest : public ActivitiesFixture {};

}  // namespace

TEST_P(CalendarPageTest, MonthWeekAndDayShowMeetingsRepeatedTasksAndWhatIAttend) {
    create(rep_, "Meeting",
           {{"title", "Standup"},
            {"starts_at", "2026-03-02T08:00:00Z"},
            {"ends_at", "2026-03-02T08:15:00Z"},
            {"time_zone", "Europe/Berlin"},
            {"rrule", "FREQ=WEEKLY;BYDAY=MO"}});
    create(rep_, "Task", {{"title", "Quarterly numbers"}, {"due_at", "2026-03-31T15:00:00Z"}});
    create(other_, "Meeting",
           {{"title", "Invited review"},
            {"starts_at", "2026-03-10T13:00:00Z"},
            {"ends_at", "2026-03-10T14:00:00Z"},
            {"attendee_ids", {rep_.userId}}});
    create(other_, "Meeting",
           {{"title", "Private one"},
            {"starts_at", "2026-03-11T13:00:00Z"},
            {"ends_at", "2026-03-11T14:00:00Z"}});
    auto rep = kernel_->signIn("rep");
    auto month = rep.get("/p/activities/calendar?view=month&date=2026-03-15");
    ASSERT_EQ(month.status, 200) << month.body;
    EXPECT_TRUE(contains(month.body, "Mar 2026"));
    // Mondays in March 2026: 2, 9, 16, 23, 30 — at 9:00 Berlin time, also after 29 March.
    EXPECT_EQ(occurrences(month.body, "title=\"09:00 Standup\""), 5u) << month.body;
    EXPECT_TRUE(contains(month.body, "17:00 Quarterly numbers"));
    EXPECT_TRUE(contains(month.body, "Invited review"));
    EXPECT_FALSE(contains(month.body, "Private one"));
    auto week = rep.get("/p/activities/calendar?view=week&date=2026-03-31");
    EXPECT_TRUE(contains(week.body, "Mon 30 Mar 2026 – Sun 5 Apr 2026"));
    EXPECT_EQ(occurrences(week.body, "Standup"), 1u);
    EXPECT_TRUE(contains(week.body, "Quarterly numbers"));
    auto day = rep.get("/p/activities/calendar?view=day&date=2026-03-10");
    EXPECT_TRUE(contains(day.body, "<strong>14:00</strong> Invited review"));
    EXPECT_FALSE(contains(day.body, "Standup"));
    // A colleague's calendar shows only what the viewer may read.
    auto theirs = rep.get("/p/activities/calendar?view=month&date=2026-03-15&who=" +
                          std::to_string(other_.userId));
    EXPECT_TRUE(contains(theirs.body, "other&#39;s calendar") ||
                contains(theirs.body, "other's calendar"))
        << theirs.body;
    EXPECT_FALSE(contains(theirs.body, "Private one"));
    auto admin = kernel_->signIn("admin").get(
        "/p/activities/calendar?view=month&date=2026-03-15&who=" + std::to_string(other_.userId));
    EXPECT_TRUE(contains(admin.body, "Private one"));
    EXPECT_EQ(rep.get("/p/activities/calendar?view=year").status, 422);
    EXPECT_EQ(rep.get("/p/activities/calendar?date=31.03.2026").status, 422);
    EXPECT_EQ(rep.get("/p/activities/calendar?who=424242").status, 422);
    EXPECT_EQ(rep.get("/p/activities/calendar?who=x").status, 422);
}

TEST_P(CalendarPageTest, AMeetingIsPlannedFromARecordWithAttendeesAndAReminder) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    auto rep = kernel_->signIn("rep");
    EXPECT_TRUE(contains(rep.get("/r/companies/" + acme["id"].dump()).body,
                         "/p/activities/calendar?view=week&amp;plan=1&amp;entity=Company&amp;id=" +
                             acme["id"].dump()));
    auto form =
        rep.get("/p/activities/calendar?view=week&plan=1&entity=Company&id=" + acme["id"].dump());
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body, "Plan a meeting on Acme GmbH"));
    auto made = rep.postForm("/p/activities/meetings", {{"title", "Kick-off"},
                                                        {"starts_at", "2026-03-10T14:00"},
                                                        {"duration_minutes", "45"},
                                                        {"location", "Video call"},
                                                        {"attendee", std::to_string(rep_.userId)},
                                                        {"attendee", std::to_string(other_.userId)},
                                                        {"reminder", "10"},
                                                        {"entity", "Company"},
                                                        {"id", acme["id"].dump()}});
    ASSERT_EQ(made.status, 303) << made.body;
    EXPECT_EQ(made.header("location"), "/p/activities/calendar?view=week&date=2026-03-10");
    Record meeting = records().query(rep_, {.entity = "Meeting"}).rows.at(0);
    EXPECT_EQ(meeting["starts_at"], "2026-03-10T13:00:00Z");
    EXPECT_EQ(meeting["ends_at"], "2026-03-10T13:45:00Z");
    EXPECT_EQ(meeting["attendee_ids"], nlohmann::json({rep_.userId, other_.userId}));
    EXPECT_EQ(meeting["reminder_offsets"], nlohmann::json({10}));
    EXPECT_EQ(meeting["record_title"], "Acme GmbH");
    // The invited colleague has it on their calendar.
    EXPECT_TRUE(contains(
        kernel_->signIn("other").get("/p/activities/calendar?view=day&date=2026-03-10").body,
        "Kick-off"));
    EXPECT_EQ(
        rep.postForm("/p/activities/meetings", {{"title", ""}, {"starts_at", "2026-03-10T14:00"}})
            .status,
        422);
    EXPECT_EQ(rep.postForm("/p/activities/meetings", {{"title", "x"}}).status, 422);
    EXPECT_EQ(
        rep.postForm("/p/activities/meetings",
                     {{"title", "x"}, {"starts_at", "2026-03-10T14:00"}, {"duration_minutes", "0"}})
            .status,
        422);
    EXPECT_EQ(
        rep.postForm("/p/activities/meetings",
                     {{"title", "x"}, {"starts_at", "2026-03-10T14:00"}, {"attendee", "99999"}})
            .status,
        422);
    EXPECT_EQ(count("Meeting"), 1);
}

TEST_P(CalendarPageTest, ASharedCalendarShowsItsMeetingsToWhoeverMayReadIt) {
    Record room = create(rep_, "SharedCalendar", {{"name", "Room Atlas"}});
    create(admin_, "Meeting",
           {{"title", "Board meeting"},
            {"starts_at", "2026-03-12T09:00:00Z"},
            {"ends_at", "2026-03-12T11:00:00Z"},
            {"calendar_id", room["id"]}});
    create(admin_, "Meeting",
           {{"title", "Elsewhere"},
            {"starts_at", "2026-03-12T09:00:00Z"},
            {"ends_at", "2026-03-12T10:00:00Z"}});
    auto rep = kernel_->signIn("rep");
    std::string who = "calendar-" + room["id"].dump();
    auto mine = rep.get("/p/activities/calendar?view=month&date=2026-03-12");
    EXPECT_TRUE(contains(mine.body, "who=" + who));  // offered as a tab
    EXPECT_FALSE(contains(mine.body, "Board meeting"));
    auto shared = rep.get("/p/activities/calendar?view=month&date=2026-03-12&who=" + who);
    ASSERT_EQ(shared.status, 200);
    EXPECT_TRUE(contains(shared.body, "<h1>Room Atlas</h1>"));
    EXPECT_TRUE(contains(shared.body, "Board meeting"));
    EXPECT_FALSE(contains(shared.body, "Elsewhere"));
    // Someone who may not read the calendar gets no view of it.
    EXPECT_EQ(kernel_->signIn("other").get("/p/activities/calendar?who=" + who).status, 404);
    EXPECT_EQ(rep.get("/p/activities/calendar?who=calendar-x").status, 422);
    auto planned = rep.postForm("/p/activities/meetings", {{"title", "Workshop"},
                                                           {"starts_at", "2026-03-13T10:00"},
                                                           {"calendar_id", room["id"].dump()}});
    ASSERT_EQ(planned.status, 303) << planned.body;
    EXPECT_TRUE(contains(
        rep.get("/p/activities/calendar?view=month&date=2026-03-12&who=" + who).body, "Workshop"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarPageTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
