#include "DealsFixture.hpp"
#include "Values.hpp"

using namespace deals::test;
using tessera::sdk::Filter;
using tessera::sdk::Query;

namespace {

class StageRulesTest : public DealsFixture {
protected:
    std::vector<Record> history(const Record& record) {
        Query query;
        query.entity = "DealStageChange";
        query.filter = Filter::eq("deal_id", record["id"]);
        query.sort = {{"id", false}};
        return records().query(admin_, query).rows;
    }
};

}  // namespace

TEST_P(StageRulesTest, TheConfigSeedsTheDefaultPipelineInOrder) {
    Query query;
    query.entity = "PipelineStage";
    query.sort = {{"position", false}};
    auto rows = records().query(admin_, query).rows;
    ASSERT_EQ(rows.size(), 6u);
    std::vector<std::tuple<std::string, int, std::string>> expected = {
        {"Prospecting", 10, "open"}, {"Qualification", 25, "open"}, {"Proposal", 50, "open"},
        {"Negotiation", 75, "open"}, {"Closed Won", 100, "won"},    {"Closed Lost", 0, "lost"}};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i]["name"], std::get<0>(expected[i]));
        EXPECT_EQ(rows[i]["probability"], std::get<1>(expected[i]));
        EXPECT_EQ(rows[i]["outcome"], std::get<2>(expected[i]));
    }
    EXPECT_EQ(records().get(admin_, "Pipeline", pipeline_)["is_default"], true);
}

TEST_P(StageRulesTest, ANewDealStartsInTheFirstStageWithItsProbability) {
    Record made = deal(rep_, {{"name", "Rollout"}, {"amount", {{"amount", 20000}}}});
    EXPECT_EQ(made["stage_id"], stage("Prospecting"));
    EXPECT_EQ(made["pipeline_id"], pipeline_);
    EXPECT_EQ(made["probability"], 10);
    EXPECT_EQ(made["status"], "open");
    EXPECT_EQ(made["forecast_category"], "pipeline");
    EXPECT_DOUBLE_EQ(made["weighted_amount"].get<double>(), 2000);
    EXPECT_EQ(made["amount"]["currency"], "EUR");
    EXPECT_EQ(made["owner_id"], rep_.userId);
    auto rows = history(made);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows[0]["from_stage_id"].is_null());
    EXPECT_EQ(rows[0]["to_stage_name"], "Prospecting");
    EXPECT_EQ(rows[0]["changed_by"], rep_.userId);
}

TEST_P(StageRulesTest, AStageRefusesDealsWithoutItsRequiredFieldsAndNothingIsWritten) {
    Record made = deal(rep_, {{"name", "Bare"}});
    auto refused = refusal(rep_, made, {{"stage_id", stage("Proposal")}});
    EXPECT_EQ(refused["(code)"], "validation");
    EXPECT_EQ(refused["amount"], "is required to enter Proposal");
    EXPECT_EQ(refused["expected_close_date"], "is required to enter Proposal");
    EXPECT_EQ(reload(made)["stage_id"], stage("Prospecting"));
    EXPECT_EQ(reload(made)["version"], made["version"]);
    EXPECT_EQ(history(made).size(), 1u);

    Record moved = update(rep_, made, {{"stage_id", stage("Proposal")},
                                       {"amount", {{"amount", 10000}, {"currency", "EUR"}}},
                                       {"expected_close_date", "2026-06-30"}});
    EXPECT_EQ(moved["probability"], 50);
    EXPECT_EQ(moved["forecast_category"], "best_case");
    EXPECT_DOUBLE_EQ(moved["weighted_amount"].get<double>(), 5000);
    auto rows = history(made);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1]["from_stage_name"], "Prospecting");
    EXPECT_EQ(rows[1]["to_stage_name"], "Proposal");
    EXPECT_TRUE(rows[1]["days_in_from_stage"].is_number());

    // A deal created straight into a stage meets the same rule.
    try {
        deal(rep_, {{"name", "Skipping"}, {"stage_id", stage("Negotiation")}, {"amount", {{"amount", 5}}}});
        ADD_FAILURE() << "a deal entered Negotiation without its fields";
    } catch (const tessera::sdk::PluginError& e) {
        EXPECT_EQ(e.error().fields.at("next_step"), "is required to enter Negotiation");
        EXPECT_FALSE(e.error().fields.contains("amount"));
    }
}

