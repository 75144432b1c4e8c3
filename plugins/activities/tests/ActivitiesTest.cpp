#include "ActivitiesFixture.hpp"

#include "IsoTime.hpp"
#include "Reminders.hpp"

using namespace activities::test;
using tessera::sdk::Filter;
using tessera::sdk::Query;

namespace {

class ActivitiesTest : public ActivitiesFixture {};

std::vector<Record> timelineItems(tessera::sdk::Records& records, const std::string& entity,
                                  std::int64_t id) {
    Query query;
    query.entity = "TimelineItem";
    query.filter =
        Filter::allOf({Filter::eq("record_entity", entity), Filter::eq("record_id", id)});
    query.sort = {{"occurred_at", true}};
    return records.query(Caller::systemCaller(), query).rows;
}

}  // namespace

TEST_P(ActivitiesTest, ACallIsLinkedToItsRecordAndAppearsOnEachContactInvolved) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    Record anna = create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmidt"}});
    Record bob = create(rep_, "Contact", {{"first_name", "Bob"}, {"last_name", "Meyer"}});
    Record globex = create(rep_, "Company", {{"name", "Globex"}});
    Record carla =
        create(rep_, "Contact",
               {{"first_name", "Carla"}, {"last_name", "Costa"}, {"company_id", globex["id"]}});
    Record call = create(rep_, "Interaction",
                         {{"kind", "call"},
                          {"subject", "Discovery call"},
                          {"direction", "outbound"},
                          {"duration_minutes", 25},
                          {"outcome", "connected"},
                          {"occurred_at", "2026-03-02T10:00:00Z"},
                          {"record_entity", "Company"},
                          {"record_id", acme["id"]},
                          {"contact_ids", {anna["id"], bob["id"], anna["id"]}}});
    EXPECT_EQ(call["record_title"], "Acme GmbH");
    EXPECT_EQ(call["contact_ids"].size(), 2u);
    for (const auto& [entity, id] :
         {std::pair{"Company", acme["id"]}, std::pair{"Contact", anna["id"]},
          std::pair{"Contact", bob["id"]}}) {
        auto items = timelineItems(records(), entity, id.get<std::int64_t>());
        ASSERT_EQ(items.size(), 1u) << entity;
        EXPECT_EQ(items[0]["kind"], "call");
        EXPECT_EQ(items[0]["title"], "Discovery call");
        EXPECT_EQ(items[0]["owner_id"], rep_.userId);
    }
    // Moving the call off a contact moves its timeline entry; deleting it removes them all.
    Record moved =
        records().update(rep_, "Interaction", call["id"], call["version"],
                         {{"contact_ids", {anna["id"]}}, {"subject", "Discovery call (notes)"}});
    EXPECT_TRUE(timelineItems(records(), "Contact", bob["id"]).empty());
    EXPECT_EQ(timelineItems(records(), "Contact", anna["id"])[0]["title"],
              "Discovery call (notes)");
    // A note on a contact also shows on the timeline of the contact's company.
    create(rep_, "Interaction",
           {{"kind", "note"},
            {"subject", "Met Carla"},
            {"record_entity", "Contact"},
            {"record_id", carla["id"]}});
    ASSERT_EQ(timelineItems(records(), "Company", globex["id"].get<std::int64_t>()).size(), 1u);
    EXPECT_EQ(timelineItems(records(), "Company", globex["id"].get<std::int64_t>())[0]["title"],
              "Met Carla");
    EXPECT_EQ(timelineItems(records(), "Contact", carla["id"].get<std::int64_t>()).size(), 1u);
    records().remove(rep_, "Interaction", moved["id"]);
    EXPECT_EQ(count("TimelineItem"), 2);  // the note on Carla and on Globex stays
    records().restore(rep_, "Interaction", moved["id"]);
    EXPECT_EQ(count("TimelineItem"), 4);
}

