#include "ActivitiesFixture.hpp"
#include "PythonReader.hpp"

using namespace activities::test;

namespace {

class OccurrenceTest : public ActivitiesFixture {
protected:
    /// A weekly Monday meeting at 9:00 Berlin time, eight times from 2 March 2026 (the clocks go
    /// forward on 29 March).
    Record weekly() {
        return create(rep_, "Meeting",
                      {{"title", "Team meeting"},
                       {"starts_at", "2026-03-02T08:00:00Z"},
                       {"ends_at", "2026-03-02T09:00:00Z"},
                       {"location", "Room Atlas"},
                       {"time_zone", "Europe/Berlin"},
                       {"rrule", "FREQ=WEEKLY;BYDAY=MO;COUNT=8"}});
    }

    static std::string path(const Record& meeting) {
        return "/p/activities/meetings/" + meeting["id"].dump() + "/occurrence";
    }

    tessera::sdk::testing::HttpAnswer post(const std::string& login, const Record& meeting,
                                           tessera::sdk::testing::HttpClient::Fields fields) {
        return kernel_->signIn(login).postForm(path(meeting), std::move(fields));
    }

    Record reread(const Record& meeting) { return records().get(admin_, "Meeting", meeting["id"]); }

    std::string ics(const Record& meeting) {
        auto answer =
            kernel_->signIn("rep").get("/p/activities/meetings/" + meeting["id"].dump() + "/ics");
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.body;
    }
};

/// What a calendar client shows from the file: per series (by its SUMMARY) the occurrences in
/// UTC with their titles, after EXDATEs and the VEVENTs that replace single occurrences
/// (RECURRENCE-ID), as python3-icalendar and dateutil read them.
nlohmann::json shownByClient(const std::string& ics) {
    std::string script =
        "import json,sys,re,datetime,icalendar\n"
        "from dateutil.rrule import rrulestr\n"
        "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "utc=datetime.timezone.utc\n"
        "def iso(v): return v.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ')\n"
        "def aware(d,tz): return tz.localize(d) if hasattr(tz,'localize') else "
        "d.replace(tzinfo=tz)\n"
        "series={}; changed=[]\n"
        "for c in cal.walk('VEVENT'):\n"
        "  (changed if c.get('recurrence-id') else "
        "series.setdefault(str(c.get('uid')),[])).append(c)\n"
        "out={}\n"
        "for uid,[c] in series.items():\n"
        "  start=c.get('dtstart').dt; tz=start.tzinfo; items=[]\n"
        "  mine=[o for o in changed if str(o.get('uid'))==uid]\n"
        "  skip={iso(o.get('recurrence-id').dt) for o in mine}\n"
        "  ex=c.get('exdate'); ex=ex if isinstance(ex,list) else ([ex] if ex else [])\n"
        "  for e in ex:\n"
        "    for d in e.dts: skip.add(iso(d.dt))\n"
        "  text=c.get('rrule').to_ical().decode()\n"
        "  m=re.search(r'UNTIL=(\\d{8}T\\d{6})Z',text)\n"
        "  if m:\n"
        "    until=datetime.datetime.strptime(m.group(1),'%Y%m%dT%H%M%S').replace(tzinfo=utc)\n"
        "    "
        "text=text.replace(m.group(0),'UNTIL='+until.astimezone(tz).strftime('%Y%m%dT%H%M%S'))\n"
        "  for d in list(rrulestr(text,dtstart=start.replace(tzinfo=None))[:60]):\n"
        "    if iso(aware(d,tz)) not in skip: "
        "items.append([iso(aware(d,tz)),str(c.get('summary'))])\n"
        "  items+=[[iso(o.get('dtstart').dt),str(o.get('summary'))] for o in mine]\n"
        "  out[str(c.get('summary'))]=sorted(items)\n"
        "print(json.dumps(out))\n";
    return tessera::test::readWithPython(script, ics);
}

/// [[start, title], ...] as the reader prints it.
nlohmann::json pairs(const std::vector<std::pair<std::string, std::string>>& items) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [start, title] : items) {
        out.push_back(nlohmann::json::array({start, title}));
    }
    return out;
}

}  // namespace

