#include <ctime>

#include "DealsFixture.hpp"

using namespace deals::test;
using tessera::sdk::Filter;
using tessera::sdk::Query;

namespace {

/// Deals with the activities plugin running.
class EntryTasksTest : public DealsFixture {
protected:
    std::vector<std::string> plugins() const override {
        return {"contacts", "activities", "deals"};
    }

    void askOnEntry(const std::string& stageName, const nlohmann::json& activities) {
        Record stage = records().get(admin_, "PipelineStage", stage_.at(stageName));
        records().update(admin_, "PipelineStage", stage["id"], stage["version"],
                         {{"entry_activities", activities}});
    }

    std::vector<Record> tasksOf(const Record& deal) {
        Query query;
        query.entity = "Task";
        query.filter = Filter::allOf(
            {Filter::eq("record_entity", "Deal"), Filter::eq("record_id", deal["id"])});
        query.sort = {{"id", false}};
        return records().query(admin_, query).rows;
    }

    static double daysFromNow(const std::string& iso) {
        std::tm tm{};
        strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
        return std::difftime(timegm(&tm), std::time(nullptr)) / 86400.0;
    }
};

/// Deals alone: no activities plugin.
class EntryTasksWithoutActivitiesTest : public DealsFixture {};

}  // namespace

TEST_P(EntryTasksTest, EnteringAStageMakesItsTasksForTheDealOwner) {
    askOnEntry("Proposal", {{{"subject", "Send the proposal"}, {"due_in_days", 2}},
                            {{"subject", "Book a review call"}}});
    Record deal = this->deal(rep_, {{"name", "Fjord Ltd renewal"}});
    EXPECT_TRUE(tasksOf(deal).empty());

    // An admin moves the rep's deal: the tasks still go to the deal's owner.
    update(admin_, deal,
           {{"stage_id", stage("Proposal")},
            {"amount", {{"amount", 12000}}},
            {"expected_close_date", "2026-12-01"}});
    auto tasks = tasksOf(deal);
    ASSERT_EQ(tasks.size(), 2u);
    EXPECT_EQ(tasks[0]["title"], "Send the proposal");
    EXPECT_EQ(tasks[0]["owner_id"], rep_.userId);
    EXPECT_EQ(tasks[0]["status"], "open");
    EXPECT_EQ(tasks[0]["record_title"], "Fjord Ltd renewal");
    EXPECT_NEAR(daysFromNow(tasks[0]["due_at"]), 2.0, 0.01);
    EXPECT_EQ(tasks[1]["title"], "Book a review call");
    EXPECT_NEAR(daysFromNow(tasks[1]["due_at"]), 0.0, 0.01);
    // The owner sees them among their own tasks.
    auto page = kernel_->signIn("rep").get("/p/activities/tasks?list=mine");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Send the proposal"));

    // Staying in the stage makes none; a refused move makes none (one transaction).
    update(rep_, deal, {{"next_step", "Wait for legal"}});
    EXPECT_EQ(tasksOf(deal).size(), 2u);
    askOnEntry("Closed Lost", {{{"subject", "Ask why we lost"}}});
    EXPECT_EQ(refusal(rep_, deal, {{"stage_id", stage("Closed Lost")}})["loss_reason"],
              "is required when a deal is lost");
    EXPECT_EQ(tasksOf(deal).size(), 2u);
    update(rep_, deal, {{"stage_id", stage("Closed Lost")}, {"loss_reason", "price"}});
    EXPECT_EQ(tasksOf(deal).size(), 3u);
}

TEST_P(EntryTasksTest, ANewDealGetsTheTasksOfItsFirstStage) {
    askOnEntry("Prospecting", {{{"subject", "Research the account"}, {"due_in_days", 1}}});
    Record deal = this->deal(rep_, {{"name", "Fresh lead"}});
    auto tasks = tasksOf(deal);
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0]["title"], "Research the account");
    EXPECT_EQ(tasks[0]["owner_id"], rep_.userId);
}

TEST_P(EntryTasksTest, BadEntryActivitiesAreRefusedNamingTheField) {
    Record stage = records().get(admin_, "PipelineStage", stage_.at("Proposal"));
    for (const auto& bad : {nlohmann::json::array({{{"subject", "Call"}, {"due_in_days", -1}}}),
                            nlohmann::json::array({{{"subject", "Call"}, {"due_in_days", "soon"}}}),
                            nlohmann::json::array({{{"subject", "  "}}})}) {
        try {
            records().update(admin_, "PipelineStage", stage["id"], stage["version"],
                             {{"entry_activities", bad}});
            ADD_FAILURE() << "accepted " << bad.dump();
        } catch (const tessera::sdk::PluginError& e) {
            EXPECT_EQ(e.error().code, "validation");
            EXPECT_TRUE(e.error().fields.contains("entry_activities")) << e.what();
        }
    }
    EXPECT_TRUE(records().get(admin_, "PipelineStage", stage["id"])["entry_activities"].is_null() ||
                records().get(admin_, "PipelineStage", stage["id"])["entry_activities"].empty());
}

TEST_P(EntryTasksWithoutActivitiesTest, StageChangesWorkWithoutActivities) {
    Record stage = records().get(admin_, "PipelineStage", stage_.at("Qualification"));
    records().update(admin_, "PipelineStage", stage["id"], stage["version"],
                     {{"entry_activities", {{{"subject", "Qualify"}, {"due_in_days", 3}}}}});
    Record deal = this->deal(rep_, {{"name", "No activities"}});
    update(rep_, deal, {{"stage_id", stage_.at("Qualification")}});
    EXPECT_EQ(reload(deal)["stage_name"], "Qualification");
    Query history;
    history.entity = "DealStageChange";
    history.filter = Filter::eq("deal_id", deal["id"]);
    EXPECT_EQ(records().count(admin_, history), 2);
    auto states = kernel_->pluginStates();
    EXPECT_TRUE(!states.contains("activities") || states.at("activities") != "running");
}

INSTANTIATE_TEST_SUITE_P(Backends, EntryTasksTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
INSTANTIATE_TEST_SUITE_P(Backends, EntryTasksWithoutActivitiesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