TEST_P(ActivitiesTest, BadInputIsRefusedNamingTheFieldAndNothingIsWritten) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    EXPECT_EQ(fieldError(rep_, "Interaction", {{"kind", "call"}}, "subject"), "is required");
    EXPECT_EQ(fieldError(rep_, "Interaction", {{"subject", "x"}, {"kind", "fax"}}, "kind"),
              "'fax' is not one of the choices (call, email, meeting, note, chat, sms)");
    EXPECT_EQ(fieldError(rep_, "Interaction", {{"subject", "x"}, {"record_entity", "Company"}},
                         "record_id"),
              "is required with a linked entity");
    EXPECT_EQ(fieldError(rep_, "Interaction",
                         {{"subject", "x"}, {"record_entity", "Company"}, {"record_id", 999}},
                         "record_id"),
              "there is no Company 999 you can see");
    EXPECT_EQ(
        fieldError(rep_, "Interaction",
                   {{"subject", "x"}, {"record_entity", "Nope"}, {"record_id", 1}}, "record_id"),
        "there is no Nope 1 you can see");
    EXPECT_EQ(
        fieldError(rep_, "Interaction", {{"subject", "x"}, {"contact_ids", {"a"}}}, "contact_ids"),
        "each entry must be a record id (a positive whole number)");
    EXPECT_EQ(fieldError(rep_, "Interaction", {{"subject", "x"}, {"participant_ids", {4242}}},
                         "participant_ids"),
              "there is no user 4242");
    EXPECT_EQ(fieldError(rep_, "Task", {{"title", "x"}, {"rrule", "FREQ=WEEKLY"}}, "due_at"),
              "is required for a repeating task");
    EXPECT_EQ(fieldError(
                  rep_, "Task",
                  {{"title", "x"}, {"due_at", "2026-03-02T10:00:00Z"}, {"rrule", "FREQ=SOMETIMES"}},
                  "rrule"),
              "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not 'SOMETIMES'");
    EXPECT_EQ(
        fieldError(rep_, "Task",
                   {{"title", "x"}, {"due_at", "2026-03-02T10:00:00Z"}, {"reminder_offsets", {-5}}},
                   "reminder_offsets"),
        "each reminder is a whole number of minutes from 0 to 40320 (four weeks)");
    EXPECT_EQ(
        fieldError(rep_, "Task",
                   {{"title", "x"}, {"due_at", "2026-03-02T10:00:00Z"}, {"time_zone", "Mars/Base"}},
                   "time_zone"),
        "'Mars/Base' is not a time zone name like Europe/Berlin");
    EXPECT_EQ(fieldError(rep_, "Meeting",
                         {{"title", "x"},
                          {"starts_at", "2026-03-02T10:00:00Z"},
                          {"ends_at", "2026-03-02T09:00:00Z"}},
                         "ends_at"),
              "must not be before the start");
    EXPECT_EQ(count("Interaction") + count("Task") + count("Meeting") + count("TimelineItem"), 0);
    // Fields only the plugin writes are not taken from users.
    Record task = create(rep_, "Task",
                         {{"title", "Call back"},
                          {"record_entity", "Company"},
                          {"record_id", acme["id"]},
                          {"record_title", "Forged"},
                          {"completed_at", "2020-01-01T00:00:00Z"}});
    EXPECT_EQ(task["record_title"], "Acme GmbH");
    EXPECT_TRUE(task["completed_at"].is_null());
}

TEST_P(ActivitiesTest, ActivitiesCannotBeLinkedToRecordsOutOfSight) {
    Record theirs = create(other_, "Company", {{"name", "Other's account"}});
    Record mine = create(rep_, "Company", {{"name", "My account"}});
    EXPECT_EQ(
        fieldError(rep_, "Task",
                   {{"title", "Peek"}, {"record_entity", "Company"}, {"record_id", theirs["id"]}},
                   "record_id"),
        "there is no Company " + theirs["id"].dump() + " you can see");
    Record task = create(
        rep_, "Task", {{"title", "Mine"}, {"record_entity", "Company"}, {"record_id", mine["id"]}});
    EXPECT_THROW(records().get(other_, "Task", task["id"]), tessera::sdk::PluginError);
    EXPECT_EQ(records().get(admin_, "Task", task["id"])["title"], "Mine");
}

TEST_P(ActivitiesTest, CompletingARecurringTaskCreatesTheNextOccurrence) {
    Record task = create(rep_, "Task",
                         {{"title", "Weekly report"},
                          {"due_at", "2026-03-27T16:00:00Z"},
                          {"time_zone", "Europe/Berlin"},
                          {"rrule", "FREQ=WEEKLY;BYDAY=FR;COUNT=2"},
                          {"reminder_offsets", {60}}});
    Record done = records().update(rep_, "Task", task["id"], task["version"], {{"status", "done"}});
    EXPECT_FALSE(done["completed_at"].is_null());
    Query open;
    open.entity = "Task";
    open.filter = Filter::eq("status", "open");
    auto next = records().query(rep_, open).rows;
    ASSERT_EQ(next.size(), 1u);
    // 17:00 in Berlin stays 17:00 after the clocks went forward on 29 March.
    EXPECT_EQ(next[0]["due_at"], "2026-04-03T15:00:00Z");
    EXPECT_EQ(next[0]["series_id"], task["id"]);
    EXPECT_EQ(next[0]["occurrence"], 2);
    EXPECT_EQ(next[0]["owner_id"], rep_.userId);
    // The second of COUNT=2 ends the series.
    records().update(rep_, "Task", next[0]["id"], next[0]["version"], {{"status", "done"}});
    EXPECT_EQ(records().count(rep_, open), 0);
    EXPECT_EQ(count("Task"), 2);
}