TEST_P(StageRulesTest, LostNeedsAReasonAndClosingSetsTheDates) {
    Record made = deal(rep_, {{"name", "Doubtful"}, {"amount", {{"amount", 8000}}}});
    auto refused = refusal(rep_, made, {{"stage_id", stage("Closed Lost")}});
    EXPECT_EQ(refused["loss_reason"], "is required when a deal is lost");
    EXPECT_EQ(reload(made)["status"], "open");

    Record lost = update(rep_, made, {{"stage_id", stage("Closed Lost")}, {"loss_reason", "price"}});
    EXPECT_EQ(lost["status"], "lost");
    EXPECT_EQ(lost["closed_on"], deals::todayIso());
    EXPECT_EQ(lost["expected_close_date"], deals::todayIso());
    EXPECT_EQ(lost["probability"], 0);
    EXPECT_EQ(lost["forecast_category"], "omitted");
    EXPECT_EQ(lost["days_to_close"], 0);
    EXPECT_EQ(refusal(rep_, made, {{"loss_reason", nullptr}})["loss_reason"],
              "is required when a deal is lost");

    Record reopened = update(rep_, made, {{"stage_id", stage("Qualification")}});
    EXPECT_EQ(reopened["status"], "open");
    EXPECT_TRUE(reopened["closed_on"].is_null());
    EXPECT_EQ(reopened["probability"], 25);

    Record won = update(rep_, made, {{"stage_id", stage("Closed Won")}, {"probability_override", 40}});
    EXPECT_EQ(won["status"], "won");
    EXPECT_EQ(won["probability"], 100);
    EXPECT_EQ(won["forecast_category"], "closed");
    EXPECT_DOUBLE_EQ(won["weighted_amount"].get<double>(), 8000);
    EXPECT_EQ(history(made).size(), 4u);
}

TEST_P(StageRulesTest, TheProbabilityComesFromTheStageUnlessOverridden) {
    Record made = deal(rep_, {{"name", "Hopeful"}, {"amount", {{"amount", 1000}}}});
    Record overridden = update(rep_, made, {{"probability_override", 80}});
    EXPECT_EQ(overridden["probability"], 80);
    EXPECT_EQ(overridden["forecast_category"], "commit");
    EXPECT_DOUBLE_EQ(overridden["weighted_amount"].get<double>(), 800);
    Record moved = update(rep_, made, {{"stage_id", stage("Qualification")}});
    EXPECT_EQ(moved["probability"], 80);
    Record cleared = update(rep_, made, {{"probability_override", nullptr}});
    EXPECT_EQ(cleared["probability"], 25);
    EXPECT_EQ(cleared["forecast_category"], "pipeline");
    // A category chosen by hand holds while the probability stays.
    Record chosen = update(rep_, made, {{"forecast_category", "best_case"}});
    EXPECT_EQ(chosen["forecast_category"], "best_case");
    EXPECT_EQ(update(rep_, made, {{"next_step", "Call"}})["forecast_category"], "best_case");
    EXPECT_EQ(refusal(rep_, made, {{"probability_override", 101}})["probability_override"].empty(), false);
    EXPECT_EQ(refusal(rep_, made, {{"probability", 99}})["(code)"], "validation");
}

TEST_P(StageRulesTest, StagesOfAnotherPipelineAreRefusedAndAPipelineChangeStartsOver) {
    Record other = records().create(admin_, "Pipeline", {{"name", "Renewals"}, {"currency", "USD"}});
    Record first = records().create(admin_, "PipelineStage",
                                    {{"pipeline_id", other["id"]}, {"name", "Notice"}, {"position", 1},
                                     {"probability", 60}, {"outcome", "open"}});
    Record made = deal(rep_, {{"name", "Mixed"}});
    auto refused = refusal(rep_, made, {{"stage_id", first["id"]}, {"pipeline_id", pipeline_}});
    EXPECT_EQ(refused["stage_id"], "'Notice' belongs to another pipeline");
    Record moved = update(rep_, made, {{"pipeline_id", other["id"]}});
    EXPECT_EQ(moved["stage_id"], first["id"]);
    EXPECT_EQ(moved["probability"], 60);
    EXPECT_EQ(refusal(rep_, made, {{"stage_id", 999999}})["stage_id"], "is not a stage of any pipeline");
}

TEST_P(StageRulesTest, OnlyAdministratorsChangePipelinesAndNobodyWritesHistory) {
    Caller manager = Caller::user(kernel_->createUser("boss", "manager"));
    for (const Caller& caller : {rep_, manager}) {
        try {
            records().create(caller, "PipelineStage", {{"pipeline_id", pipeline_}, {"name", "Sneaky"},
                                                       {"position", 5}, {"probability", 5}});
            ADD_FAILURE() << "user " << caller.userId << " added a stage";
        } catch (const tessera::sdk::PluginError& e) {
            EXPECT_EQ(e.error().code, "forbidden") << e.what();
        }
        EXPECT_ANY_THROW(records().update(caller, "PipelineStage", stage("Proposal"), 1, {{"probability", 55}}));
    }
    Record stageRow = records().get(admin_, "PipelineStage", stage("Proposal"));
    Record changed = records().update(admin_, "PipelineStage", stage("Proposal"), stageRow["version"],
                                      {{"probability", 55}, {"required_fields", {"amount"}}});
    EXPECT_EQ(changed["probability"], 55);
    try {
        records().update(admin_, "PipelineStage", stage("Proposal"), changed["version"],
                         {{"required_fields", {"colour"}}});
        ADD_FAILURE() << "an unknown required field was accepted";
    } catch (const tessera::sdk::PluginError& e) {
        EXPECT_TRUE(contains(e.error().fields.at("required_fields"), "'colour' is not a deal field"));
    }
    Record made = deal(rep_, {{"name", "Audited"}});
    EXPECT_ANY_THROW(records().create(admin_, "DealStageChange", {{"deal_id", made["id"]}, {"to_stage_id", 1}}));
}

INSTANTIATE_TEST_SUITE_P(Backends, StageRulesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
