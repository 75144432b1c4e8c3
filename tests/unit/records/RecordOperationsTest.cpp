#include "RecordFixture.hpp"

#include <tessera/kernel/storage/Sql.hpp>

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class RecordOperationsTest : public test::RecordTest {
protected:
    std::int64_t idOf(const sdk::Record& r) { return r["id"].get<std::int64_t>(); }
    sdk::Record admin(const std::string& entity, std::int64_t id) {
        return records_->get(as("admin"), entity, id);
    }
    std::int64_t live(const std::string& entity) {
        return records_->count(as("admin"), {.entity = entity});
    }
};

TEST_P(RecordOperationsTest, UndoRevertsEveryWriteOfTheOperationNewestFirst) {
    auto kept = createAs("rep1", "Client", {{"name", "Kept"}});
    auto doomed = createAs("rep1", "Client", {{"name", "Doomed"}});
    auto caller = as("rep1");
    std::int64_t op = records_->beginOperation(caller, "Tidy clients", "", 0);
    std::int64_t created = 0;
    records_->withinOperation(op, [&] {
        created = idOf(records_->create(caller, "Client", {{"name", "New"}}));
        records_->update(caller, "Client", idOf(kept), 1, {{"name", "Renamed"}, {"code", "K1"}});
        records_->remove(caller, "Client", idOf(doomed));
    });
    records_->update(caller, "Client", idOf(kept), 2, {{"email", "kept@example.com"}});
    EXPECT_EQ(records_->operation(caller, op).writes, 3);

    auto undone = records_->undoOperation(caller, op);
    EXPECT_TRUE(undone.undone);
    EXPECT_EQ(undone.undoneBy, users_["rep1"]);
    auto back = admin("Client", idOf(kept));
    EXPECT_EQ(back["name"], "Kept");
    EXPECT_TRUE(back["code"].is_null());
    EXPECT_EQ(back["email"], "kept@example.com") << "a later change to another field stays";
    EXPECT_EQ(admin("Client", idOf(doomed))["name"], "Doomed");
    auto gone = errorOf([&] { admin("Client", created); });
    EXPECT_EQ(gone.code, "not_found") << "the created record went to the trash";
    EXPECT_EQ(errorOf([&] { records_->undoOperation(caller, op); }).code, "conflict");
}

TEST_P(RecordOperationsTest, UndoRefusesWhenAFieldWasChangedSinceAndChangesNothing) {
    auto client = createAs("rep1", "Client", {{"name", "Acme"}});
    auto caller = as("rep1");
    std::int64_t op = records_->beginOperation(caller, "Rename", "Client", idOf(client));
    records_->withinOperation(op, [&] {
        records_->create(caller, "Project", {{"title", "Side effect"}});
        records_->update(caller, "Client", idOf(client), 1, {{"name", "Acme Ltd"}});
    });
    records_->update(as("manager"), "Client", idOf(client), 2, {{"name", "Acme Group"}});
    auto error = errorOf([&] { records_->undoOperation(caller, op); });
    EXPECT_EQ(error.code, "conflict");
    EXPECT_NE(error.message.find("field name was changed since"), std::string::npos)
        << error.message;
    EXPECT_EQ(admin("Client", idOf(client))["name"], "Acme Group");
    EXPECT_EQ(live("Project"), 1) << "the undo rolled back as a whole";
    EXPECT_FALSE(records_->operation(caller, op).undone);
}

TEST_P(RecordOperationsTest, OnlyTheAuthorOrAnAdministratorSeesAndUndoesAnOperation) {
    auto caller = as("rep1");
    std::int64_t op = records_->beginOperation(caller, "Mine", "", 0);
    records_->withinOperation(op, [&] { records_->create(caller, "Client", {{"name", "X"}}); });
    EXPECT_EQ(errorOf([&] { records_->undoOperation(as("rep2"), op); }).code, "not_found");
    EXPECT_EQ(errorOf([&] { records_->operation(as("rep2"), op); }).code, "not_found");
    EXPECT_EQ(live("Client"), 1);
    EXPECT_TRUE(records_->undoOperation(as("admin"), op).undone);
    EXPECT_EQ(live("Client"), 0);
}

