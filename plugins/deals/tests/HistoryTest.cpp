#include <tessera/kernel/storage/Sql.hpp>

#include "DealsFixture.hpp"
#include "Values.hpp"

using namespace deals::test;

namespace {

class HistoryTest : public DealsFixture {
protected:
    /// Moves the deal's entry into its stage back in time, as if days had passed.
    void enteredDaysAgo(const Record& record, int days) {
        std::string sql = GetParam() == Backend::Postgres
                              ? "UPDATE deal SET stage_entered_at = CAST($1 AS TIMESTAMPTZ) - make_interval(days => " +
                                    std::to_string(days) + ") WHERE id = $2"
                              : "UPDATE deal SET stage_entered_at = strftime('%Y-%m-%dT%H:%M:%SZ', $1, '-" +
                                    std::to_string(days) + " days') WHERE id = $2";
        auto session = database_->db().session();
        tessera::kernel::Sql::execute(database_->db(), session, sql,
                                      {tessera::kernel::SqlValue(deals::nowIso()), tessera::kernel::SqlValue(record["id"].get<std::int64_t>())});
    }

    nlohmann::json notificationsOf(const std::string& login) {
        return kernel_->signIn(login).call("GET", "/api/v1/notifications").json();
    }
};

}  // namespace

TEST_P(HistoryTest, TheDealPageShowsEveryStageWithTheTimeSpentThere) {
    Record made = deal(rep_, {{"name", "Traveller"}, {"amount", {{"amount", 5}}}, {"expected_close_date", "2026-09-30"}});
    update(rep_, made, {{"stage_id", stage("Qualification")}});
    update(rep_, made, {{"stage_id", stage("Proposal")}});
    auto page = kernel_->signIn("rep").get("/r/deals/" + made["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Stage history"));
    EXPECT_TRUE(contains(page.body, "<td>Prospecting</td><td>Qualification</td><td>less than a day</td>")) << page.body;
    EXPECT_TRUE(contains(page.body, "In <strong>Proposal</strong> for less than a day"));
}

TEST_P(HistoryTest, StalledDealsAreReportedToTheirOwnerOncePerStay) {
    Record slow = deal(rep_, {{"name", "Slow one"}});
    Record fresh = deal(rep_, {{"name", "Fresh one"}});
    Record won = deal(rep_, {{"name", "Done one"}, {"stage_id", stage("Closed Won")}});
    enteredDaysAgo(slow, 20);  // Prospecting counts as stalled after 14 days
    enteredDaysAgo(fresh, 3);
    enteredDaysAgo(won, 300);
    auto admin = kernel_->signIn("admin");
    auto queued = admin.postForm("/admin/jobs/run", {{"job", "deals.stalled"}});
    ASSERT_EQ(queued.status, 303) << queued.body;
    kernel_->runDueJobs();
    auto notes = notificationsOf("rep");
    std::string all = notes.dump();
    EXPECT_TRUE(contains(all, "Stalled deal: Slow one")) << all;
    EXPECT_TRUE(contains(all, "In Prospecting for 20 days"));
    EXPECT_FALSE(contains(all, "Fresh one"));
    EXPECT_FALSE(contains(all, "Done one"));
    EXPECT_FALSE(reload(slow)["stall_notified_at"].is_null());
    EXPECT_TRUE(contains(kernel_->signIn("rep").get("/r/deals/" + slow["id"].dump()).body, "stalled-tag"));

    // Run again: nothing new until the deal moves and stalls again.
    admin.postForm("/admin/jobs/run", {{"job", "deals.stalled"}});
    kernel_->runDueJobs();
    std::string again = notificationsOf("rep").dump();
    EXPECT_EQ(again.find("Slow one"), again.rfind("Slow one")) << again;
    Record moved = update(rep_, slow, {{"stage_id", stage("Qualification")}});
    EXPECT_TRUE(moved["stall_notified_at"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
