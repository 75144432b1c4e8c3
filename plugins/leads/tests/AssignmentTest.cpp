#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class AssignmentTest : public LeadsFixture {
protected:
    std::map<std::int64_t, int> ownersOf(const std::vector<Record>& leads) {
        std::map<std::int64_t, int> owners;
        for (const auto& row : leads) {
            ++owners[reload("Lead", row)["owner_id"].get<std::int64_t>()];
        }
        return owners;
    }

    Record incoming(int i, Record more = Record::object()) {
        Record values = {{"last_name", "Lead " + std::to_string(i)}, {"email", "l" + std::to_string(i) + "@x.example"}};
        values.update(more);
        return lead(Caller::systemCaller(), values);
    }

    nlohmann::json notificationsOf(const std::string& login) {
        return kernel_->signIn(login).call("GET", "/api/v1/notifications").json()["data"];
    }
};

}  // namespace

TEST_P(AssignmentTest, RoundRobinGivesEveryActiveMemberTheSameShareInTurn) {
    std::int64_t inbound = team("Inbound");
    std::vector<std::int64_t> members;
    for (const char* login : {"ann", "bob", "cem"}) {
        members.push_back(kernel_->createUser(login, "sales_rep", {inbound}));
    }
    records().create(admin_, "AssignmentRule",
                     {{"name", "Inbound team"}, {"position", 10}, {"team_name", "inbound"}, {"strategy", "round_robin"}});
    std::vector<Record> made;
    for (int i = 0; i < 60; ++i) {
        made.push_back(incoming(i));
    }
    auto owners = ownersOf(made);
    ASSERT_EQ(owners.size(), 3u);
    for (std::int64_t member : members) {
        EXPECT_EQ(owners[member], 20) << member;
    }
    // In turn: no member gets two in a row.
    for (std::size_t i = 1; i < made.size(); ++i) {
        EXPECT_NE(made[i]["owner_id"], made[i - 1]["owner_id"]);
        EXPECT_EQ(made[i]["team_id"], inbound);
    }
    auto told = notificationsOf("ann");
    ASSERT_FALSE(told.empty());
    EXPECT_EQ(told[0]["type"], "leads.assigned");
}

TEST_P(AssignmentTest, LeastOpenLeadsEvensOutTheLoad) {
    std::int64_t field = team("Field");
    std::int64_t busy = kernel_->createUser("busy", "sales_rep", {field});
    std::int64_t idle = kernel_->createUser("idle", "sales_rep", {field});
    for (int i = 0; i < 6; ++i) {
        lead(Caller::user(busy), {{"last_name", "Own " + std::to_string(i)}});
    }
    Record closed = lead(Caller::user(idle), {{"last_name", "Lost cause"}});
    update(Caller::user(idle), closed, {{"status", "unqualified"}, {"unqualified_reason", "no_budget"}});
    records().create(admin_, "AssignmentRule",
                     {{"name", "Field team"}, {"team_name", "Field"}, {"strategy", "least_open"}});
    std::vector<Record> made;
    for (int i = 0; i < 40; ++i) {
        made.push_back(incoming(i));
    }
    // The idle rep first catches up with the six, then they take turns; unqualified leads do not count.
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(made[static_cast<std::size_t>(i)]["owner_id"], idle) << i;
    }
    auto open = [&](std::int64_t owner) {
        return count("Lead", Filter::allOf({Filter::eq("owner_id", owner), Filter::in("status", {"new", "contacted", "qualified"})}));
    };
    EXPECT_EQ(open(busy), 23);
    EXPECT_EQ(open(idle), 23);
}

TEST_P(AssignmentTest, RulesAreTriedInOrderAndTheFirstMatchDecides) {
    std::int64_t west = kernel_->createUser("west", "sales_rep");
    std::int64_t big = kernel_->createUser("big", "sales_rep");
    records().create(admin_, "AssignmentRule", {{"name", "Enterprise"}, {"position", 20}, {"field", "company_size"},
                                                {"operator", "gte"}, {"value", "1000"}, {"user_login", "big"}});
    records().create(admin_, "AssignmentRule", {{"name", "West"}, {"position", 10}, {"field", "region"},
                                                {"operator", "eq"}, {"value", "west"}, {"user_login", "west"}});
    records().create(admin_, "AssignmentRule", {{"name", "Partners"}, {"position", 30}, {"field", "source"},
                                                {"operator", "eq"}, {"value", "partner"}, {"user_login", "rep"}});
    EXPECT_EQ(incoming(1, {{"region", "West"}, {"company_size", 5000}})["owner_id"], west);
    EXPECT_EQ(incoming(2, {{"region", "East"}, {"company_size", 5000}})["owner_id"], big);
    EXPECT_EQ(incoming(3, {{"source", "partner"}})["owner_id"], rep_.userId);
    EXPECT_TRUE(incoming(4, {{"source", "event"}})["owner_id"].is_null());
    // A user creating a lead keeps it: the rules are for leads that arrive without an owner.
    EXPECT_EQ(lead(admin_, {{"last_name", "Mine"}, {"region", "West"}})["owner_id"], admin_.userId);
}