TEST_P(OccurrenceTest, OneOccurrenceIsMovedAndAnotherCancelledAndTheFeedCarriesBoth) {
    Record series = weekly();
    auto rep = kernel_->signIn("rep");
    auto month = rep.get("/p/activities/calendar?view=month&date=2026-03-15");
    EXPECT_TRUE(contains(month.body, path(series) + "?at=20260309T080000Z")) << month.body;
    auto page = rep.get(path(series) + "?at=20260309T080000Z");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Mon 9 Mar 2026, 09:00"));
    EXPECT_TRUE(contains(page.body, "value=\"2026-03-09T09:00\""));

    auto moved = post("rep", series,
                      {{"at", "20260309T080000Z"},
                       {"scope", "this"},
                       {"action", "change"},
                       {"title", "Team meeting (moved)"},
                       {"starts_at", "2026-03-10T11:00"},
                       {"duration_minutes", "45"},
                       {"location", "Room Atlas"}});
    ASSERT_EQ(moved.status, 303) << moved.body;
    EXPECT_EQ(moved.header("location"), "/p/activities/calendar?view=week&date=2026-03-10");
    EXPECT_EQ(
        post("rep", series, {{"at", "20260316T080000Z"}, {"scope", "this"}, {"action", "cancel"}})
            .status,
        303);
    Record after = reread(series);
    EXPECT_EQ(after["overridden"], nlohmann::json({"2026-03-09T08:00:00Z"}));
    EXPECT_EQ(after["exdates"], nlohmann::json({"2026-03-16T08:00:00Z"}));
    EXPECT_EQ(after["rrule"], "FREQ=WEEKLY;BYDAY=MO;COUNT=8");

    // The calendar: 9:00 on 2, 23 and 30 March (after the clocks change too), the moved one on
    // Tuesday at 11:00, nothing on the 16th.
    month = rep.get("/p/activities/calendar?view=month&date=2026-03-15");
    EXPECT_EQ(occurrences(month.body, "title=\"09:00 Team meeting\""), 3u) << month.body;
    EXPECT_EQ(occurrences(month.body, "title=\"11:00 Team meeting (moved)\""), 1u);
    EXPECT_TRUE(contains(rep.get("/p/activities/calendar?view=day&date=2026-03-16").body,
                         "Nothing planned."));
    // The moved occurrence links to its page, which shows it changed.
    EXPECT_TRUE(contains(rep.get(path(series) + "?at=20260309T080000Z").body,
                         "changed from Mon 9 Mar 2026, 09:00"));

    // Changing it again changes the same record.
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260309T080000Z"},
                    {"scope", "this"},
                    {"action", "change"},
                    {"title", "Team meeting (moved twice)"},
                    {"starts_at", "2026-03-10T12:00"},
                    {"duration_minutes", "30"}})
                  .status,
              303);
    EXPECT_EQ(count("Meeting"), 2);

    std::string file = ics(series);
    EXPECT_TRUE(contains(file, "EXDATE;TZID=Europe/Berlin:20260316T090000")) << file;
    EXPECT_TRUE(contains(file, "RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000"));
    EXPECT_EQ(occurrences(file, "UID:meeting-" + series["id"].dump() + "@tessera"), 2u);
    auto shown = shownByClient(file);
    EXPECT_EQ(shown["Team meeting"], pairs({{"2026-03-02T08:00:00Z", "Team meeting"},
                                            {"2026-03-10T11:00:00Z", "Team meeting (moved twice)"},
                                            {"2026-03-23T08:00:00Z", "Team meeting"},
                                            {"2026-03-30T07:00:00Z", "Team meeting"},
                                            {"2026-04-06T07:00:00Z", "Team meeting"},
                                            {"2026-04-13T07:00:00Z", "Team meeting"},
                                            {"2026-04-20T07:00:00Z", "Team meeting"}}))
        << shown.dump();

    // Cancelling the moved occurrence removes its record and lists it as cancelled.
    ASSERT_EQ(
        post("rep", series, {{"at", "20260309T080000Z"}, {"scope", "this"}, {"action", "cancel"}})
            .status,
        303);
    after = reread(series);
    EXPECT_EQ(after["overridden"], nlohmann::json::array());
    EXPECT_EQ(after["exdates"], nlohmann::json({"2026-03-09T08:00:00Z", "2026-03-16T08:00:00Z"}));
    EXPECT_EQ(count("Meeting"), 1);
}