TEST_P(ActivitiesTest, ADueReminderIsSentOnceEvenWhenTwoNodesReadIt) {
    using namespace std::chrono;
    auto soon = activities::nowUtc() + minutes(10);
    Record task = create(admin_, "Task",
                         {{"title", "Renewal call"},
                          {"due_at", activities::formatUtc(soon)},
                          {"reminder_offsets", {30, 5}},
                          {"owner_id", rep_.userId}});
    // 30 minutes before is already past: the next reminder is the one 5 minutes before.
    EXPECT_EQ(task["next_reminder_at"], activities::formatUtc(soon - minutes(5)));
    // Two nodes read the same due reminder; only the first claim sends it.
    auto reminderTime = soon - minutes(5) + seconds(1);
    activities::Reminders nodeA(records(), activities::TimeZone::utc());
    activities::Reminders nodeB(records(), activities::TimeZone::utc());
    auto dueOnA = nodeA.due(reminderTime);
    auto dueOnB = nodeB.due(reminderTime);
    ASSERT_EQ(dueOnA.size(), 1u);
    ASSERT_EQ(dueOnB.size(), 1u);
    EXPECT_TRUE(nodeA.fire(dueOnA[0].first, dueOnA[0].second, reminderTime));
    EXPECT_FALSE(nodeB.fire(dueOnB[0].first, dueOnB[0].second, reminderTime));
    auto page = kernel_->signIn("rep").get("/notifications");
    EXPECT_EQ(occurrences(page.body, "Task due: Renewal call"), 1u) << page.body;
    Record after = records().get(admin_, "Task", task["id"]);
    EXPECT_EQ(after["last_reminder_at"], activities::formatUtc(soon - minutes(5)));
    EXPECT_TRUE(after["next_reminder_at"].is_null());
}

TEST_P(ActivitiesTest, TheReminderJobOnTwoNodesOfOneDatabaseSendsEachReminderOnce) {
    using namespace std::chrono;
    auto soon = activities::nowUtc() + minutes(3);
    create(admin_, "Meeting",
           {{"title", "Kick-off"},
            {"starts_at", activities::formatUtc(soon)},
            {"ends_at", activities::formatUtc(soon + minutes(30))},
            {"attendee_ids", {rep_.userId}},
            {"reminder_offsets", {10}}});
    auto second = start();  // another node on the same database
    auto admin = kernel_->signIn("admin");
    EXPECT_EQ(admin.call("POST", "/api/v1/p/activities/reminders/run").status, 202);
    EXPECT_EQ(second->signIn("admin").call("POST", "/api/v1/p/activities/reminders/run").status,
              202);
    EXPECT_EQ(kernel_->signIn("rep").call("POST", "/api/v1/p/activities/reminders/run").status,
              403);
    second->runDueJobs();
    kernel_->runDueJobs();
    second->runDueJobs();
    auto page = kernel_->signIn("rep").get("/notifications");
    EXPECT_EQ(occurrences(page.body, "Meeting: Kick-off"), 1u) << page.body;
    EXPECT_EQ(occurrences(kernel_->signIn("admin").get("/notifications").body, "Meeting: Kick-off"),
              1u);
}

TEST_P(ActivitiesTest, MentionedUsersAreNotifiedOnceWithALinkToTheRecord) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    Record note = create(rep_, "Interaction",
                         {{"kind", "note"},
                          {"subject", "Pricing"},
                          {"body",
                           "@other can you check the discount? cc @Admin, not anna@acme.example "
                           "nor @nobody; @rep is me."},
                          {"record_entity", "Company"},
                          {"record_id", acme["id"]}});
    EXPECT_EQ(note["mentioned_ids"], nlohmann::json({other_.userId, admin_.userId, rep_.userId}));
    auto page = kernel_->signIn("other").get("/notifications");
    EXPECT_EQ(occurrences(page.body, "mentioned you on Acme GmbH"), 1u) << page.body;
    EXPECT_TRUE(contains(page.body, "Pricing"));
    EXPECT_EQ(occurrences(kernel_->signIn("admin").get("/notifications").body, "mentioned you"),
              1u);
    EXPECT_EQ(occurrences(kernel_->signIn("rep").get("/notifications").body, "mentioned you"), 0u);
    // Editing the note notifies only people mentioned for the first time.
    records().update(rep_, "Interaction", note["id"], note["version"],
                     {{"body", "@other @admin ping again"}});
    EXPECT_EQ(occurrences(kernel_->signIn("other").get("/notifications").body, "mentioned you"),
              1u);
    auto open = kernel_->signIn("other").get("/notifications");
    EXPECT_TRUE(contains(open.body, "/notifications/")) << open.body;
}

