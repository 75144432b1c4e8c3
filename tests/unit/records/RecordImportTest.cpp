#include <tessera/kernel/records/RecordImporter.hpp>

#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class RecordImportTest : public test::RecordTest {
protected:
    kernel::RecordImporter importer() {
        return kernel::RecordImporter(database_->db(), *records_, *access_, *search_,
                                      records_->searchBacklog(), events_);
    }
};

}  // namespace

TEST_P(RecordImportTest, ValidRowsAreWrittenAndEveryBadRowIsReported) {
    createAs("rep1", "Client", {{"name", "Existing"}, {"code", "X1"}});
    auto hidden = createAs("rep3", "Client", {{"name", "Elsewhere"}});
    std::vector<sdk::Record> rows = {
        {{"name", "Globex"}, {"code", "G1"}, {"email", "Info@Globex.test"}},
        {{"name", ""}, {"code", "G2"}},
        {{"name", "Dup in file"}, {"code", "G1"}},
        {{"name", "Dup in db"}, {"code", "X1"}},
        {{"name", "Bad email"}, {"email", "nope"}},
        {{"name", "Unknown"}, {"colour", "red"}},
        {{"name", "Initech"}, {"website", "https://initech.test"}},
        nlohmann::json::array(),
    };
    std::vector<std::string> received;
    events_.subscribe("test", "record.imported", [&](const sdk::Event& e) {
        received.push_back(e.payload["entity"].get<std::string>() + " " + e.payload["count"].dump());
    });
    auto report = importer().importRows(as("rep1"), "Client", rows);
    ASSERT_EQ(report.ids.size(), 2u);
    EXPECT_EQ(report.errors.size(), 6u);
    EXPECT_EQ(report.errors[1]["name"], "is required");
    EXPECT_EQ(report.errors[2]["code"], "'G1' also appears in row 1");
    EXPECT_NE(report.errors[3]["code"].find("'X1' is already used by Client"), std::string::npos);
    EXPECT_EQ(report.errors[4]["email"], "must be an email address like name@example.com");
    EXPECT_EQ(report.errors[5]["colour"], "is not a field of Client");
    EXPECT_EQ(report.errors[7]["row"], "is not an object of field values");
    EXPECT_EQ(received, std::vector<std::string>{"Client 2"});

    auto globex = records_->get(as("rep1"), "Client", report.ids[0]);
    EXPECT_EQ(globex["email"], "info@globex.test");
    EXPECT_EQ(globex["owner_id"], users_["rep1"]);
    EXPECT_EQ(globex["team_id"], teams_["north"]);
    EXPECT_EQ(globex["version"], 1);
    // The next record created the usual way gets a fresh id.
    auto next = createAs("rep1", "Client", {{"name", "After import"}});
    EXPECT_GT(next["id"].get<std::int64_t>(), report.ids[1]);
    // Search and history know the imported rows.
    auto hits = records_->search(as("rep1"), "initech", 10);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].id, report.ids[1]);
    auto history = records_->history(as("rep1"), "Client", report.ids[0]);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].action, "import");
    EXPECT_EQ(history[0].changes["code"][1], "G1");

    // References must be visible to the importer.
    auto projects = importer().importRows(
        as("rep1"), "Project",
        {{{"title", "ok"}, {"client_id", report.ids[0]}}, {{"title", "hidden"}, {"client_id", hidden["id"]}}});
    EXPECT_EQ(projects.ids.size(), 1u);
    EXPECT_NE(projects.errors[1]["client_id"].find("not visible to you"), std::string::npos);
}

TEST_P(RecordImportTest, PermissionAndTypesAreChecked) {
    auto error = errorOf([&] { importer().importRows(as("rep1"), "Nope", {}); });
    EXPECT_EQ(error.code, "not_found");
    access_->grant("sales_rep", "Client", sdk::Action::Create, kernel::ScopeLevel::Own);
    auto forOthers = importer().importRows(as("rep1"), "Client",
                                           {{{"name", "For rep3"}, {"owner_id", users_["rep3"]}}});
    EXPECT_TRUE(forOthers.ids.empty());
    EXPECT_NE(forOthers.errors[0]["owner_id"].find("may not create"), std::string::npos);

    std::vector<sdk::Record> many;
    for (int i = 0; i < 1200; ++i) {
        many.push_back({{"title", "Project " + std::to_string(i)},
                        {"seats", i},
                        {"active", i % 2 == 0},
                        {"budget", {{"amount", i * 1.5}, {"currency", "USD"}}},
                        {"labels", {"bulk"}},
                        {"review_at", "2026-01-02T03:04:05Z"}});
    }
    auto report = importer().importRows(as("admin"), "Project", many);
    EXPECT_EQ(report.ids.size(), 1200u);
    EXPECT_TRUE(report.errors.empty());
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project", .filter = sdk::Filter::eq("active", true)}), 600);
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project", .filter = sdk::Filter::eq("labels", "bulk")}), 1200);
    auto sum = records_->aggregate(as("admin"), {.entity = "Project", .fn = sdk::AggregateFn::Sum, .field = "budget"});
    EXPECT_DOUBLE_EQ(sum[0].value, 1.5 * 1199 * 1200 / 2);
    auto one = records_->get(as("admin"), "Project", report.ids[7]);
    EXPECT_EQ(one["review_at"], "2026-01-02T03:04:05Z");
    EXPECT_EQ(one["active"], false);
    EXPECT_EQ(one["budget"]["currency"], "USD");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordImportTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