TEST_P(OccurrenceTest, WrongOccurrencesScopesAndCallersAreRefusedAndNothingChanges) {
    Record series = weekly();
    Record single = create(rep_, "Meeting",
                           {{"title", "Once"},
                            {"starts_at", "2026-03-03T08:00:00Z"},
                            {"ends_at", "2026-03-03T09:00:00Z"}});
    auto refused = [&](const std::string& login, const Record& meeting,
                       tessera::sdk::testing::HttpClient::Fields fields, int status,
                       const std::string& text) {
        auto answer = post(login, meeting, std::move(fields));
        EXPECT_EQ(answer.status, status) << answer.body;
        EXPECT_TRUE(contains(answer.body, text)) << answer.body;
    };
    refused("rep", series, {{"at", "20260310T080000Z"}, {"scope", "this"}, {"action", "cancel"}},
            422, "is not an occurrence of this meeting");
    refused("rep", series, {{"at", "20260427T070000Z"}, {"scope", "this"}, {"action", "cancel"}},
            422, "is not an occurrence of this meeting");  // after COUNT ran out
    refused("rep", series, {{"at", "2026-03-09"}, {"scope", "this"}, {"action", "cancel"}}, 422,
            "must be an occurrence like 20260302T080000Z");
    refused("rep", series, {{"at", "20260309T080000Z"}, {"scope", "some"}, {"action", "cancel"}},
            422, "must be this, following or all");
    refused("rep", single, {{"at", "20260303T080000Z"}, {"scope", "this"}, {"action", "cancel"}},
            422, "does not repeat");
    refused("rep", series,
            {{"at", "20260309T080000Z"},
             {"scope", "this"},
             {"action", "change"},
             {"title", ""},
             {"starts_at", "2026-03-09T09:00"}},
            422, "title");
    refused("rep", series,
            {{"at", "20260309T080000Z"},
             {"scope", "this"},
             {"action", "change"},
             {"title", "x"},
             {"starts_at", "2026-03-09T09:00"},
             {"duration_minutes", "0"}},
            422, "must be 1 to 1440 minutes");
    // A colleague of another team may not see the meeting, let alone change it.
    refused("other", series, {{"at", "20260309T080000Z"}, {"scope", "all"}, {"action", "cancel"}},
            404, "");
    EXPECT_EQ(kernel_->signIn("other").get(path(series) + "?at=20260309T080000Z").status, 404);
    EXPECT_EQ(kernel_->signIn("rep").get(path(series) + "?at=20260310T080000Z").status, 404);
    ASSERT_EQ(
        post("rep", series, {{"at", "20260316T080000Z"}, {"scope", "this"}, {"action", "cancel"}})
            .status,
        303);
    refused("rep", series, {{"at", "20260316T080000Z"}, {"scope", "this"}, {"action", "cancel"}},
            422, "is not an occurrence of this meeting");  // already cancelled
    EXPECT_EQ(count("Meeting"), 2);
    EXPECT_EQ(reread(series)["exdates"], nlohmann::json({"2026-03-16T08:00:00Z"}));
    EXPECT_TRUE(reread(series)["overridden"].empty());
}

