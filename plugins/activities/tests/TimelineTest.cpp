#include "ActivitiesFixture.hpp"

using namespace activities::test;

namespace {

class TimelineTest : public ActivitiesFixture {
protected:
    std::string timelineUrl(const Record& company, const std::string& query = "") {
        return "/api/v1/p/activities/timeline/Company/" + company["id"].dump() + query;
    }
};

std::string at(int day, int hour) {
    char out[32];
    std::snprintf(out, sizeof out, "2026-03-%02dT%02d:00:00Z", day, hour);
    return out;
}

}  // namespace

TEST_P(TimelineTest, InteractionsTasksMeetingsAndChangesComeInOneStreamNewestFirst) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    create(rep_, "Interaction",
           {{"kind", "call"},
            {"subject", "Call"},
            {"occurred_at", at(2, 9)},
            {"record_entity", "Company"},
            {"record_id", acme["id"]}});
    create(rep_, "Task",
           {{"title", "Send quote"},
            {"due_at", at(4, 9)},
            {"record_entity", "Company"},
            {"record_id", acme["id"]}});
    create(rep_, "Meeting",
           {{"title", "Demo"},
            {"starts_at", at(3, 9)},
            {"ends_at", at(3, 10)},
            {"record_entity", "Company"},
            {"record_id", acme["id"]}});
    records().update(rep_, "Company", acme["id"], acme["version"],
                     {{"website", "https://acme.example"}});
    auto rep = kernel_->signIn("rep");
    auto answer = rep.get(timelineUrl(acme));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto entries = answer.json()["entries"];
    ASSERT_EQ(entries.size(), 5u) << answer.body;
    // The changes were made now (after March 2026 in the test's clock), so they come first.
    EXPECT_EQ(entries[0]["kind"], "change");
    EXPECT_EQ(entries[0]["title"], "Changed domain, website");
    EXPECT_EQ(entries[1]["kind"], "change");
    EXPECT_EQ(entries[1]["title"], "Created");
    EXPECT_EQ(entries[2]["title"], "Send quote");
    EXPECT_EQ(entries[3]["title"], "Demo");
    EXPECT_EQ(entries[4]["title"], "Call");
    EXPECT_EQ(entries[4]["link"], "/r/interactions/1");
    auto calls = rep.get(timelineUrl(acme, "?types=call,task")).json()["entries"];
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0]["kind"], "task");
    EXPECT_EQ(calls[1]["kind"], "call");
    EXPECT_EQ(rep.get(timelineUrl(acme, "?types=gossip")).status, 422);
    EXPECT_EQ(rep.get(timelineUrl(acme, "?after=yesterday")).status, 422);
    EXPECT_EQ(rep.get(timelineUrl(acme, "?limit=lots")).status, 422);
    EXPECT_EQ(rep.get("/api/v1/p/activities/timeline/Company/999999").status, 404);
    EXPECT_EQ(rep.get("/api/v1/p/activities/timeline/company;drop/1").status, 422);
    // A record out of the caller's sight has no timeline for them.
    EXPECT_EQ(kernel_->signIn("other").get(timelineUrl(acme)).status, 404);
}

TEST_P(TimelineTest, PagesFollowEachOtherWithoutGapsOrRepeatsAcrossSources) {
    Record acme = create(admin_, "Company", {{"name", "Acme GmbH"}});
    for (int i = 0; i < 24; ++i) {
        // Three entries share each time, so the order among equal times is tested too.
        create(admin_, i % 2 ? "Interaction" : "Task",
               i % 2 ? Record{{"kind", "note"},
                              {"subject", "Note " + std::to_string(i)},
                              {"occurred_at", at(1 + i / 3, 8)},
                              {"record_entity", "Company"},
                              {"record_id", acme["id"]}}
                     : Record{{"title", "Task " + std::to_string(i)},
                              {"due_at", at(1 + i / 3, 8)},
                              {"record_entity", "Company"},
                              {"record_id", acme["id"]}});
    }
    Record current = records().get(admin_, "Company", acme["id"]);
    for (int i = 0; i < 3; ++i) {
        current = records().update(admin_, "Company", acme["id"], current["version"],
                                   {{"phone", "+49 30 555 00" + std::to_string(10 + i)}});
    }
    auto admin = kernel_->signIn("admin");
    auto all = admin.get(timelineUrl(acme, "?limit=200")).json();
    ASSERT_EQ(all["entries"].size(), 28u);
    EXPECT_TRUE(all["next"].is_null());
    std::vector<nlohmann::json> paged;
    std::string after;
    int pages = 0;
    do {
        auto page =
            admin.get(timelineUrl(acme, "?limit=5" + (after.empty() ? "" : "&after=" + after)))
                .json();
        for (const auto& entry : page["entries"]) {
            paged.push_back(entry);
        }
        after = page["next"].is_string() ? page["next"].get<std::string>() : "";
        ++pages;
    } while (!after.empty() && pages < 20);
    EXPECT_EQ(pages, 6);
    ASSERT_EQ(paged.size(), 28u);
    for (std::size_t i = 0; i < paged.size(); ++i) {
        EXPECT_EQ(paged[i], all["entries"][i]) << i;
        if (i > 0) {
            EXPECT_GE(paged[i - 1]["at"].get<std::string>(), paged[i]["at"].get<std::string>());
        }
    }
}

