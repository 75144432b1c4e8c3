#include "ContactsFixture.hpp"

#include <algorithm>
#include <cctype>

using namespace tessera;
using ::contacts::test::Backend;
using ::contacts::test::ContactsTest;
using ::contacts::test::contains;
using sdk::Record;

namespace {

class MergePrivacyTest : public ContactsTest {
protected:
    std::int64_t idOf(const Record& r) { return r["id"].get<std::int64_t>(); }
    std::string ids(const Record& a, const Record& b) {
        return a["id"].dump() + "/" + b["id"].dump();
    }
};

}  // namespace

TEST_P(MergePrivacyTest, MergingTwoContactsMovesEverythingAndCanBeUndoneFromTheHistory) {
    Record acme = create(rep_, "Company", {{"name", "Acme"}});
    Record keep = create(rep_, "Contact", {{"first_name", "Jon"}, {"last_name", "Smith"},
                                           {"email", "jon@acme.example"}, {"tags", {"vip"}}});
    Record dup = create(rep_, "Contact", {{"first_name", "Jonathan"}, {"last_name", "Smith"},
                                          {"phone", "+1 555 0100"}, {"tags", {"newsletter"}},
                                          {"company_id", acme["id"]}});
    Record role = create(rep_, "Affiliation", {{"contact_id", dup["id"]}, {"company_id", acme["id"]},
                                               {"role", "decision_maker"}});
    Record home = create(rep_, "Address", {{"street", "1 Main St"}, {"contact_id", dup["id"]}});
    Record segment = create(rep_, "Segment", {{"name", "Both"}, {"target", "Contact"},
                                              {"kind", "static"}});
    create(rep_, "SegmentMember", {{"segment_id", segment["id"]}, {"contact_id", keep["id"]}});
    Record dupMember = create(rep_, "SegmentMember", {{"segment_id", segment["id"]},
                                                      {"contact_id", dup["id"]}});

    auto rep = kernel_->signIn("rep");
    auto page = rep.get("/p/contacts/merge/contacts/" + ids(keep, dup));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Jonathan"));
    EXPECT_TRUE(contains(page.body, "name=\"pick_phone\" value=\"loser\" checked"))
        << "an empty value takes the other record's";

    auto merged = rep.postForm("/p/contacts/merge/contacts/" + ids(keep, dup),
                               {{"pick_first_name", "loser"}, {"pick_tags", "both"}});
    ASSERT_EQ(merged.status, 303) << merged.body;
    auto& records = kernel_->records();
    Record winner = records.get(admin_, "Contact", idOf(keep));
    EXPECT_EQ(winner["full_name"], "Jonathan Smith");
    EXPECT_EQ(winner["email"], "jon@acme.example");
    EXPECT_EQ(winner["phone"], "+1 555 0100");
    EXPECT_EQ(winner["tags"], (nlohmann::json{"vip", "newsletter"}));
    EXPECT_EQ(records.get(admin_, "Affiliation", idOf(role))["contact_id"], keep["id"]);
    EXPECT_EQ(records.get(admin_, "Address", idOf(home))["contact_id"], keep["id"]);
    EXPECT_THROW(records.get(admin_, "SegmentMember", idOf(dupMember)), sdk::PluginError)
        << "the winner was already a member: the loser's membership goes to the trash";
    EXPECT_THROW(records.get(admin_, "Contact", idOf(dup)), sdk::PluginError);

    auto detail = rep.get("/r/contacts/" + keep["id"].dump());
    ASSERT_TRUE(contains(detail.body, "Merge Contact " + dup["id"].dump() + " into"));
    auto operations = records.operationsOf(rep_, "Contact", idOf(keep));
    ASSERT_EQ(operations.size(), 1u);
    auto undo = rep.postForm("/r/contacts/" + keep["id"].dump() + "/undo/" +
                                 std::to_string(operations[0].id),
                             {});
    ASSERT_EQ(undo.status, 303) << undo.body;
    EXPECT_EQ(records.get(admin_, "Contact", idOf(dup))["full_name"], "Jonathan Smith");
    EXPECT_EQ(records.get(admin_, "Contact", idOf(keep))["full_name"], "Jon Smith");
    EXPECT_EQ(records.get(admin_, "Contact", idOf(keep))["tags"], (nlohmann::json{"vip"}));
    EXPECT_EQ(records.get(admin_, "Affiliation", idOf(role))["contact_id"], dup["id"]);
    EXPECT_EQ(records.get(admin_, "SegmentMember", idOf(dupMember))["contact_id"], dup["id"]);
    EXPECT_EQ(rep.postForm("/r/contacts/" + keep["id"].dump() + "/undo/" +
                               std::to_string(operations[0].id),
                           {}).status,
              409);
}