TEST_P(RecordOperationsTest, ImportedRowsOfAnOperationAreRolledBackTogether) {
    auto caller = as("rep1");
    std::int64_t op = records_->beginOperation(caller, "Import clients.csv", "", 0);
    sdk::ImportResult result;
    records_->withinOperation(op, [&] {
        result = records_->importRows(caller, "Client",
                                      {{{"name", "A"}, {"code", "A1"}},
                                       {{"name", "B"}, {"code", "A1"}},
                                       {{"name", "C"}}});
    });
    ASSERT_EQ(result.ids.size(), 2u);
    ASSERT_TRUE(result.errors.contains(1)) << "the second row repeats a unique code";
    EXPECT_TRUE(result.errors.at(1).contains("code"));
    EXPECT_EQ(live("Client"), 2);
    EXPECT_EQ(records_->operation(caller, op).writes, 2);
    records_->undoOperation(caller, op);
    EXPECT_EQ(live("Client"), 0);
}

TEST_P(RecordOperationsTest, MergeMovesReferencesTakesChosenValuesAndUndoes) {
    auto winner = createAs("rep1", "Client", {{"name", "Acme"}, {"email", "info@acme.test"}});
    auto loser = createAs("rep1", "Client",
                          {{"name", "ACME Inc"}, {"code", "ACME"}, {"website", "https://acme.test"}});
    auto p1 = createAs("rep1", "Project", {{"title", "One"}, {"client_id", idOf(loser)}});
    auto p2 = createAs("rep1", "Project", {{"title", "Two"}, {"client_id", idOf(winner)}});
    std::vector<sdk::MergeEvent> seen;
    records_->dataHandlers().addMerge("test", "Client",
                                      [&](const sdk::MergeEvent& e) { seen.push_back(e); });

    auto op = records_->merge(as("rep1"), "Client", idOf(winner), idOf(loser),
                              {{"code", "ACME"}, {"website", "https://acme.test"}});
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].loserId, idOf(loser));
    auto merged = admin("Client", idOf(winner));
    EXPECT_EQ(merged["name"], "Acme");
    EXPECT_EQ(merged["code"], "ACME") << "the unique value moved from the loser";
    EXPECT_EQ(merged["website"], "https://acme.test");
    EXPECT_EQ(admin("Project", idOf(p1))["client_id"], idOf(winner));
    EXPECT_EQ(errorOf([&] { admin("Client", idOf(loser)); }).code, "not_found");
    auto history = records_->history(as("admin"), "Client", idOf(loser));
    EXPECT_EQ(history.front().action, "delete") << "the loser stays in the audit";
    ASSERT_EQ(records_->operationsOf(as("rep1"), "Client", idOf(winner)).size(), 1u);

    records_->undoOperation(as("rep1"), op.id);
    EXPECT_EQ(admin("Client", idOf(loser))["code"], "ACME");
    EXPECT_TRUE(admin("Client", idOf(winner))["code"].is_null());
    EXPECT_TRUE(admin("Client", idOf(winner))["website"].is_null());
    EXPECT_EQ(admin("Project", idOf(p1))["client_id"], idOf(loser));
    EXPECT_EQ(admin("Project", idOf(p2))["client_id"], idOf(winner));
}

TEST_P(RecordOperationsTest, MergeIsRefusedWithoutPermissionOrWithBadInput) {
    auto a = createAs("rep1", "Client", {{"name", "A"}});
    auto b = createAs("rep1", "Client", {{"name", "B"}});
    auto c = createAs("rep3", "Client", {{"name", "C"}});
    EXPECT_EQ(errorOf([&] { records_->merge(as("rep1"), "Client", idOf(a), idOf(a), sdk::Record::object()); }).code,
              "validation");
    EXPECT_EQ(errorOf([&] { records_->merge(as("rep1"), "Client", idOf(a), idOf(c), sdk::Record::object()); }).code,
              "not_found") << "rep1 cannot see rep3's client";
    EXPECT_EQ(errorOf([&] { records_->merge(as("rep1"), "Client", idOf(a), idOf(b),
                                            {{"nonsense", 1}}); }).code,
              "validation");
    EXPECT_EQ(live("Client"), 3) << "a refused merge changes nothing";
    EXPECT_EQ(admin("Client", idOf(b))["name"], "B");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordOperationsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