TEST_P(TimelineTest, TheDetailPageShowsTheTimelineAndItsFormsLogCallsAndFollowUps) {
    Record anna = create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmidt"}});
    auto rep = kernel_->signIn("rep");
    auto page = rep.get("/r/contacts/" + anna["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Log a call or note"));
    EXPECT_TRUE(contains(page.body, "Nothing has happened here yet.") ||
                contains(page.body, "Created"));
    auto logged = rep.postForm("/p/activities/log", {{"entity", "Contact"},
                                                     {"id", anna["id"].dump()},
                                                     {"kind", "call"},
                                                     {"direction", "outbound"},
                                                     {"occurred_at", "2026-03-02T11:00"},
                                                     {"duration_minutes", "12"},
                                                     {"outcome", "connected"},
                                                     {"subject", "Intro <call>"},
                                                     {"body", "Talked about the pilot"}});
    ASSERT_EQ(logged.status, 303) << logged.body;
    EXPECT_EQ(logged.header("location"), "/r/contacts/" + anna["id"].dump());
    Record call = records().query(rep_, {.entity = "Interaction"}).rows.at(0);
    EXPECT_EQ(call["occurred_at"], "2026-03-02T10:00:00Z");  // 11:00 in Berlin
    EXPECT_EQ(call["contact_ids"], nlohmann::json({anna["id"]}));
    page = rep.get("/r/contacts/" + anna["id"].dump());
    EXPECT_TRUE(contains(page.body, "Intro &lt;call&gt;"));
    EXPECT_TRUE(contains(page.body, "Mon 2 Mar 2026, 11:00"));
    EXPECT_TRUE(
        contains(page.body, "/p/activities/interactions/" + call["id"].dump() + "/follow-up"));

    auto followUp = rep.postForm("/p/activities/interactions/" + call["id"].dump() + "/follow-up",
                                 {{"title", "Send the pilot offer"},
                                  {"due_at", "2026-03-05T09:00"},
                                  {"back", "/r/contacts/" + anna["id"].dump()}});
    ASSERT_EQ(followUp.status, 303) << followUp.body;
    Record task = records().query(rep_, {.entity = "Task"}).rows.at(0);
    EXPECT_EQ(task["interaction_id"], call["id"]);
    EXPECT_EQ(task["record_entity"], "Contact");
    EXPECT_EQ(task["due_at"], "2026-03-05T08:00:00Z");
    EXPECT_EQ(task["owner_id"], rep_.userId);
    page = rep.get("/r/contacts/" + anna["id"].dump());
    EXPECT_TRUE(contains(page.body, "Send the pilot offer"));
    EXPECT_TRUE(contains(page.body, "/p/activities/tasks/" + task["id"].dump() + "/complete"));
    EXPECT_TRUE(contains(rep.get("/r/tasks/" + task["id"].dump()).body, "Mark done"));
    auto done =
        rep.postForm("/p/activities/tasks/" + task["id"].dump() + "/complete",
                     {{"version", task["version"].dump()}, {"back", "https://evil.example/"}});
    ASSERT_EQ(done.status, 303);
    EXPECT_EQ(done.header("location"), "/p/activities/tasks");
    EXPECT_EQ(records().get(rep_, "Task", task["id"])["status"], "done");
    // A stale version is a conflict; nothing changes.
    EXPECT_EQ(rep.postForm("/p/activities/tasks/" + task["id"].dump() + "/complete",
                           {{"version", task["version"].dump()}})
                  .status,
              409);
}