TEST_P(MergePrivacyTest, AMergeIsRefusedWithoutTheRightsOrWithBadInput) {
    Record mine = create(rep_, "Contact", {{"last_name", "Mine"}});
    Record other = create(admin_, "Contact", {{"last_name", "Not mine"}});
    Record second = create(rep_, "Contact", {{"last_name", "Second"}});
    auto rep = kernel_->signIn("rep");
    EXPECT_EQ(rep.postForm("/p/contacts/merge/contacts/" + ids(mine, other), {}).status, 404);
    EXPECT_EQ(rep.postForm("/p/contacts/merge/contacts/" + ids(mine, mine), {}).status, 422);
    EXPECT_EQ(rep.postForm("/p/contacts/merge/contacts/" + ids(mine, second),
                           {{"pick_email", "mine"}}).status,
              422);
    EXPECT_EQ(rep.get("/p/contacts/merge/deals/" + ids(mine, second)).status, 404);
    kernel_->createUser("agent", "support_agent");
    EXPECT_EQ(kernel_->signIn("agent")
                  .postForm("/p/contacts/merge/contacts/" + ids(mine, second), {})
                  .status,
              403) << "a support agent reads every contact but may delete none";
    EXPECT_EQ(kernel_->records().count(admin_, {.entity = "Contact"}), 3);
}

TEST_P(MergePrivacyTest, APersonsDataExportsAsJsonAndErasureLeavesNoValueAnywhere) {
    Record acme = create(rep_, "Company", {{"name", "Acme"}});
    Record jane = create(rep_, "Contact",
                         {{"first_name", "Janet"}, {"last_name", "Quixote"},
                          {"email", "janet.quixote@acme.example"}, {"phone", "+44 20 7946 0321"},
                          {"notes", "Prefers calls after 4pm"}, {"company_id", acme["id"]}});
    create(rep_, "Address", {{"street", "221B Baker Street"}, {"city", "Londinium"},
                             {"contact_id", jane["id"]}});
    create(rep_, "ContactPoint", {{"kind", "email"}, {"value", "jq@home.example"},
                                  {"contact_id", jane["id"]}});
    kernel_->records().update(rep_, "Contact", idOf(jane), jane["version"],
                              {{"lifecycle_stage", "customer"}});
    auto rep = kernel_->signIn("rep");
    EXPECT_EQ(rep.get("/p/contacts/privacy/" + jane["id"].dump() + "/export").status, 403)
        << "a sales rep has no export permission";
    kernel_->createUser("boss", "manager");
    auto exported =
        kernel_->signIn("boss").get("/p/contacts/privacy/" + jane["id"].dump() + "/export");
    ASSERT_EQ(exported.status, 200) << exported.body;
    auto data = exported.json();
    EXPECT_EQ(data["record"]["email"], "janet.quixote@acme.example");
    EXPECT_EQ(data["plugins"]["contacts"]["Address"][0]["street"], "221B Baker Street");
    EXPECT_EQ(data["plugins"]["contacts"]["ContactPoint"][0]["value"], "jq@home.example");
    EXPECT_FALSE(data["plugins"]["contacts"]["StageChange"].empty());
    EXPECT_FALSE(data["history"].empty());

    EXPECT_EQ(rep.postForm("/p/contacts/privacy/" + jane["id"].dump() + "/erase",
                           {{"confirm", "yes"}}).status,
              422);
    EXPECT_EQ(kernel_->records().get(rep_, "Contact", idOf(jane))["last_name"], "Quixote");
    kernel_->createUser("agent", "support_agent");
    EXPECT_EQ(kernel_->signIn("agent")
                  .postForm("/p/contacts/privacy/" + jane["id"].dump() + "/erase",
                            {{"confirm", "erase"}})
                  .status,
              403);
    auto erased = rep.postForm("/p/contacts/privacy/" + jane["id"].dump() + "/erase",
                               {{"confirm", "erase"}});
    ASSERT_EQ(erased.status, 303) << erased.body;

    // Lower case: the search's word list keeps words folded.
    std::string stored = database_->everyStoredText();
    std::transform(stored.begin(), stored.end(), stored.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    for (const char* value : {"janet", "quixote", "7946 0321", "baker street", "londinium",
                              "jq@home.example", "after 4pm"}) {
        EXPECT_FALSE(contains(stored, value)) << value << " is still stored";
    }
    EXPECT_TRUE(contains(stored, "acme")) << "the company is not personal data";
    auto page = rep.get("/r/contacts/" + jane["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "[erased]"));
    EXPECT_TRUE(contains(page.body, "erase"));
}

INSTANTIATE_TEST_SUITE_P(Backends, MergePrivacyTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ::contacts::test::backendName);
