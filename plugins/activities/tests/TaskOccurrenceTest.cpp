#include "ActivitiesFixture.hpp"
#include "PythonReader.hpp"

using namespace activities::test;

namespace {

class TaskOccurrenceTest : public ActivitiesFixture {
protected:
    /// The last day of each month at 17:00 Berlin time.
    Record monthEnd() {
        return create(rep_, "Task",
                      {{"title", "Month-end report"},
                       {"due_at", "2026-01-31T16:00:00Z"},
                       {"time_zone", "Europe/Berlin"},
                       {"rrule", "FREQ=MONTHLY;BYMONTHDAY=-1"}});
    }

    static std::string path(const Record& task) {
        return "/p/activities/tasks/" + task["id"].dump() + "/occurrence";
    }

    tessera::sdk::testing::HttpAnswer post(const std::string& login, const Record& task,
                                           tessera::sdk::testing::HttpClient::Fields fields) {
        return kernel_->signIn(login).postForm(path(task), std::move(fields));
    }

    /// The open task of the series, after completing or skipping.
    Record openOne() {
        auto rows = records()
                        .query(rep_, {.entity = "Task",
                                      .filter = tessera::sdk::Filter::eq("status", "open")})
                        .rows;
        EXPECT_EQ(rows.size(), 1u);
        return rows.empty() ? Record() : rows[0];
    }

    void complete(const Record& task) {
        Record now = records().get(rep_, "Task", task["id"]);
        records().update(rep_, "Task", now["id"], now["version"], {{"status", "done"}});
    }
};

/// The VTODOs as python3-icalendar reads them: due (UTC), RECURRENCE-ID (UTC) and RRULE.
nlohmann::json todosByIcalendar(const std::string& ics) {
    std::string script =
        "import json,sys,datetime,icalendar\n"
        "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "utc=datetime.timezone.utc\n"
        "iso=lambda v: v.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ')\n"
        "print(json.dumps([{'uid':str(c.get('uid')),'due':iso(c.get('due').dt),\n"
        "  'recurrence_id':iso(c.get('recurrence-id').dt) if c.get('recurrence-id') else '',\n"
        "  'rrule':c.get('rrule').to_ical().decode() if c.get('rrule') else ''}\n"
        "  for c in cal.walk('VTODO')]))\n";
    return tessera::test::readWithPython(script, ics);
}

}  // namespace

TEST_P(TaskOccurrenceTest, AMovedOccurrenceKeepsTheScheduleAndTheSeriesMovesFromHereOn) {
    Record task = monthEnd();
    EXPECT_EQ(task["scheduled_at"], "2026-01-31T16:00:00Z");
    auto rep = kernel_->signIn("rep");
    EXPECT_TRUE(contains(rep.get("/r/tasks/" + task["id"].dump()).body, path(task)));
    auto page = rep.get(path(task));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "value=\"2026-01-31T17:00\""));
    // This one only: to Monday 2 February at 9:00.
    auto moved = post("rep", task,
                      {{"action", "change"},
                       {"scope", "this"},
                       {"title", "Month-end report"},
                       {"due_at", "2026-02-02T09:00"}});
    ASSERT_EQ(moved.status, 303) << moved.body;
    Record after = records().get(rep_, "Task", task["id"]);
    EXPECT_EQ(after["due_at"], "2026-02-02T08:00:00Z");
    EXPECT_EQ(after["scheduled_at"], "2026-01-31T16:00:00Z");
    EXPECT_TRUE(contains(rep.get(path(task)).body, "moved from Sat 31 Jan 2026, 17:00"));
    // The feed: the series at its schedule, this one moved.
    auto todos = todosByIcalendar(feedOf("rep"));
    ASSERT_EQ(todos.size(), 2u) << todos.dump();
    EXPECT_EQ(todos[0]["due"], "2026-01-31T16:00:00Z");
    EXPECT_EQ(todos[0]["rrule"], "FREQ=MONTHLY;BYMONTHDAY=-1");
    EXPECT_EQ(todos[1]["uid"], todos[0]["uid"]);
    EXPECT_EQ(todos[1]["recurrence_id"], "2026-01-31T16:00:00Z");
    EXPECT_EQ(todos[1]["due"], "2026-02-02T08:00:00Z");
    // Completing it makes the next one on schedule: the last day of February.
    complete(task);
    Record february = openOne();
    EXPECT_EQ(february["due_at"], "2026-02-28T16:00:00Z");
    // This and following: from 27 March at 10:00; the next after it is the last day of March at
    // 10:00 summer time.
    ASSERT_EQ(post("rep", february,
                   {{"action", "change"},
                    {"scope", "following"},
                    {"title", "Month-end report"},
                    {"due_at", "2026-03-27T10:00"}})
                  .status,
              303);
    complete(february);
    Record march = openOne();
    EXPECT_EQ(march["due_at"], "2026-03-31T08:00:00Z");
    // Skipping makes the next one; ending the series makes none.
    auto skipped = post("rep", march, {{"action", "skip"}});
    ASSERT_EQ(skipped.status, 303) << skipped.body;
    EXPECT_EQ(records().get(rep_, "Task", march["id"])["status"], "cancelled");
    Record april = openOne();
    EXPECT_EQ(april["due_at"], "2026-04-30T08:00:00Z");
    EXPECT_EQ(skipped.header("location"), "/r/tasks/" + april["id"].dump());
    ASSERT_EQ(post("rep", april, {{"action", "end"}}).status, 303);
    EXPECT_EQ(records().count(
                  rep_, {.entity = "Task", .filter = tessera::sdk::Filter::eq("status", "open")}),
              0);
}

TEST_P(TaskOccurrenceTest, BadChangesAreRefusedNamingTheFieldAndNothingChanges) {
    Record task = monthEnd();
    Record once = create(rep_, "Task", {{"title", "Once"}, {"due_at", "2026-03-03T10:00:00Z"}});
    auto expectRefused = [&](const Record& target, tessera::sdk::testing::HttpClient::Fields fields,
                             int status, const std::string& text) {
        auto answer = post("rep", target, std::move(fields));
        EXPECT_EQ(answer.status, status) << answer.body;
        EXPECT_TRUE(contains(answer.body, text)) << answer.body;
    };
    expectRefused(task,
                  {{"action", "change"}, {"scope", "this"}, {"title", "x"}, {"due_at", "soon"}},
                  422, "must be a date and time like 2026-03-31T14:30");
    expectRefused(task, {{"action", "change"}, {"scope", "this"}, {"title", "x"}}, 422, "due_at");
    expectRefused(task, {{"action", "change"}, {"scope", "most"}, {"title", "x"}}, 422,
                  "must be this, following or all");
    expectRefused(task, {{"action", "explode"}}, 422, "must be change, skip or end");
    expectRefused(once, {{"action", "skip"}}, 422, "does not repeat");
    expectRefused(once,
                  {{"action", "change"},
                   {"scope", "following"},
                   {"title", "x"},
                   {"due_at", "2026-03-04T10:00"}},
                  422, "only this one can change");
    // Another team's rep may not see it.
    auto theirs = kernel_->signIn("other").postForm(path(task), {{"action", "skip"}});
    EXPECT_EQ(theirs.status, 404);
    EXPECT_EQ(records().get(rep_, "Task", task["id"])["version"], task["version"]);
    EXPECT_EQ(count("Task"), 2);
    complete(task);
    expectRefused(task, {{"action", "skip"}}, 422, "the task is done already");
    EXPECT_EQ(count("Task"), 3);  // the two and the next of the series, no more
}

INSTANTIATE_TEST_SUITE_P(Backends, TaskOccurrenceTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
