#include "DealsFixture.hpp"

using namespace deals::test;

namespace {

class KanbanTest : public DealsFixture {
protected:
    std::string board() { return "/p/deals/board/" + std::to_string(pipeline_); }
};

}  // namespace

TEST_P(KanbanTest, ColumnsShowCountTotalAndWeightedTotalOfWhatTheUserMaySee) {
    deal(rep_, {{"name", "Rep small"}, {"amount", {{"amount", 10000}}}});
    deal(rep_, {{"name", "Rep big"}, {"amount", {{"amount", 20000}}}});
    deal(rep_, {{"name", "Rep proposal"}, {"stage_id", stage("Proposal")}, {"amount", {{"amount", 4000}}},
                {"expected_close_date", "2026-05-31"}});
    deal(admin_, {{"name", "Admin secret"}, {"amount", {{"amount", 999000}}}});
    auto rep = kernel_->signIn("rep");
    auto start = rep.get("/p/deals/board");
    EXPECT_EQ(start.status, 303);
    EXPECT_EQ(start.header("location"), board());
    auto page = rep.get(board());
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Rep small"));
    EXPECT_FALSE(contains(page.body, "Admin secret"));
    // Prospecting: 2 deals, 30,000 in total, 3,000 weighted; Proposal: 4,000 and 2,000.
    EXPECT_TRUE(contains(page.body, "<span class=\"count\">2</span>"));
    EXPECT_TRUE(contains(page.body, "30,000 EUR"));
    EXPECT_TRUE(contains(page.body, "≈ 3,000 EUR"));
    EXPECT_TRUE(contains(page.body, "≈ 2,000 EUR"));
    EXPECT_TRUE(contains(page.body, "<strong>3</strong> open deals"));
    EXPECT_TRUE(contains(page.body, "data-required=\"amount expected_close_date\""));
    EXPECT_TRUE(contains(page.body, "data-required=\"loss_reason\""));

    auto admin = kernel_->signIn("admin");
    auto mine = admin.get(board() + "?owner=me");
    EXPECT_TRUE(contains(mine.body, "Admin secret"));
    EXPECT_FALSE(contains(mine.body, "Rep small"));
    auto closing = admin.get(board() + "?close_from=2026-05-01&close_to=2026-05-31");
    EXPECT_TRUE(contains(closing.body, "Rep proposal"));
    EXPECT_FALSE(contains(closing.body, "Rep small"));
    auto bad = admin.get(board() + "?close_from=May");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "close_from")) << bad.body;
    EXPECT_EQ(admin.get("/p/deals/board/999999").status, 404);
}

TEST_P(KanbanTest, AMoveAsksForTheTargetStagesFieldsAndExplainsARefusal) {
    Record made = deal(rep_, {{"name", "Movable"}});
    auto rep = kernel_->signIn("rep");
    std::string move = "/p/deals/deals/" + made["id"].dump() + "/move";
    auto refused = rep.postForm(move, {{"stage_id", std::to_string(stage("Proposal"))},
                                       {"version", made["version"].dump()},
                                       {"back", board()}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(contains(refused.body, "Movable cannot move to Proposal yet"));
    EXPECT_TRUE(contains(refused.body, "is required to enter Proposal"));
    EXPECT_TRUE(contains(refused.body, "name=\"expected_close_date\" type=\"date\""));
    EXPECT_EQ(reload(made)["stage_id"], stage("Prospecting"));

    auto moved = rep.postForm(move, {{"stage_id", std::to_string(stage("Proposal"))},
                                     {"version", made["version"].dump()},
                                     {"amount", "12000"},
                                     {"amount_currency", "EUR"},
                                     {"expected_close_date", "2026-07-15"},
                                     {"back", board() + "?owner=me"}});
    EXPECT_EQ(moved.status, 303) << moved.body;
    EXPECT_EQ(moved.header("location"), board() + "?owner=me");
    Record now = reload(made);
    EXPECT_EQ(now["stage_id"], stage("Proposal"));
    EXPECT_EQ(now["amount"]["amount"], 12000);

    auto stale = rep.postForm(move, {{"stage_id", std::to_string(stage("Negotiation"))},
                                     {"version", made["version"].dump()}});
    EXPECT_EQ(stale.status, 409);
    auto lost = rep.postForm(move, {{"stage_id", std::to_string(stage("Closed Lost"))},
                                    {"version", now["version"].dump()}});
    EXPECT_EQ(lost.status, 422);
    EXPECT_TRUE(contains(lost.body, "is required when a deal is lost"));
    EXPECT_TRUE(contains(lost.body, "Chose a competitor"));
    auto offsite = rep.postForm(move, {{"stage_id", std::to_string(stage("Closed Lost"))},
                                       {"version", now["version"].dump()},
                                       {"loss_reason", "price"},
                                       {"back", "https://evil.example/"}});
    EXPECT_EQ(offsite.status, 303);
    EXPECT_EQ(offsite.header("location"), "/p/deals/board");
    EXPECT_EQ(reload(made)["status"], "lost");
}

TEST_P(KanbanTest, TheJsonMoveNamesTheMissingFieldsAndRespectsPermissions) {
    Record made = deal(rep_, {{"name", "Api deal"}});
    auto rep = kernel_->signIn("rep");
    std::string move = "/api/v1/p/deals/deals/" + made["id"].dump() + "/move";
    auto refused = rep.call("POST", move, {{"stage_id", stage("Negotiation")}, {"version", made["version"]}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(refused.json()["error"]["fields"]["next_step"], "is required to enter Negotiation") << refused.body;
    EXPECT_EQ(rep.call("POST", move, {{"version", made["version"]}}).status, 422);
    auto moved = rep.call("POST", move,
                          {{"stage_id", stage("Negotiation")}, {"version", made["version"]},
                           {"values", {{"next_step", "Sign"}, {"amount", {{"amount", 100}}},
                                       {"expected_close_date", "2026-08-01"}}}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["probability"], 75);

    kernel_->createUser("agent", "support_agent");
    auto agent = kernel_->signIn("agent");
    Record now = reload(made);
    auto denied = agent.call("POST", move, {{"stage_id", stage("Closed Won")}, {"version", now["version"]}});
    EXPECT_EQ(denied.status, 403) << denied.body;
    kernel_->createUser("other", "sales_rep");
    auto other = kernel_->signIn("other");
    EXPECT_EQ(other.call("POST", move, {{"stage_id", stage("Closed Won")}, {"version", now["version"]}}).status, 404);
    EXPECT_EQ(reload(made)["stage_id"], stage("Negotiation"));
    auto pipelines = rep.call("GET", "/api/v1/p/deals/pipelines");
    ASSERT_EQ(pipelines.status, 200);
    EXPECT_EQ(pipelines.json()["pipelines"][0]["stages"].size(), 6u);
}

INSTANTIATE_TEST_SUITE_P(Backends, KanbanTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