TEST_P(OccurrenceTest, ThisAndFollowingSplitsAMonthEndSeriesAcrossTheClockChange) {
    // The last day of each month at 16:00 Berlin time, six times from January.
    Record series = create(rep_, "Meeting",
                           {{"title", "Month-end close"},
                            {"starts_at", "2026-01-31T15:00:00Z"},
                            {"ends_at", "2026-01-31T16:00:00Z"},
                            {"time_zone", "Europe/Berlin"},
                            {"rrule", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6"}});
    // A single change in May goes when the series is split before it.
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260531T140000Z"},
                    {"scope", "this"},
                    {"action", "change"},
                    {"title", "May close"},
                    {"starts_at", "2026-05-29T16:00"}})
                  .status,
              303);
    ASSERT_EQ(count("Meeting"), 2);
    auto split = post("rep", series,
                      {{"at", "20260331T140000Z"},
                       {"scope", "following"},
                       {"action", "change"},
                       {"title", "Month-end close (late)"},
                       {"starts_at", "2026-03-31T17:00"},
                       {"duration_minutes", "60"}});
    ASSERT_EQ(split.status, 303) << split.body;
    Record before = reread(series);
    EXPECT_EQ(before["rrule"], "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20260331T135959Z");
    EXPECT_TRUE(before["overridden"].empty());
    auto rows = records().query(rep_, {.entity = "Meeting", .sort = {{"id", false}}}).rows;
    ASSERT_EQ(rows.size(), 2u);  // the May change went, a new series came
    Record rest = rows[1];
    EXPECT_EQ(rest["title"], "Month-end close (late)");
    EXPECT_EQ(rest["starts_at"], "2026-03-31T15:00:00Z");
    EXPECT_EQ(rest["rrule"], "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4");
    EXPECT_EQ(rest["time_zone"], "Europe/Berlin");

    auto rep = kernel_->signIn("rep");
    EXPECT_TRUE(contains(rep.get("/p/activities/calendar?view=day&date=2026-02-28").body,
                         "<strong>16:00</strong> Month-end close"));
    EXPECT_TRUE(contains(rep.get("/p/activities/calendar?view=day&date=2026-04-30").body,
                         "<strong>17:00</strong> Month-end close (late)"));
    auto shown = shownByClient(feedOf("rep"));
    EXPECT_EQ(shown["Month-end close"], pairs({{"2026-01-31T15:00:00Z", "Month-end close"},
                                               {"2026-02-28T15:00:00Z", "Month-end close"}}))
        << shown.dump();
    EXPECT_EQ(shown["Month-end close (late)"],
              pairs({{"2026-03-31T15:00:00Z", "Month-end close (late)"},
                     {"2026-04-30T15:00:00Z", "Month-end close (late)"},
                     {"2026-05-31T15:00:00Z", "Month-end close (late)"},
                     {"2026-06-30T15:00:00Z", "Month-end close (late)"}}));

    // Cancelling from May on ends the new series after April.
    ASSERT_EQ(post("rep", rest,
                   {{"at", "20260531T150000Z"}, {"scope", "following"}, {"action", "cancel"}})
                  .status,
              303);
    EXPECT_EQ(reread(rest)["rrule"], "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20260531T145959Z");
    EXPECT_FALSE(contains(rep.get("/p/activities/calendar?view=day&date=2026-05-31").body,
                          "Month-end close"));
}

TEST_P(OccurrenceTest, AllOccurrencesMoveWithTheirExceptionsOrGoTogether) {
    Record series = weekly();
    ASSERT_EQ(
        post("rep", series, {{"at", "20260316T080000Z"}, {"scope", "this"}, {"action", "cancel"}})
            .status,
        303);
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260323T080000Z"},
                    {"scope", "this"},
                    {"action", "change"},
                    {"title", "Team meeting with guests"},
                    {"starts_at", "2026-03-23T09:00"}})
                  .status,
              303);
    // Every occurrence an hour later, from an occurrence in April (summer time) on.
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260406T070000Z"},
                    {"scope", "all"},
                    {"action", "change"},
                    {"title", "Team meeting"},
                    {"starts_at", "2026-04-06T10:00"},
                    {"duration_minutes", "30"}})
                  .status,
              303);
    Record after = reread(series);
    EXPECT_EQ(after["starts_at"], "2026-03-02T09:00:00Z");
    EXPECT_EQ(after["ends_at"], "2026-03-02T09:30:00Z");
    EXPECT_EQ(after["exdates"], nlohmann::json({"2026-03-16T09:00:00Z"}));
    EXPECT_EQ(after["overridden"], nlohmann::json({"2026-03-23T09:00:00Z"}));
    auto rep = kernel_->signIn("rep");
    auto month = rep.get("/p/activities/calendar?view=month&date=2026-03-15");
    // 2, 9 and 30 March at 10:00; the 16th cancelled; the 23rd the changed one at 09:00.
    EXPECT_EQ(occurrences(month.body, "title=\"10:00 Team meeting\""), 3u) << month.body;
    EXPECT_EQ(occurrences(month.body, "title=\"09:00 Team meeting with guests\""), 1u);
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260302T090000Z"}, {"scope", "following"}, {"action", "cancel"}})
                  .status,
              303);  // from the first occurrence on: the whole series
    EXPECT_EQ(count("Meeting"), 0);
}

