#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class PermissionsTest : public LeadsFixture {};

}  // namespace

// What each default role may do with leads (docs/permissions.md grants them on every entity),
// plus the plugin's rule that only holders of leads.configure (no default role: administrators) edit the rules.
TEST_P(PermissionsTest, EachDefaultRoleGetsWhatItsGrantsSay) {
    struct Expectation {
        std::string role;
        bool readsRepsLead;
        bool convertsRepsLead;
        bool editsRules;
        int campaignStatus;
        int exportStatus;
    };
    std::vector<Expectation> roles = {{"admin", true, true, true, 201, 200},
                                      {"manager", true, false, false, 201, 200},
                                      {"sales_rep", false, false, false, 201, 403},
                                      {"support_agent", true, false, false, 201, 403},
                                      {"marketing", true, false, false, 201, 200}};
    for (const auto& expected : roles) {
        SCOPED_TRACE(expected.role);
        Record repsLead = lead(rep_, {{"last_name", "Of rep for " + expected.role}, {"company_name", "Rep Co"}});
        std::string login = "u_" + expected.role;
        Caller user = Caller::user(kernel_->createUser(login, expected.role));
        auto client = kernel_->signIn(login);
        EXPECT_EQ(client.get("/p/leads/list").status, 200);
        EXPECT_EQ(client.get("/p/leads/analytics").status, 200);
        EXPECT_EQ(client.get("/api/v1/leads/" + repsLead["id"].dump()).status, expected.readsRepsLead ? 200 : 404);
        auto convert = client.call("POST", "/api/v1/p/leads/leads/" + repsLead["id"].dump() + "/convert",
                                   nlohmann::json::object());
        EXPECT_EQ(convert.status, expected.convertsRepsLead ? 200 : (expected.readsRepsLead ? 403 : 404)) << convert.body;
        EXPECT_EQ(reload("Lead", repsLead)["status"], expected.convertsRepsLead ? "converted" : "new");

        Record own = lead(user, {{"last_name", "Own of " + login}, {"company_name", "Own Co " + login}});
        EXPECT_EQ(own["owner_id"], user.userId);
        auto ownConvert = client.call("POST", "/api/v1/p/leads/leads/" + own["id"].dump() + "/convert",
                                      nlohmann::json::object());
        EXPECT_EQ(ownConvert.status, 200) << ownConvert.body;

        auto rule = client.call("POST", "/api/v1/lead-scoring-rules",
                                {{"name", "Rule of " + login}, {"field", "industry"}, {"value", "Retail"}, {"points", 5}});
        EXPECT_EQ(rule.status, expected.editsRules ? 201 : 403) << rule.body;
        auto assignment = client.call("POST", "/api/v1/lead-assignment-rules",
                                      {{"name", "Rule of " + login}, {"user_login", login}});
        EXPECT_EQ(assignment.status, expected.editsRules ? 201 : 403) << assignment.body;
        auto campaign = client.call("POST", "/api/v1/campaigns", {{"name", "Campaign of " + login}});
        EXPECT_EQ(campaign.status, expected.campaignStatus) << campaign.body;
        EXPECT_EQ(client.get("/r/leads/export.csv").status, expected.exportStatus);
    }
    EXPECT_EQ(kernel_->anonymous().get("/p/leads/list").status, 303);
    EXPECT_EQ(kernel_->anonymous().call("GET", "/api/v1/p/leads/analytics").status, 401);
    EXPECT_EQ(kernel_->anonymous().call("POST", "/api/v1/p/leads/behaviour", {{"email", "a@b.example"}, {"kind", "x"}}).status,
              401);
}

TEST_P(PermissionsTest, AManagerWorksTheLeadsOfTheTeam) {
    std::int64_t east = team("East");
    Caller seller = Caller::user(kernel_->createUser("seller", "sales_rep", {east}));
    kernel_->createUser("lead_manager", "manager", {east});
    Caller mate = Caller::user(kernel_->createUser("mate", "sales_rep", {east}));
    Record sellers = lead(seller, {{"last_name", "Team lead"}, {"company_name", "Team Co"}});
    // A teammate rep sees the lead (team) but may not change it (own).
    EXPECT_EQ(records().get(mate, "Lead", sellers["id"])["last_name"], "Team lead");
    EXPECT_EQ(refusal([&] { update(mate, sellers, {{"notes", "mine now"}}); })["(code)"], "forbidden");
    auto manager = kernel_->signIn("lead_manager");
    auto converted = manager.call("POST", "/api/v1/p/leads/leads/" + sellers["id"].dump() + "/convert",
                                  {{"create_deal", true}});
    EXPECT_EQ(converted.status, 200) << converted.body;
}

TEST_P(PermissionsTest, TheDemoDataLoadsHundredsOfLeadsAcrossSourcesAndStatuses) {
    ASSERT_TRUE(kernel_->loadDemoData().empty());
    EXPECT_EQ(count("Lead"), 300);
    EXPECT_GE(count("Lead", Filter::eq("status", "converted")), 25);
    EXPECT_GE(count("Campaign"), 4);
    for (const char* source : {"web_form", "referral", "event", "partner", "advertising"}) {
        EXPECT_GT(count("Lead", Filter::eq("source", source)), 0) << source;
    }
    EXPECT_GT(count("Lead", Filter::eq("sales_ready", true)), 0);
    EXPECT_EQ(count("Lead", Filter::isNull("owner_id")), 0);
    auto admin = kernel_->signIn("admin");
    auto analytics = admin.call("GET", "/api/v1/p/leads/analytics");
    ASSERT_EQ(analytics.status, 200) << analytics.body;
    EXPECT_EQ(analytics.json()["leads"], 300);
    double won = 0;
    nlohmann::json report = analytics.json();
    for (const auto& row : report["roi"]) {
        won += row["won"].get<double>();
    }
    EXPECT_GT(won, 0);  // some converted leads' deals are won
    EXPECT_GT(count("Deal", Filter::allOf({Filter::eq("status", "won"), Filter::eq("source", "campaign")})), 0);
    EXPECT_EQ(admin.get("/p/leads/analytics").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
