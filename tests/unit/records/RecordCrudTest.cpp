#include <atomic>
#include <thread>

#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class RecordCrudTest : public test::RecordTest {};

}  // namespace

TEST_P(RecordCrudTest, EveryFieldTypeRoundTrips) {
    auto client = createAs("rep1", "Client", {{"name", "Acme"}, {"code", "AC-1"}});
    auto created = createAs(
        "rep1", "Project",
        {{"title", "  Roll-out  "},
         {"notes", "line one\nline two"},
         {"seats", "42"},
         {"rate", 12.75},
         {"budget", {{"amount", "1999.99"}, {"currency", "eur"}}},
         {"active", "false"},
         {"starts_on", "2024-02-29"},
         {"review_at", "2026-03-01T10:15:00+02:00"},
         {"stage", "active"},
         {"labels", {"vip", "q1", "vip"}},
         {"contact_email", "Someone@Example.COM"},
         {"phone", "+44 20 7946 0958"},
         {"link", "https://example.com/a?b=c"},
         {"client_id", client["id"]},
         {"extra", {{"k", {1, 2, 3}}}}});
    auto read = records_->get(as("rep1"), "Project", created["id"].get<std::int64_t>());
    EXPECT_EQ(read["title"], "Roll-out");
    EXPECT_EQ(read["notes"], "line one\nline two");
    EXPECT_EQ(read["seats"], 42);
    EXPECT_DOUBLE_EQ(read["rate"].get<double>(), 12.75);
    EXPECT_DOUBLE_EQ(read["budget"]["amount"].get<double>(), 1999.99);
    EXPECT_EQ(read["budget"]["currency"], "EUR");
    EXPECT_EQ(read["active"], false);
    EXPECT_EQ(read["starts_on"], "2024-02-29");
    EXPECT_EQ(read["review_at"], "2026-03-01T08:15:00Z");
    EXPECT_EQ(read["stage"], "active");
    EXPECT_EQ(read["labels"], nlohmann::json({"vip", "q1"}));
    EXPECT_EQ(read["contact_email"], "someone@example.com");
    EXPECT_EQ(read["client_id"], client["id"]);
    EXPECT_EQ(read["extra"]["k"][2], 3);
    EXPECT_EQ(read["version"], 1);
    EXPECT_EQ(read["owner_id"], users_["rep1"]);
    EXPECT_EQ(read["team_id"], teams_["north"]);
    EXPECT_EQ(read["created_by"], users_["rep1"]);
    EXPECT_TRUE(read["deleted_at"].is_null());
    EXPECT_EQ(read["created_at"].get<std::string>().size(), 20u);
    EXPECT_EQ(read, created);
}

TEST_P(RecordCrudTest, DefaultsApplyAndSystemFieldsAreIgnored) {
    auto p = createAs("rep1", "Project", {{"title", "x"}, {"id", 999}, {"version", 7}});
    EXPECT_EQ(p["active"], true);
    EXPECT_NE(p["id"], 999);
    EXPECT_EQ(p["version"], 1);
}

