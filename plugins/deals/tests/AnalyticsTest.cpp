#include "DealsFixture.hpp"

using namespace deals::test;

namespace {

/// Five closed deals worked through their stages; the expected rates are counted by hand.
class AnalyticsTest : public DealsFixture {
protected:
    void SetUp() override {
        DealsFixture::SetUp();
        rep2_ = Caller::user(kernel_->createUser("rep2", "sales_rep"));
        close(rep_, "A", 10000, "referral", {"Zoho"}, "Proposal", "");
        close(rep_, "B", 5000, "referral", {"Zoho", "Odoo"}, "Qualification", "price");
        close(rep2_, "C", 7000, "website", {}, "Prospecting", "price");
        close(rep2_, "D", 3000, "website", {}, "Prospecting", "timing");
        close(rep2_, "E", 20000, "website", {}, "Negotiation", "");
    }

    /// Walks a deal up to `furthest`, then wins it (no loss reason) or loses it.
    void close(const Caller& owner, const std::string& name, double amount, const std::string& source,
               std::vector<std::string> competitors, const std::string& furthest, const std::string& lossReason) {
        Record made = deal(admin_, {{"name", name}, {"owner_id", owner.userId}, {"source", source},
                                    {"competitors", competitors}, {"amount", {{"amount", amount}}},
                                    {"expected_close_date", "2030-01-01"}, {"next_step", "Call"}});
        for (const char* step : {"Qualification", "Proposal", "Negotiation"}) {
            if (reload(made)["stage_id"] == stage(furthest)) {
                break;
            }
            update(admin_, made, {{"stage_id", stage(step)}});
        }
        if (lossReason.empty()) {
            update(admin_, made, {{"stage_id", stage("Closed Won")}});
        } else {
            update(admin_, made, {{"stage_id", stage("Closed Lost")}, {"loss_reason", lossReason}});
        }
    }

    static nlohmann::json row(const nlohmann::json& rows, const std::string& key) {
        for (const auto& row : rows) {
            if (row.value("key", nlohmann::json()) == key ||
                row.value("label", nlohmann::json()) == key) {
                return row;
            }
        }
        return nullptr;
    }

    Caller rep2_;
};

}  // namespace

TEST_P(AnalyticsTest, WinRatesLossReasonsAndVelocityMatchTheClosedDeals) {
    auto answer = kernel_->signIn("admin").call("GET", "/api/v1/p/deals/analytics");
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto data = answer.json();
    auto rep = row(data["by_owner"], std::to_string(rep_.userId));
    EXPECT_EQ(rep["won"], 1);
    EXPECT_EQ(rep["lost"], 1);
    EXPECT_DOUBLE_EQ(rep["win_rate"].get<double>(), 50.0);
    EXPECT_EQ(rep["won_amount"], 10000);
    auto rep2 = row(data["by_owner"], std::to_string(rep2_.userId));
    EXPECT_DOUBLE_EQ(rep2["win_rate"].get<double>(), 33.3);
    EXPECT_DOUBLE_EQ(row(data["by_source"], "Website")["win_rate"].get<double>(), 33.3);
    EXPECT_EQ(row(data["by_source"], "referral")["won"], 1);

    const auto& reasons = data["loss_reasons"];
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_EQ(reasons[0]["reason"], "price");
    EXPECT_EQ(reasons[0]["count"], 2);
    EXPECT_EQ(reasons[0]["amount"], 12000);
    EXPECT_EQ(reasons[1]["reason"], "timing");

    // Reached Prospecting: all five (2 won); Qualification: A, B, E; Proposal: A, E; Negotiation: E.
    EXPECT_DOUBLE_EQ(row(data["by_stage_reached"], "Prospecting")["win_rate"].get<double>(), 40.0);
    EXPECT_DOUBLE_EQ(row(data["by_stage_reached"], "Qualification")["win_rate"].get<double>(), 66.7);
    EXPECT_EQ(row(data["by_stage_reached"], "Proposal")["won"], 2);
    EXPECT_EQ(row(data["by_stage_reached"], "Proposal")["lost"], 0);
    EXPECT_EQ(row(data["by_stage_reached"], "Negotiation")["won"], 1);

    EXPECT_EQ(row(data["by_competitor"], "Zoho")["won"], 1);
    EXPECT_EQ(row(data["by_competitor"], "Zoho")["lost"], 1);
    EXPECT_EQ(row(data["by_competitor"], "Odoo")["lost"], 1);

    const auto& velocity = data["velocity"];
    EXPECT_EQ(row(velocity["days_per_stage"], "Prospecting").is_null(), true);  // keyed by "stage"
    bool prospecting = false;
    for (const auto& stage : velocity["days_per_stage"]) {
        if (stage["stage"] == "Prospecting") {
            prospecting = true;
            EXPECT_EQ(stage["moves"], 5);
            EXPECT_LT(stage["average_days"].get<double>(), 1.0);
        }
    }
    EXPECT_TRUE(prospecting);
    EXPECT_DOUBLE_EQ(velocity["win_rate"].get<double>(), 0.4);
    EXPECT_DOUBLE_EQ(velocity["average_won"].get<double>(), 15000);

    auto page = kernel_->signIn("admin").get("/p/deals/analytics");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Loss reasons"));
    EXPECT_TRUE(contains(page.body, "66.7 %"));
    EXPECT_EQ(kernel_->signIn("admin").get("/p/deals/analytics?from=yesterday").status, 422);
    // The rep's own view: only their two deals.
    auto mine = kernel_->signIn("rep").call("GET", "/api/v1/p/deals/analytics").json();
    EXPECT_EQ(mine["by_owner"].size(), 1u);
}

TEST_P(AnalyticsTest, WidgetsAndRecordPanelsShowOpenDealsAndTotals) {
    Record company = records().create(rep_, "Company", {{"name", "Panel Corp"}});
    Record anna = records().create(rep_, "Contact", {{"last_name", "Panel"}, {"company_id", company["id"]}});
    Record open = deal(rep_, {{"name", "Panel <b>deal</b>"}, {"company_id", company["id"]}, {"amount", {{"amount", 4200}}}});
    records().create(rep_, "DealContact", {{"deal_id", open["id"]}, {"contact_id", anna["id"]}, {"role", "champion"}});
    auto rep = kernel_->signIn("rep");
    auto companyPage = kernel_->signIn("admin").get("/r/companies/" + company["id"].dump());
    ASSERT_EQ(companyPage.status, 200);
    EXPECT_TRUE(contains(companyPage.body, "Panel &lt;b&gt;deal&lt;/b&gt;"));
    EXPECT_TRUE(contains(companyPage.body, "<strong>1</strong> open · 4,200 EUR"));
    auto contactPage = kernel_->signIn("admin").get("/r/contacts/" + anna["id"].dump());
    EXPECT_TRUE(contains(contactPage.body, "Panel &lt;b&gt;deal&lt;/b&gt;"));

    auto home = rep.get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, "My open deals"));
    EXPECT_TRUE(contains(home.body, "Panel &lt;b&gt;deal&lt;/b&gt;"));
    EXPECT_TRUE(contains(home.body, "Pipeline by stage"));
    EXPECT_TRUE(contains(home.body, "<svg class=\"deals-chart\""));
    EXPECT_TRUE(contains(home.body, ">Prospecting</text>"));
    EXPECT_TRUE(contains(home.body, "Forecast Q"));
    EXPECT_FALSE(contains(home.body, "deals panel failed"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
