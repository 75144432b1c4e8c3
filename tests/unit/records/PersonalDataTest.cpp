#include "RecordFixture.hpp"

#include <algorithm>
#include <cctype>

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class PersonalDataTest : public test::RecordTest {
protected:
    void SetUp() override {
        RecordTest::SetUp();
        build({clientEntity(), projectEntity(),
               {{"name", "Person"},
                {"titleField", "full_name"},
                {"fields",
                 {{"full_name",
                   {{"type", "text"}, {"required", true}, {"searchable", true}, {"personal", true}}},
                  {"email", {{"type", "email"}, {"searchable", true}, {"personal", true}}},
                  {"phone", {{"type", "phone"}, {"personal", true}}},
                  {"stage", {{"type", "text"}}}}}}});
    }
};

TEST_P(PersonalDataTest, ExportHoldsTheRecordItsHistoryAndEachPluginsShare) {
    auto person = createAs("rep1", "Person", {{"full_name", "Jane Roe"}, {"email", "jane@roe.test"}});
    std::int64_t id = person["id"];
    records_->update(as("rep1"), "Person", id, 1, {{"stage", "customer"}});
    records_->dataHandlers().addPersonalData(
        "notes", "Person",
        {[&](const sdk::PersonalDataRequest& r) { return nlohmann::json{{"notes", r.id}}; }, {}});
    auto data = records_->personalData(as("manager"), "Person", id);
    EXPECT_EQ(data["record"]["email"], "jane@roe.test");
    EXPECT_EQ(data["history"].size(), 2u);
    EXPECT_EQ(data["plugins"]["notes"]["notes"], id);
    EXPECT_EQ(errorOf([&] { records_->personalData(as("rep3"), "Person", id); }).code, "not_found");
    EXPECT_EQ(errorOf([&] { records_->personalData(as("rep1"), "Person", id); }).code, "forbidden")
        << "sales reps may read but not export";
}

TEST_P(PersonalDataTest, ErasureLeavesNoPersonalValueAnywhereAndIsRecorded) {
    auto person = createAs("rep1", "Person",
                           {{"full_name", "Jane Roe"}, {"email", "jane@roe.test"},
                            {"phone", "+44 20 7946 0000"}, {"stage", "lead"}});
    std::int64_t id = person["id"];
    records_->update(as("rep1"), "Person", id, 1, {{"email", "jane.roe@mail.test"}});
    std::vector<std::int64_t> erasedBy;
    records_->dataHandlers().addPersonalData(
        "notes", "Person",
        {{}, [&](const sdk::PersonalDataRequest& r) { erasedBy.push_back(r.caller.userId); }});
    ASSERT_NE(database_->everyStoredText().find("jane@roe.test"), std::string::npos);

    EXPECT_EQ(errorOf([&] { records_->erase(as("support"), "Person", id); }).code, "forbidden");
    records_->erase(as("rep1"), "Person", id);

    // Lower case: the search's word list keeps words folded.
    std::string stored = database_->everyStoredText();
    std::transform(stored.begin(), stored.end(), stored.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    for (const char* value : {"jane", "roe.test", "mail.test", "7946"}) {
        EXPECT_EQ(stored.find(value), std::string::npos) << value << " is still stored";
    }
    EXPECT_EQ(erasedBy, std::vector<std::int64_t>{users_["rep1"]});
    auto after = records_->get(as("rep1"), "Person", id);
    EXPECT_EQ(after["full_name"], "[erased]");
    EXPECT_TRUE(after["email"].is_null());
    EXPECT_EQ(after["stage"], "lead") << "fields that are not personal stay";
    EXPECT_TRUE(records_->search(as("rep1"), "Jane", 10).empty());
    auto history = records_->history(as("rep1"), "Person", id);
    EXPECT_EQ(history.front().action, "erase");
    EXPECT_EQ(history.front().userId, users_["rep1"]);
}

TEST_P(PersonalDataTest, AnOperationTouchingAnErasedRecordCannotBringValuesBack) {
    auto person = createAs("rep1", "Person", {{"full_name", "Jane Roe"}});
    std::int64_t id = person["id"];
    auto caller = as("rep1");
    std::int64_t op = records_->beginOperation(caller, "Rename", "Person", id);
    records_->withinOperation(op, [&] {
        records_->update(caller, "Person", id, 1, {{"full_name", "Jane R. Roe"}});
    });
    records_->erase(caller, "Person", id);
    EXPECT_EQ(errorOf([&] { records_->undoOperation(caller, op); }).code, "conflict");
    EXPECT_EQ(records_->get(caller, "Person", id)["full_name"], "[erased]");
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonalDataTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