TEST_P(RecordCrudTest, ValidationNamesEveryBadFieldAndWritesNothing) {
    createAs("rep1", "Client", {{"name", "Taken"}, {"code", "DUP"}});
    auto error = errorOf([&] {
        createAs("rep1", "Client",
                 {{"name", std::string(101, 'x')}, {"code", "DUP"}, {"email", "not-an-email"},
                  {"website", "javascript:alert(1)"}, {"colour", "red"}});
    });
    EXPECT_EQ(error.code, "validation");
    EXPECT_EQ(error.fields.size(), 5u) << error.message;
    EXPECT_EQ(error.fields["name"], "is longer than 100 characters");
    EXPECT_NE(error.fields["code"].find("'DUP' is already used by Client"), std::string::npos);
    EXPECT_EQ(error.fields["email"], "must be an email address like name@example.com");
    EXPECT_NE(error.fields["website"].find("http://"), std::string::npos);
    EXPECT_EQ(error.fields["colour"], "is not a field of Client");
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Client"}), 1);

    auto more = errorOf([&] {
        createAs("rep1", "Project",
                 {{"seats", -1}, {"stage", "lost"}, {"starts_on", "2023-02-29"},
                  {"review_at", "yesterday"}, {"client_id", 424242}, {"budget", {{"amount", 5}, {"currency", "euro"}}},
                  {"phone", "call me"}, {"labels", {1, 2}}, {"active", "maybe"}});
    });
    EXPECT_EQ(more.fields["title"], "is required");
    EXPECT_EQ(more.fields["seats"], "must be at least 0");
    EXPECT_NE(more.fields["stage"].find("'lost' is not one of the choices (new, active, done)"),
              std::string::npos);
    EXPECT_EQ(more.fields["starts_on"], "must be a date like 2026-03-31");
    EXPECT_NE(more.fields["review_at"].find("date and time"), std::string::npos);
    EXPECT_NE(more.fields["client_id"].find("does not exist or is not visible to you"),
              std::string::npos);
    EXPECT_NE(more.fields["budget"].find("three-letter currency code"), std::string::npos);
    EXPECT_NE(more.fields["phone"].find("phone number"), std::string::npos);
    EXPECT_NE(more.fields["labels"].find("text values"), std::string::npos);
    EXPECT_EQ(more.fields["active"], "must be true or false");
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project"}), 0);
}

TEST_P(RecordCrudTest, HostileTextIsStoredLiterally) {
    std::string hostile = "'; DROP TABLE client; -- <script>alert(1)</script> \"x\" \\ %_";
    auto c = createAs("rep1", "Client", {{"name", hostile}});
    EXPECT_EQ(records_->get(as("rep1"), "Client", c["id"].get<std::int64_t>())["name"], hostile);
    auto found = records_->query(as("rep1"),
                                 {.entity = "Client", .filter = sdk::Filter::eq("name", hostile)});
    ASSERT_EQ(found.rows.size(), 1u);
    auto bad = errorOf([&] { createAs("rep1", "Client", {{"name", std::string("a\xff\xfe", 3)}}); });
    EXPECT_EQ(bad.fields["name"], "is not valid UTF-8 text");
    auto control = errorOf([&] { createAs("rep1", "Client", {{"name", std::string("a\0b", 3)}}); });
    EXPECT_NE(control.fields["name"].find("control characters"), std::string::npos);
    EXPECT_EQ(errorOf([&] { records_->create(as("rep1"), "Client", nlohmann::json::array()); }).code,
              "validation");
    EXPECT_EQ(errorOf([&] { records_->create(as("rep1"), "Nope", {{"a", 1}}); }).code, "not_found");
}

TEST_P(RecordCrudTest, UpdateNeedsTheVersionItWasReadAt) {
    auto p = createAs("rep1", "Project", {{"title", "First"}});
    auto id = p["id"].get<std::int64_t>();
    auto updated = records_->update(as("rep1"), "Project", id, 1, {{"title", "Second"}, {"seats", 3}});
    EXPECT_EQ(updated["version"], 2);
    EXPECT_EQ(updated["title"], "Second");
    auto stale = errorOf([&] {
        records_->update(as("rep1"), "Project", id, 1, {{"title", "Third"}});
    });
    EXPECT_EQ(stale.code, "conflict");
    EXPECT_NE(stale.message.find("you had version 1, it is now 2"), std::string::npos)
        << stale.message;
    EXPECT_EQ(stale.fields["title"], "is now 'Second'");
    EXPECT_EQ(records_->get(as("rep1"), "Project", id)["title"], "Second");
    // An update that changes nothing keeps the version.
    EXPECT_EQ(records_->update(as("rep1"), "Project", id, 2, {{"title", "Second"}})["version"], 2);
}

