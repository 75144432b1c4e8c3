#include "LeadsFixture.hpp"
#include "Values.hpp"

using namespace leads::test;

namespace {

class FollowUpTest : public LeadsFixture {
protected:
    void runFollowUps() {
        auto queued = kernel_->signIn("admin").postForm("/admin/jobs/run", {{"job", "leads.follow_up"}});
        ASSERT_EQ(queued.status, 303) << queued.body;
        kernel_->runDueJobs();
    }

    std::vector<std::string> typesFor(const std::string& login) {
        std::vector<std::string> types;
        nlohmann::json answer = kernel_->signIn(login).call("GET", "/api/v1/notifications").json();
        for (const auto& item : answer["data"]) {
            types.push_back(item["type"].get<std::string>());
        }
        return types;
    }

    void stamp(const Record& lead, Record values) {
        records().update(Caller::systemCaller(), "Lead", lead["id"], reload("Lead", lead)["version"], values);
    }
};

}  // namespace

TEST_P(FollowUpTest, AnUntouchedLeadRemindsItsOwnerOnceThenTheTeamsManager) {
    std::int64_t east = team("East");
    Caller seller = Caller::user(kernel_->createUser("seller", "sales_rep", {east}));
    kernel_->createUser("boss", "manager", {east});  // holds leads.manage: the plugin's default
    kernel_->createUser("peer", "sales_rep", {east});  // a teammate without it
    kernel_->createUser("outsider", "admin");        // holds it too, but in no team with the seller
    Record waiting = lead(seller, {{"last_name", "Waiting"}});
    Record fresh = lead(seller, {{"last_name", "Fresh"}});
    stamp(waiting, {{"last_touched_at", leads::isoNow(-5 * 3600)}});  // new leads may wait 4 hours

    runFollowUps();
    EXPECT_EQ(typesFor("seller"), std::vector<std::string>{"leads.untouched"});
    EXPECT_FALSE(reload("Lead", waiting)["reminded_at"].is_null());
    EXPECT_TRUE(reload("Lead", fresh)["reminded_at"].is_null());
    EXPECT_TRUE(typesFor("boss").empty());

    runFollowUps();
    EXPECT_EQ(typesFor("seller").size(), 1u);

    stamp(waiting, {{"reminded_at", leads::isoNow(-25 * 3600)}});  // a day after the reminder
    runFollowUps();
    EXPECT_EQ(typesFor("boss"), std::vector<std::string>{"leads.escalated"});
    EXPECT_TRUE(typesFor("outsider").empty());
    EXPECT_TRUE(typesFor("peer").empty());
    EXPECT_EQ(typesFor("seller").size(), 1u);
    runFollowUps();
    EXPECT_EQ(typesFor("boss").size(), 1u);

    // Working on the lead starts the clock again.
    Record touched = update(seller, waiting, {{"status", "contacted"}});
    EXPECT_TRUE(touched["reminded_at"].is_null());
    EXPECT_TRUE(touched["escalated_at"].is_null());
}

TEST_P(FollowUpTest, ADueFollowUpDateRemindsTheOwnerOnce) {
    Record later = lead(rep_, {{"last_name", "Later"}, {"next_follow_up", leads::isoNow(3 * 86400)}});
    Record due = lead(rep_, {{"last_name", "Due"}, {"next_follow_up", leads::isoNow(-60)}});
    runFollowUps();
    EXPECT_EQ(typesFor("rep"), std::vector<std::string>{"leads.follow_up"});
    EXPECT_FALSE(reload("Lead", due)["follow_up_reminded_at"].is_null());
    EXPECT_TRUE(reload("Lead", later)["follow_up_reminded_at"].is_null());
    auto home = kernel_->signIn("rep").get("/");
    EXPECT_TRUE(contains(home.body, "My leads"));
    EXPECT_TRUE(contains(home.body, "Open</a></dt><dd>2</dd>"));
    EXPECT_TRUE(contains(home.body, "Follow-up due</dt><dd>1</dd>"));
    runFollowUps();
    EXPECT_EQ(typesFor("rep").size(), 1u);
    // A new date means a new reminder.
    Record moved = update(rep_, due, {{"next_follow_up", leads::isoNow(-30)}});
    EXPECT_TRUE(moved["follow_up_reminded_at"].is_null());
    runFollowUps();
    EXPECT_EQ(typesFor("rep").size(), 2u);
}

TEST_P(FollowUpTest, AnActivityLoggedOnTheLeadCountsAsWorkAndAsBehaviour) {
    Record waiting = lead(rep_, {{"last_name", "Waiting"}});
    stamp(waiting, {{"last_touched_at", leads::isoNow(-5 * 3600)}, {"reminded_at", leads::isoNow(-3600)}});
    records().create(rep_, "Interaction", {{"kind", "email"}, {"subject", "Hello"}, {"occurred_at", "2026-11-20T10:00:00Z"},
                                           {"record_entity", "Lead"}, {"record_id", waiting["id"]}});
    Record now = reload("Lead", waiting);
    EXPECT_TRUE(now["reminded_at"].is_null());
    EXPECT_EQ(now["behaviour"]["interaction_email"], 1);
    EXPECT_GT(leads::epochOf(now["last_touched_at"].get<std::string>()).value(),
              leads::epochOf(leads::isoNow(-60)).value());
}

INSTANTIATE_TEST_SUITE_P(Backends, FollowUpTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