TEST_P(TimelineTest, ABadLoggedCallComesBackWithTheFieldNamedAndNothingWritten) {
    Record anna = create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmidt"}});
    auto rep = kernel_->signIn("rep");
    auto bad = rep.postForm("/p/activities/log", {{"entity", "Contact"},
                                                  {"id", anna["id"].dump()},
                                                  {"kind", "call"},
                                                  {"subject", ""},
                                                  {"duration_minutes", "9999"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "is required")) << bad.body;
    EXPECT_TRUE(contains(bad.body, "Please correct the marked fields."));
    EXPECT_EQ(rep.postForm("/p/activities/log", {{"entity", "Contact"},
                                                 {"id", anna["id"].dump()},
                                                 {"subject", "x"},
                                                 {"occurred_at", "soon"}})
                  .status,
              422);
    EXPECT_EQ(
        rep.postForm("/p/activities/log", {{"entity", "Contact"}, {"id", "12x"}, {"subject", "x"}})
            .status,
        422);
    Record theirs = create(other_, "Contact", {{"last_name", "Hidden"}});
    EXPECT_EQ(
        rep.postForm("/p/activities/log",
                     {{"entity", "Contact"}, {"id", theirs["id"].dump()}, {"subject", "peek"}})
            .status,
        404);
    EXPECT_EQ(rep.postForm("/p/activities/interactions/999/follow-up",
                           {{"title", "x"}, {"due_at", "2026-03-05T09:00"}})
                  .status,
              404);
    EXPECT_EQ(count("Interaction") + count("Task"), 0);
}

namespace {

class PublishedEventsTest : public ActivitiesFixture {
protected:
    std::vector<std::string> plugins() const override {
        return {"contacts", "activities", "fixture.timeline"};
    }
};

}  // namespace

TEST_P(PublishedEventsTest, EventsOtherPluginsPublishAppearOnTheRecordTheyName) {
    Record acme = create(rep_, "Company", {{"name", "Acme GmbH"}});
    create(rep_, "Interaction",
           {{"kind", "call"},
            {"subject", "Before"},
            {"occurred_at", "2026-03-02T09:00:00Z"},
            {"record_entity", "Company"},
            {"record_id", acme["id"]}});
    auto rep = kernel_->signIn("rep");
    ASSERT_EQ(rep.call("POST", "/api/v1/p/fixture.timeline/Company/" + acme["id"].dump()).status,
              200);
    auto events =
        rep.get("/api/v1/p/activities/timeline/Company/" + acme["id"].dump() + "?types=event,call")
            .json();
    ASSERT_EQ(events["entries"].size(), 2u) << events.dump();
    EXPECT_EQ(events["entries"][0]["kind"], "event");
    EXPECT_EQ(events["entries"][0]["title"], "Stage: won");
    EXPECT_EQ(events["entries"][0]["summary"], "from negotiation");
    EXPECT_EQ(events["entries"][0]["at"], "2026-03-09T12:00:00Z");
    EXPECT_EQ(events["entries"][0]["actorId"], rep_.userId);
    EXPECT_EQ(events["entries"][1]["title"], "Before");
    auto page = rep.get("/r/companies/" + acme["id"].dump());
    EXPECT_TRUE(contains(page.body, "Stage: won"));
}

TEST_P(PublishedEventsTest, APluginsDateFieldIsShownOnTheCalendar) {
    create(rep_, "Contact",
           {{"first_name", "Anna"}, {"last_name", "Schmidt"}, {"birthday", "2026-03-20"}});
    create(other_, "Contact",
           {{"first_name", "Otto"}, {"last_name", "Other"}, {"birthday", "2026-03-21"}});
    auto month = kernel_->signIn("rep").get("/p/activities/calendar?view=month&date=2026-03-15");
    ASSERT_EQ(month.status, 200);
    EXPECT_TRUE(contains(month.body, "Birthday: Anna Schmidt"));
    EXPECT_FALSE(contains(month.body, "Otto Other"));
    EXPECT_FALSE(contains(
        kernel_->signIn("rep").get("/p/activities/calendar?view=month&date=2026-04-15").body,
        "Birthday: Anna Schmidt"));
}

TEST_P(TimelineTest, WhoeverMayReadTheRecordSeesAllItsActivities) {
    Record anna = create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmidt"}});
    kernel_->createUser("agent", "support_agent");
    auto agent = kernel_->signIn("agent");
    ASSERT_EQ(agent
                  .postForm("/p/activities/log", {{"entity", "Contact"},
                                                  {"id", anna["id"].dump()},
                                                  {"kind", "chat"},
                                                  {"subject", "Support chat"}})
                  .status,
              303);
    // The rep cannot read the agent's interaction as such, but sees it on their contact.
    auto chat = records().query(admin_, {.entity = "Interaction"}).rows.at(0);
    EXPECT_THROW(records().get(rep_, "Interaction", chat["id"]), tessera::sdk::PluginError);
    auto timeline = kernel_->signIn("rep").get("/api/v1/p/activities/timeline/Contact/" +
                                               anna["id"].dump() + "?types=chat");
    ASSERT_EQ(timeline.json()["entries"].size(), 1u) << timeline.body;
    EXPECT_EQ(timeline.json()["entries"][0]["title"], "Support chat");
}

INSTANTIATE_TEST_SUITE_P(Backends, PublishedEventsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

INSTANTIATE_TEST_SUITE_P(Backends, TimelineTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