TEST_P(RecordCrudTest, ConcurrentUpdatesOneWinsNothingLost) {
    auto p = createAs("rep1", "Project", {{"title", "Start"}, {"seats", 0}});
    auto id = p["id"].get<std::int64_t>();
    constexpr int kWriters = 6;
    std::atomic<int> wins{0};
    std::atomic<int> conflicts{0};
    std::atomic<int> others{0};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
        writers.emplace_back([&, i] {
            try {
                records_->update(as("rep1"), "Project", id, 1, {{"seats", i + 1}});
                ++wins;
            } catch (const sdk::PluginError& e) {
                (e.error().code == "conflict" ? conflicts : others)++;
            } catch (...) {
                ++others;
            }
        });
    }
    for (auto& t : writers) {
        t.join();
    }
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(conflicts, kWriters - 1);
    EXPECT_EQ(others, 0);
    auto final = records_->get(as("rep1"), "Project", id);
    EXPECT_EQ(final["version"], 2);
    auto history = records_->history(as("rep1"), "Project", id);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].action, "update");
    EXPECT_EQ(history[0].changes["seats"][1], final["seats"]);
}

TEST_P(RecordCrudTest, TrashRestoreAndPurge) {
    auto c = createAs("rep1", "Client", {{"name", "Gone soon"}, {"code", "G1"}});
    auto id = c["id"].get<std::int64_t>();
    records_->remove(as("rep1"), "Client", id);
    EXPECT_EQ(errorOf([&] { records_->get(as("rep1"), "Client", id); }).code, "not_found");
    EXPECT_EQ(records_->count(as("rep1"), {.entity = "Client"}), 0);
    auto trash = records_->query(as("rep1"), {.entity = "Client", .trash = sdk::Trash::Only});
    ASSERT_EQ(trash.rows.size(), 1u);
    EXPECT_FALSE(trash.rows[0]["deleted_at"].is_null());
    // Its unique code is free while it is in the trash...
    auto other = createAs("rep1", "Client", {{"name", "Second"}, {"code", "G1"}});
    // ...so restoring would duplicate it.
    auto clash = errorOf([&] { records_->restore(as("rep1"), "Client", id); });
    EXPECT_EQ(clash.code, "conflict");
    EXPECT_NE(clash.message.find("unique"), std::string::npos);
    records_->update(as("rep1"), "Client", other["id"].get<std::int64_t>(), 1, {{"code", "G2"}});
    auto restored = records_->restore(as("rep1"), "Client", id);
    EXPECT_TRUE(restored["deleted_at"].is_null());
    EXPECT_EQ(errorOf([&] { records_->restore(as("rep1"), "Client", id); }).code, "conflict");

    EXPECT_EQ(errorOf([&] { records_->purge(as("rep1"), "Client", id); }).code, "forbidden");
    records_->purge(as("admin"), "Client", id);
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Client", .trash = sdk::Trash::Include}), 1);
    Poco::Data::Session session = database_->db().session();
    auto history = audit_->forRecord(session, "Client", id);
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history[0].action, "purge");
    EXPECT_EQ(history[0].changes["name"][0], "Gone soon");
}

TEST_P(RecordCrudTest, AuditKeepsWhoAndOldAndNewValues) {
    auto p = createAs("rep1", "Project", {{"title", "A"}, {"seats", 1}});
    auto id = p["id"].get<std::int64_t>();
    records_->update(as("manager"), "Project", id, 1, {{"seats", 2}, {"stage", "new"}});
    records_->remove(as("manager"), "Project", id);
    records_->restore(as("manager"), "Project", id);
    auto history = records_->history(as("manager"), "Project", id);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[3].action, "create");
    EXPECT_EQ(history[3].userId, users_["rep1"]);
    EXPECT_EQ(history[3].changes["title"], nlohmann::json::array({nullptr, "A"}));
    EXPECT_EQ(history[2].action, "update");
    EXPECT_EQ(history[2].userId, users_["manager"]);
    EXPECT_EQ(history[2].changes["seats"], nlohmann::json::array({1, 2}));
    EXPECT_EQ(history[2].changes["stage"], nlohmann::json::array({nullptr, "new"}));
    EXPECT_FALSE(history[2].changes.contains("title"));
    EXPECT_EQ(history[1].action, "delete");
    EXPECT_EQ(history[0].action, "restore");
    Poco::Data::Session session = database_->db().session();
    auto byUser = audit_->forUser(session, users_["manager"]);
    EXPECT_EQ(byUser.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordCrudTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
