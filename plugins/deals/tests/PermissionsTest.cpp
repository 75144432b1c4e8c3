#include "DealsFixture.hpp"

using namespace deals::test;

namespace {

class PermissionsTest : public DealsFixture {};

}  // namespace

// What each default role may do with deals, as docs/permissions.md grants them on every entity,
// plus the deals plugin's own rule that only administrators configure pipelines and quotas.
TEST_P(PermissionsTest, EachDefaultRoleGetsWhatItsGrantsSay) {
    struct Expectation {
        std::string role;
        int boardStatus;
        bool readsOthers;
        bool movesOthers;
        bool deletesOwn;
        int exportStatus;
    };
    Record repDeal = deal(rep_, {{"name", "Rep's deal"}});
    std::vector<Expectation> roles = {{"admin", 200, true, true, true, 200},
                                      {"manager", 200, true, false, true, 200},
                                      {"sales_rep", 200, false, false, true, 403},
                                      {"support_agent", 200, true, false, false, 403},
                                      {"marketing", 200, true, false, true, 200}};
    for (const auto& expected : roles) {
        SCOPED_TRACE(expected.role);
        std::string login = "u_" + expected.role;
        Caller user = Caller::user(kernel_->createUser(login, expected.role));
        auto client = kernel_->signIn(login);
        EXPECT_EQ(client.get("/p/deals/board/" + std::to_string(pipeline_)).status, expected.boardStatus);
        EXPECT_EQ(client.get("/p/deals/forecast").status, 200);
        EXPECT_EQ(client.get("/r/deals/" + repDeal["id"].dump()).status, expected.readsOthers ? 200 : 404);
        auto move = client.call("POST", "/api/v1/p/deals/deals/" + repDeal["id"].dump() + "/move",
                                {{"stage_id", stage("Qualification")}, {"version", reload(repDeal)["version"]}});
        if (expected.movesOthers) {
            EXPECT_EQ(move.status, 200) << move.body;
            update(admin_, repDeal, {{"stage_id", stage("Prospecting")}});
        } else {
            EXPECT_EQ(move.status, expected.readsOthers ? 403 : 404) << move.body;
        }
        Record own = deal(user, {{"name", "Own of " + login}});
        EXPECT_EQ(own["owner_id"], user.userId);
        auto ownMove = client.call("POST", "/api/v1/p/deals/deals/" + own["id"].dump() + "/move",
                                   {{"stage_id", stage("Qualification")}, {"version", own["version"]}});
        EXPECT_EQ(ownMove.status, 200) << ownMove.body;
        auto removal = client.call("DELETE", "/api/v1/deals/" + own["id"].dump());
        EXPECT_EQ(removal.status < 300, expected.deletesOwn) << removal.status << " " << removal.body;
        EXPECT_EQ(client.get("/r/deals/export.csv").status, expected.exportStatus);
        auto pipelineEdit = client.call("POST", "/api/v1/pipelines", {{"name", "Mine " + login}});
        EXPECT_EQ(pipelineEdit.status, expected.role == "admin" ? 201 : 403) << pipelineEdit.body;
        auto quota = client.call("POST", "/api/v1/quotas", {{"period", "2026-Q1"}, {"user_id", user.userId},
                                                            {"amount", {{"amount", 1}}}});
        EXPECT_EQ(quota.status, expected.role == "admin" ? 201 : 403) << quota.body;
    }
    EXPECT_EQ(kernel_->anonymous().get("/p/deals/board").status, 303);
    EXPECT_EQ(kernel_->anonymous().call("GET", "/api/v1/p/deals/forecast").status, 401);
}

TEST_P(PermissionsTest, TheDemoDataLoadsOverTheDemoCompanies) {
    EXPECT_TRUE(kernel_->loadDemoData().empty());
    tessera::sdk::Query all;
    all.entity = "Deal";
    EXPECT_EQ(records().count(admin_, all), 120);
    all.filter = tessera::sdk::Filter::eq("status", "lost");
    for (const auto& lost : records().query(admin_, all).rows) {
        EXPECT_FALSE(lost["loss_reason"].is_null());
    }
    tessera::sdk::Query quotas;
    quotas.entity = "Quota";
    EXPECT_EQ(records().count(admin_, quotas), 2);
    EXPECT_EQ(kernel_->signIn("admin").get("/p/deals/analytics").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
