#include <tessera/kernel/records/SearchBacklog.hpp>

#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

/// Records::updateRows, the bulk path for changes, and the search backlog of large imports.
class RecordBulkUpdateTest : public test::RecordTest {
protected:
    std::int64_t idOf(const sdk::Record& r) { return r["id"].get<std::int64_t>(); }
    sdk::Record admin(std::int64_t id) { return records_->get(as("admin"), "Client", id); }
    std::vector<std::int64_t> found(const std::string& text) {
        std::vector<std::int64_t> ids;
        for (const auto& hit : records_->search(as("admin"), text, 50)) {
            ids.push_back(hit.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }
};

TEST_P(RecordBulkUpdateTest, ValidRowsAreWrittenWithTheirHistoryAndEachBadRowIsReported) {
    auto a = createAs("rep1", "Client", {{"name", "Alpha"}, {"code", "A1"}});
    auto b = createAs("rep1", "Client", {{"name", "Beta"}, {"code", "B1"}});
    auto c = createAs("rep1", "Client", {{"name", "Gamma"}});
    auto hidden = createAs("rep3", "Client", {{"name", "Southern"}});
    auto same = createAs("rep1", "Client", {{"name", "Same"}});
    std::vector<std::string> events;
    events_.subscribe("test", "record.updated_many", [&](const sdk::Event& e) {
        events.push_back(e.payload["entity"].get<std::string>() + " " + e.payload["ids"].dump());
    });
    std::vector<sdk::RowUpdate> rows = {
        {idOf(a), 1, {{"name", "Alpha Ltd"}, {"email", "Hello@Alpha.test"}}},
        {idOf(b), 1, {{"code", "A1"}}},             // taken by a
        {idOf(c), 7, {{"name", "Stale"}}},          // version read long ago
        {idOf(hidden), 1, {{"name", "Not mine"}}},  // another team's
        {idOf(c), 1, {{"email", "not an email"}, {"colour", "red"}}},
        {424242, 1, {{"name", "Nobody"}}},
        {idOf(same), 1, {{"name", "Same"}}},  // no change
    };
    auto result = records_->updateRows(as("rep1"), "Client", rows);

    EXPECT_EQ(result.ids, (std::vector<std::int64_t>{idOf(a), idOf(same)}));
    ASSERT_EQ(result.errors.size(), 5u);
    EXPECT_NE(result.errors[1]["code"].find("'A1' is already used by Client"), std::string::npos)
        << result.errors[1]["code"];
    EXPECT_NE(result.errors[2]["version"].find("is now 1, not 7"), std::string::npos);
    EXPECT_TRUE(result.errors[3].contains("id")) << "invisible records are not found";
    EXPECT_EQ(result.errors[4]["email"], "must be an email address like name@example.com");
    EXPECT_EQ(result.errors[4]["colour"], "is not a field of Client");
    EXPECT_TRUE(result.errors[5].contains("id"));

    auto alpha = admin(idOf(a));
    EXPECT_EQ(alpha["name"], "Alpha Ltd");
    EXPECT_EQ(alpha["email"], "hello@alpha.test") << "normalised as update() does";
    EXPECT_EQ(alpha["version"], 2);
    EXPECT_EQ(admin(idOf(b))["code"], "B1");
    EXPECT_EQ(admin(idOf(c))["name"], "Gamma");
    EXPECT_EQ(admin(idOf(hidden))["name"], "Southern");
    EXPECT_EQ(admin(idOf(same))["version"], 1) << "an unchanged row is not written";
    auto history = records_->history(as("admin"), "Client", idOf(a));
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.front().action, "update");
    EXPECT_EQ(history.front().changes["name"], nlohmann::json::array({"Alpha", "Alpha Ltd"}));
    EXPECT_EQ(found("Ltd"), std::vector<std::int64_t>{idOf(a)}) << "small batches index at once";
    EXPECT_EQ(events, std::vector<std::string>{"Client [" + std::to_string(idOf(a)) + "]"});
}

TEST_P(RecordBulkUpdateTest, ABulkUpdateInAnOperationIsUndoneAsAWhole) {
    auto a = createAs("rep1", "Client", {{"name", "Alpha"}});
    auto b = createAs("rep1", "Client", {{"name", "Beta"}});
    auto caller = as("rep1");
    std::int64_t op = records_->beginOperation(caller, "Import changes", "", 0);
    records_->withinOperation(op, [&] {
        records_->updateRows(
            caller, "Client",
            {{idOf(a), 1, {{"name", "Alpha 2"}}}, {idOf(b), 1, {{"name", "Beta 2"}}}});
    });
    EXPECT_EQ(records_->operation(caller, op).writes, 2);
    records_->undoOperation(caller, op);
    EXPECT_EQ(admin(idOf(a))["name"], "Alpha");
    EXPECT_EQ(admin(idOf(b))["name"], "Beta");
}

TEST_P(RecordBulkUpdateTest, ARoleThatCannotUpdateChangesNothing) {
    auto a = createAs("rep1", "Client", {{"name", "Alpha"}});
    auto result = records_->updateRows(as("support"), "Client", {{idOf(a), 1, {{"name", "X"}}}});
    EXPECT_TRUE(result.ids.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(admin(idOf(a))["name"], "Alpha");
    EXPECT_EQ(errorOf([&] { records_->updateRows(as("rep1"), "Nothing", {}); }).code, "not_found");
}

TEST_P(RecordBulkUpdateTest, LargeBatchesLeaveTheirSearchEntriesToTheBacklogJob) {
    auto& backlog = records_->searchBacklog();
    backlog.ensureTables();
    int queued = 0;
    backlog.setOnAdded([&] { ++queued; });
    std::vector<sdk::Record> rows;
    for (int i = 0; i < 1200; ++i) {
        rows.push_back({{"name", "Bulkname" + std::to_string(i)}});
    }
    auto imported = records_->importRows(as("rep1"), "Client", rows);
    ASSERT_EQ(imported.ids.size(), 1200u);
    EXPECT_EQ(queued, 1);
    EXPECT_EQ(backlog.pending(), 1200);
    EXPECT_TRUE(found("Bulkname7").empty()) << "not indexed before the job";

    // Written through the record API before the job: the job must not undo or trip over it.
    std::int64_t early = imported.ids[7];
    records_->update(as("rep1"), "Client", early, 1, {{"name", "Bulkname7 renamed"}});
    std::vector<sdk::RowUpdate> changes;
    for (std::size_t k = 0; k < 1100; ++k) {
        std::string email = k == 5 ? "marker@bulk.test" : "c" + std::to_string(k) + "@bulk.test";
        changes.push_back({imported.ids[100 + k], 1, {{"email", email}}});
    }
    records_->remove(as("rep1"), "Client", imported.ids[1199]);
    auto updated = records_->updateRows(as("rep1"), "Client", changes);
    EXPECT_EQ(updated.errors.size(), 1u) << "the removed one";
    EXPECT_EQ(queued, 2);

    std::int64_t indexed = backlog.drain(*schema_, [](std::int64_t, std::int64_t) {});
    EXPECT_EQ(indexed, 1200 + 1099);
    EXPECT_EQ(backlog.pending(), 0);
    EXPECT_EQ(found("Bulkname7 renamed"), std::vector<std::int64_t>{early});
    EXPECT_EQ(found("Bulkname1000"), std::vector<std::int64_t>{imported.ids[1000]});
    EXPECT_EQ(found("marker"), std::vector<std::int64_t>{imported.ids[105]}) << "updated text";
    EXPECT_TRUE(found("Bulkname1199").empty()) << "removed before the job";
    EXPECT_EQ(backlog.drain(*schema_, [](std::int64_t, std::int64_t) {}), 0);
}

TEST_P(RecordBulkUpdateTest, RowsChangingDifferentFieldsOfEveryTypeAreWrittenTogether) {
    auto mine = createAs("rep1", "Client", {{"name", "Mine"}});
    auto hidden = createAs("rep3", "Client", {{"name", "Southern"}});
    std::vector<sdk::Record> projects;
    for (int i = 0; i < 4; ++i) {
        projects.push_back(createAs("rep1", "Project", {{"title", "P" + std::to_string(i)}}));
    }
    std::vector<sdk::RowUpdate> rows = {
        {idOf(projects[0]),
         1,
         {{"seats", 12},
          {"rate", 1.5},
          {"budget", {{"amount", 2500.5}, {"currency", "EUR"}}},
          {"active", false},
          {"starts_on", "2026-03-31"},
          {"review_at", "2026-04-01T09:30:00Z"},
          {"stage", "done"},
          {"labels", {"a", "b"}},
          {"client_id", idOf(mine)},
          {"extra", {{"k", 1}}},
          {"notes", "line one\nline two"}}},
        {idOf(projects[1]), 1, {{"seats", 7}, {"client_id", idOf(mine)}}},
        {idOf(projects[2]), 1, {{"client_id", idOf(hidden)}}},  // not visible to rep1
        {idOf(projects[3]), 1, {{"seats", 9}}},
    };
    auto result = records_->updateRows(as("rep1"), "Project", rows);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[2]["client_id"].find("does not exist or is not visible"),
              std::string::npos);

    auto first = records_->get(as("admin"), "Project", idOf(projects[0]));
    EXPECT_EQ(first["seats"], 12);
    EXPECT_EQ(first["budget"]["amount"], 2500.5);
    EXPECT_EQ(first["budget"]["currency"], "EUR");
    EXPECT_EQ(first["active"], false);
    EXPECT_EQ(first["starts_on"], "2026-03-31");
    EXPECT_EQ(first["review_at"], "2026-04-01T09:30:00Z");
    EXPECT_EQ(first["labels"], nlohmann::json({"a", "b"}));
    EXPECT_EQ(first["extra"]["k"], 1);
    EXPECT_EQ(first["notes"], "line one\nline two");
    EXPECT_EQ(first["client_id"], idOf(mine));
    EXPECT_EQ(first["version"], 2);
    auto second = records_->get(as("admin"), "Project", idOf(projects[1]));
    EXPECT_EQ(second["seats"], 7);
    EXPECT_EQ(second["version"], 2);
    EXPECT_EQ(records_->get(as("admin"), "Project", idOf(projects[2]))["version"], 1);
    EXPECT_EQ(records_->get(as("admin"), "Project", idOf(projects[3]))["seats"], 9);
    EXPECT_EQ(records_->history(as("admin"), "Project", idOf(projects[0])).front().changes["seats"],
              nlohmann::json({nullptr, 12}));
}

TEST_P(RecordBulkUpdateTest, AUniqueValueSetByTwoRowsIsKeptByTheFirst) {
    auto a = createAs("rep1", "Client", {{"name", "Alpha"}});
    auto b = createAs("rep1", "Client", {{"name", "Beta"}});
    auto result = records_->updateRows(
        as("rep1"), "Client", {{idOf(a), 1, {{"code", "SAME"}}}, {idOf(b), 1, {{"code", "SAME"}}}});
    EXPECT_EQ(result.ids, std::vector<std::int64_t>{idOf(a)});
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[1]["code"].find("'SAME' is also set by row 1 of this batch"),
              std::string::npos)
        << result.errors[1]["code"];
    EXPECT_EQ(admin(idOf(a))["code"], "SAME");
    EXPECT_TRUE(admin(idOf(b))["code"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordBulkUpdateTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