TEST_P(AssignmentTest, AManualReassignmentNotifiesTheNewOwner) {
    std::int64_t other = kernel_->createUser("other", "sales_rep");
    records().create(admin_, "AssignmentRule", {{"name", "All to rep"}, {"user_login", "rep"}});
    Record made = incoming(1);
    EXPECT_EQ(made["owner_id"], rep_.userId);
    EXPECT_FALSE(made["assignment_rule_id"].is_null());
    auto manager = Caller::user(kernel_->createUser("boss", "admin"));
    Record moved = update(manager, made, {{"owner_id", other}});
    EXPECT_EQ(moved["owner_id"], other);
    EXPECT_TRUE(moved["assignment_rule_id"].is_null());
    auto told = notificationsOf("other");
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0]["type"], "leads.assigned");
    EXPECT_EQ(told[0]["link"], "/r/leads/" + made["id"].dump());
}

TEST_P(AssignmentTest, ATeamManagerReassignsFromTheLeadPageAndARepCannotGiveALeadAway) {
    std::int64_t east = team("East");
    Caller seller = Caller::user(kernel_->createUser("seller", "sales_rep", {east}));
    std::int64_t mate = kernel_->createUser("mate", "sales_rep", {east});
    kernel_->createUser("chief", "manager", {east});
    Record theirs = lead(seller, {{"last_name", "Theirs"}});
    std::string path = "/p/leads/leads/" + theirs["id"].dump() + "/assign";

    auto sellerClient = kernel_->signIn("seller");
    EXPECT_FALSE(contains(sellerClient.get("/r/leads/" + theirs["id"].dump()).body, "action=\"" + path + "\""));
    EXPECT_EQ(sellerClient.postForm(path, {{"owner_id", std::to_string(mate)}}).status, 403);
    EXPECT_EQ(reload("Lead", theirs)["owner_id"], seller.userId);

    auto chief = kernel_->signIn("chief");
    auto page = chief.get("/r/leads/" + theirs["id"].dump());
    EXPECT_TRUE(contains(page.body, "action=\"" + path + "\""));
    EXPECT_TRUE(contains(page.body, ">mate</option>"));
    EXPECT_FALSE(contains(page.body, ">rep</option>"));  // not in the team
    auto unknown = chief.postForm(path, {{"owner_id", "999999"}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(contains(unknown.body, "there is no active user 999999"));
    auto moved = chief.postForm(path, {{"owner_id", std::to_string(mate)}});
    ASSERT_EQ(moved.status, 303) << moved.body;
    EXPECT_TRUE(contains(follow(chief, moved).body, "The lead is mate&#39;s now."));
    EXPECT_EQ(reload("Lead", theirs)["owner_id"], mate);
    EXPECT_EQ(notificationsOf("mate").at(0)["type"], "leads.assigned");

    auto api = kernel_->signIn("admin").call("POST", "/api/v1/p/leads/leads/" + theirs["id"].dump() + "/assign",
                                             {{"owner_id", rep_.userId}});
    EXPECT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(api.json()["owner_id"], rep_.userId);
}

TEST_P(AssignmentTest, RulesNamingNobodyAreRefused) {
    auto unknownTeam = refusal([&] { records().create(admin_, "AssignmentRule", {{"name", "X"}, {"team_name", "Nowhere"}}); });
    EXPECT_EQ(unknownTeam["team_name"], "there is no team 'Nowhere'");
    auto both = refusal([&] { records().create(admin_, "AssignmentRule", {{"name", "X"}}); });
    EXPECT_TRUE(contains(both["user_login"], "either a user"));
    auto unknownUser = refusal([&] { records().create(admin_, "AssignmentRule", {{"name", "X"}, {"user_login", "ghost"}}); });
    EXPECT_EQ(unknownUser["user_login"], "there is no user 'ghost'");
    EXPECT_EQ(refusal([&] { records().create(rep_, "AssignmentRule", {{"name", "X"}, {"user_login", "rep"}}); })["(code)"],
              "forbidden");
    EXPECT_EQ(count("AssignmentRule"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssignmentTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