TEST_P(OccurrenceTest, DeletingAChangedOccurrenceCancelsItAndDeletingASeriesTakesItsChanges) {
    Record series = weekly();
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260309T080000Z"},
                    {"scope", "this"},
                    {"action", "change"},
                    {"title", "Moved"},
                    {"starts_at", "2026-03-10T11:00"}})
                  .status,
              303);
    ASSERT_EQ(post("rep", series,
                   {{"at", "20260316T080000Z"},
                    {"scope", "this"},
                    {"action", "change"},
                    {"title", "Moved too"},
                    {"starts_at", "2026-03-17T11:00"}})
                  .status,
              303);
    auto moved = records().query(rep_, {.entity = "Meeting", .sort = {{"id", false}}}).rows;
    ASSERT_EQ(moved.size(), 3u);
    // Deleted from its record page or the API: the occurrence is cancelled, not back at 9:00.
    records().remove(rep_, "Meeting", moved[1]["id"]);
    Record after = reread(series);
    EXPECT_EQ(after["exdates"], nlohmann::json({"2026-03-09T08:00:00Z"}));
    EXPECT_EQ(after["overridden"], nlohmann::json({"2026-03-16T08:00:00Z"}));
    EXPECT_TRUE(
        contains(kernel_->signIn("rep").get("/p/activities/calendar?view=day&date=2026-03-09").body,
                 "Nothing planned."));
    // The series deleted: its changed occurrences go with it.
    records().remove(rep_, "Meeting", series["id"]);
    EXPECT_EQ(count("Meeting"), 0);
}

TEST_P(OccurrenceTest, TheJsonApiChangesAndCancelsOccurrences) {
    Record series = weekly();
    auto rep = kernel_->signIn("rep");
    std::string base = "/api/v1/p/activities/meetings/" + series["id"].dump() + "/occurrences/";
    auto changed = rep.call("POST", base + "20260309T080000Z",
                            {{"scope", "this"},
                             {"title", "Team meeting (API)"},
                             {"starts_at", "2026-03-09T12:00:00Z"},
                             {"duration_minutes", 15}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    Record occurrence = records().get(rep_, "Meeting", changed.json()["meeting"]);
    EXPECT_EQ(occurrence["starts_at"], "2026-03-09T12:00:00Z");
    EXPECT_EQ(occurrence["ends_at"], "2026-03-09T12:15:00Z");
    EXPECT_EQ(occurrence["location"], "Room Atlas");  // not sent: kept
    EXPECT_EQ(occurrence["recurrence_id"], "2026-03-09T08:00:00Z");
    EXPECT_EQ(
        rep.call("POST", base + "2026-03-16T08:00:00Z", {{"scope", "this"}, {"action", "cancel"}})
            .status,
        200);
    EXPECT_EQ(reread(series)["exdates"], nlohmann::json({"2026-03-16T08:00:00Z"}));
    auto bad =
        rep.call("POST", base + "20260323T080000Z", {{"scope", "this"}, {"starts_at", "tomorrow"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "starts_at")) << bad.body;
    EXPECT_EQ(
        rep.call("POST", base + "20260323T080000Z", {{"scope", "this"}, {"duration_minutes", 0}})
            .status,
        422);
    EXPECT_EQ(rep.call("POST", base + "20260323T080000Z", {{"scope", "every"}}).status, 422);
    EXPECT_EQ(rep.call("POST", base + "whenever", {{"scope", "this"}}).status, 422);
    EXPECT_EQ(kernel_->signIn("other")
                  .call("POST", base + "20260323T080000Z", {{"scope", "all"}, {"action", "cancel"}})
                  .status,
              404);
    EXPECT_EQ(count("Meeting"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, OccurrenceTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
