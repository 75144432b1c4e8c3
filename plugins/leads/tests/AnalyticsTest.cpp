#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class AnalyticsTest : public LeadsFixture {
protected:
    nlohmann::json rowOf(const nlohmann::json& rows, const std::string& field, const nlohmann::json& value) {
        for (const auto& row : rows) {
            if (row[field] == value) {
                return row;
            }
        }
        return nullptr;
    }
};

}  // namespace

TEST_P(AnalyticsTest, ConversionAndReturnBySourceCampaignOwnerAndMonth) {
    Record fair = campaign("Trade fair", {"last_name", "email"}, {"email"},
                           {{"channel", "event"}, {"cost", {{"amount", 1000}, {"currency", "EUR"}}}});
    std::vector<Record> fairLeads;
    for (int i = 0; i < 4; ++i) {
        fairLeads.push_back(lead(rep_, {{"last_name", "Fair " + std::to_string(i)}, {"source", "event"},
                                        {"campaign_id", fair["id"]}}));
    }
    lead(admin_, {{"last_name", "Referred"}, {"source", "referral"}, {"status", "unqualified"},
                  {"unqualified_reason", "timing"}});
    auto client = kernel_->signIn("rep");
    for (int i = 0; i < 2; ++i) {
        auto converted = client.call("POST", "/api/v1/p/leads/leads/" + fairLeads[static_cast<std::size_t>(i)]["id"].dump() + "/convert",
                                     {{"create_deal", true}, {"amount", 3000}});
        ASSERT_EQ(converted.status, 200) << converted.body;
        if (i == 0) {
            Query won;
            won.entity = "PipelineStage";
            won.filter = Filter::eq("outcome", "won");
            std::int64_t stage = records().query(Caller::systemCaller(), won).rows.at(0)["id"].get<std::int64_t>();
            Record deal = records().get(admin_, "Deal", converted.json()["deal_id"].get<std::int64_t>());
            records().update(admin_, "Deal", deal["id"], deal["version"], {{"stage_id", stage}});
        }
    }
    auto answer = kernel_->signIn("admin").call("GET", "/api/v1/p/leads/analytics");
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto report = answer.json();
    EXPECT_EQ(report["leads"], 5);
    EXPECT_EQ(report["converted"], 2);
    auto event = rowOf(report["by_source"], "key", "event");
    EXPECT_EQ(event["leads"], 4);
    EXPECT_EQ(event["converted"], 2);
    EXPECT_EQ(event["rate"], "50.0 %");
    EXPECT_EQ(rowOf(report["by_source"], "key", "referral")["rate"], "0.0 %");
    EXPECT_EQ(rowOf(report["by_campaign"], "label", "Trade fair")["converted"], 2);
    EXPECT_EQ(rowOf(report["by_owner"], "label", "rep")["leads"], 4);
    ASSERT_EQ(report["by_month"].size(), 1u);
    EXPECT_EQ(report["by_month"][0]["leads"], 5);
    auto roi = rowOf(report["roi"], "campaign", "Trade fair");
    EXPECT_EQ(roi["cost"], 1000);
    EXPECT_EQ(roi["won"], 3000);
    EXPECT_EQ(roi["roi"], "200.0 %");
    auto sourceRoi = rowOf(report["source_roi"], "source", "event");
    EXPECT_EQ(sourceRoi["won"], 3000);
    EXPECT_EQ(sourceRoi["roi"], "200.0 %");

    ASSERT_EQ(report["unqualified_reasons"].size(), 1u);
    EXPECT_EQ(report["unqualified_reasons"][0]["reason"], "timing");
    EXPECT_EQ(report["unqualified_reasons"][0]["leads"], 1);

    // A sales rep's report counts the leads the rep may read: not the admin's referral.
    auto mine = client.call("GET", "/api/v1/p/leads/analytics").json();
    EXPECT_EQ(mine["leads"], 4);
    auto page = client.get("/p/leads/analytics");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Trade fair"));
    EXPECT_TRUE(contains(page.body, "200.0 %"));
    EXPECT_EQ(client.get("/p/leads/analytics?from=yesterday").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