TEST_P(ActivitiesTest, DemoDataSpreadsActivitiesOverTheDemoCompanies) {
    EXPECT_EQ(kernel_->loadDemoData(), std::vector<std::string>{});
    EXPECT_GT(count("Interaction"), 100);
    EXPECT_GT(count("Task"), 50);
    EXPECT_GT(count("Meeting"), 10);
    Query weekly;
    weekly.entity = "Meeting";
    weekly.filter = Filter::isNotNull("rrule");
    Record salesWeekly = records().query(admin_, weekly).rows.at(0);
    EXPECT_EQ(salesWeekly["rrule"], "FREQ=WEEKLY;BYDAY=MO");
    // At 9:00 Berlin time whether this week is summer or winter time.
    auto berlin = activities::TimeZone::named("Europe/Berlin");
    EXPECT_EQ(activities::formatLocal(
                  berlin->toLocal(*activities::parseUtc(salesWeekly["starts_at"].get<std::string>())))
                  .substr(11),
              "09:00");
    // The demo reps share their calendars; one works from New York.
    EXPECT_EQ(count("CalendarPreference"), 2);
    Query newYork;
    newYork.entity = "CalendarPreference";
    newYork.filter = Filter::eq("time_zone", "America/New_York");
    EXPECT_EQ(records().count(admin_, newYork), 1);
}

TEST_P(ActivitiesTest, ActivitiesFollowAMergedContactBackAndForthAndAreErasedWithThePerson) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    Record anna = create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmidt"}});
    Record copy = create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmitt"}});
    Record meeting = create(rep_, "Interaction",
                            {{"kind", "meeting"}, {"subject", "Kick-off"},
                             {"occurred_at", "2026-03-02T10:00:00Z"}, {"record_entity", "Company"},
                             {"record_id", acme["id"]}, {"contact_ids", {copy["id"]}}});
    Record note = create(rep_, "Interaction",
                         {{"kind", "note"}, {"subject", "Prefers Zanzibar blend coffee"},
                          {"occurred_at", "2026-03-03T10:00:00Z"}, {"record_entity", "Contact"},
                          {"record_id", copy["id"]}});
    auto merge = records().merge(rep_, "Contact", anna["id"], copy["id"], Record::object());
    EXPECT_EQ(records().get(rep_, "Interaction", note["id"])["record_id"], anna["id"]);
    EXPECT_EQ(records().get(rep_, "Interaction", meeting["id"])["contact_ids"],
              nlohmann::json::array({anna["id"]}));
    EXPECT_EQ(timelineItems(records(), "Contact", anna["id"]).size(), 2u);

    records().undoOperation(rep_, merge.id);
    EXPECT_EQ(records().get(rep_, "Interaction", note["id"])["record_id"], copy["id"]);
    EXPECT_EQ(records().get(rep_, "Interaction", meeting["id"])["contact_ids"],
              nlohmann::json::array({copy["id"]}));
    EXPECT_TRUE(timelineItems(records(), "Contact", anna["id"]).empty());
    EXPECT_EQ(timelineItems(records(), "Contact", copy["id"]).size(), 2u);

    auto data = records().personalData(admin_, "Contact", copy["id"]);
    EXPECT_EQ(data["plugins"]["activities"]["Interaction"][0]["subject"],
              "Prefers Zanzibar blend coffee");
    records().erase(rep_, "Contact", copy["id"]);
    EXPECT_EQ(records().get(rep_, "Interaction", note["id"])["subject"], "[erased]");
    EXPECT_EQ(records().get(rep_, "Interaction", meeting["id"])["contact_ids"],
              nlohmann::json::array());
    EXPECT_EQ(records().get(rep_, "Interaction", meeting["id"])["subject"], "Kick-off");
    EXPECT_FALSE(contains(database_->everyStoredText(), "Zanzibar"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ActivitiesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
