#include "Condition.hpp"
#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class ScoringTest : public LeadsFixture {};

}  // namespace

TEST(ConditionTest, ComparesNumbersAsNumbersAndTextIgnoringCase) {
    Record lead = {{"company_size", 250}, {"industry", "Technology"}, {"job_title", "Head of IT"}, {"phone", nullptr}};
    EXPECT_TRUE((leads::Condition{"company_size", "gt", "100"}).matches(lead));
    EXPECT_FALSE((leads::Condition{"company_size", "gt", "1000"}).matches(lead));
    EXPECT_TRUE((leads::Condition{"company_size", "lte", "250"}).matches(lead));
    EXPECT_TRUE((leads::Condition{"industry", "eq", "technology"}).matches(lead));
    EXPECT_TRUE((leads::Condition{"job_title", "contains", "HEAD"}).matches(lead));
    EXPECT_TRUE((leads::Condition{"phone", "is_not_set", ""}).matches(lead));
    EXPECT_FALSE((leads::Condition{"phone", "eq", "1"}).matches(lead));
    EXPECT_TRUE((leads::Condition{"", "eq", ""}).matches(lead));
    EXPECT_EQ((leads::Condition{"company_size", "gt", "100"}).describe(), "company_size > 100");
}

TEST_P(ScoringTest, TheScoreSaysWhichRuleGaveWhatAndFollowsEveryChange) {
    scoringRule("Large company", "company_size", "gt", "100", 20);
    scoringRule("Technology", "industry", "eq", "Technology", 15);
    scoringRule("Decision maker", "job_title", "contains", "head", 10);
    scoringRule("Student", "job_title", "contains", "student", -30);
    records().create(admin_, "ScoringRule", {{"name", "E-mail opens"}, {"kind", "behaviour"}, {"behaviour", "email_open"},
                                             {"points", 3}, {"max_times", 2}});
    Record anna = lead(rep_, {{"last_name", "Berg"}, {"company_size", 250}, {"industry", "Technology"}});
    EXPECT_EQ(anna["score"], 35);
    EXPECT_EQ(anna["sales_ready"], false);
    ASSERT_EQ(anna["score_details"].size(), 2u);
    EXPECT_EQ(anna["score_details"][0]["rule"], "Large company");
    EXPECT_EQ(anna["score_details"][0]["condition"], "company_size > 100");
    EXPECT_EQ(anna["score_details"][0]["points"], 20);
    EXPECT_EQ(anna["score_details"][1]["points"], 15);

    anna = update(rep_, anna, {{"company_size", 50}, {"job_title", "Head of IT"}});
    EXPECT_EQ(anna["score"], 25);

    auto client = kernel_->signIn("rep");
    for (int i = 0; i < 3; ++i) {
        auto opened = client.call("POST", "/api/v1/p/leads/behaviour", {{"lead_id", anna["id"]}, {"kind", "email_open"}});
        ASSERT_EQ(opened.status, 200) << opened.body;
    }
    anna = reload("Lead", anna);
    EXPECT_EQ(anna["behaviour"]["email_open"], 3);
    EXPECT_EQ(anna["score"], 31);  // 15 + 10 + 3 × 2 (counted at most twice)

    auto explained = client.get("/api/v1/p/leads/leads/" + anna["id"].dump() + "/score");
    ASSERT_EQ(explained.status, 200);
    EXPECT_EQ(explained.json()["threshold"], 50);
    EXPECT_EQ(explained.json()["rules"].size(), 3u);
    EXPECT_EQ(explained.json()["rules"][2]["condition"], "email_open × 2");
    auto page = client.get("/r/leads/" + anna["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Decision maker"));
    EXPECT_TRUE(contains(page.body, "job_title contains head"));
    EXPECT_TRUE(contains(page.body, "+10"));

    // Events from other plugins count the same way; a user cannot forge the counts.
    update(rep_, anna, {{"behaviour", {{"email_open", 100}}}, {"notes", "called"}});
    EXPECT_EQ(reload("Lead", anna)["behaviour"]["email_open"], 3);

    // A new rule re-scores the open leads through the queued job.
    scoringRule("Country unknown", "country", "is_not_set", "", 25);
    kernel_->runDueJobs();
    anna = reload("Lead", anna);
    EXPECT_EQ(anna["score"], 56);
    EXPECT_EQ(anna["sales_ready"], true);
    nlohmann::json told = client.call("GET", "/api/v1/notifications").json()["data"];
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0]["type"], "leads.sales_ready");
}

TEST_P(ScoringTest, AnUnqualifiedLeadSaysWhyAndForgetsItWhenRequalified) {
    Record lead = this->lead(rep_, {{"last_name", "Berg"}});
    auto refused = refusal([&] { update(rep_, lead, {{"status", "unqualified"}}); });
    EXPECT_EQ(refused["unqualified_reason"], "is required when the status is Unqualified");
    lead = update(rep_, lead, {{"status", "unqualified"}, {"unqualified_reason", "no_budget"}});
    EXPECT_EQ(lead["unqualified_reason"], "no_budget");
    lead = update(rep_, lead, {{"status", "contacted"}});
    EXPECT_TRUE(lead["unqualified_reason"].is_null());
}

TEST_P(ScoringTest, ACampaignIdMustNameACampaign) {
    auto refused = refusal([&] { lead(rep_, {{"last_name", "Berg"}, {"campaign_id", 4242}}); });
    EXPECT_EQ(refused["campaign_id"], "there is no campaign 4242");
    EXPECT_EQ(count("Lead"), 0);
}

TEST_P(ScoringTest, OnlyConfiguringUsersEditRulesAndBadRulesNameTheField) {
    auto refused = refusal([&] {
        records().create(rep_, "ScoringRule", {{"name", "Mine"}, {"field", "industry"}, {"value", "Retail"}, {"points", 5}});
    });
    EXPECT_EQ(refused["(code)"], "forbidden");
    EXPECT_EQ(kernel_->signIn("rep").call("POST", "/api/v1/lead-scoring-rules",
                                          {{"name", "Mine"}, {"field", "industry"}, {"value", "Retail"}, {"points", 5}})
                  .status,
              403);
    auto typo = refusal([&] {
        records().create(admin_, "ScoringRule", {{"name", "Typo"}, {"field", "industsry"}, {"value", "x"}, {"points", 5}});
    });
    EXPECT_EQ(typo["(code)"], "validation");
    EXPECT_TRUE(contains(typo["field"], "not a lead field"));
    auto noValue = refusal([&] {
        records().create(admin_, "ScoringRule", {{"name", "No value"}, {"field", "industry"}, {"points", 5}});
    });
    EXPECT_EQ(noValue["value"], "give the value to compare with");
    auto noKind = refusal([&] {
        records().create(admin_, "ScoringRule", {{"name", "Opens"}, {"kind", "behaviour"}, {"points", 5}});
    });
    EXPECT_TRUE(contains(noKind["behaviour"], "event kind"));
    EXPECT_EQ(count("ScoringRule"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScoringTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
