#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/acl/AclNames.hpp>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

using sdk::Action;
using enum ScopeLevel;

class ScopeConditionTest : public AclTest {};

constexpr std::int64_t kCaller = 100, kTeammate = 101, kStranger = 102;
constexpr std::int64_t kTeamA = 10, kTeamB = 11, kOtherTeam = 12;

/// Every owner (caller, teammate, stranger, none) with every team (two of the caller's, another,
/// none).
std::vector<AclTest::Row> everyCombination() {
    std::vector<AclTest::Row> rows;
    std::int64_t id = 1;
    for (std::optional<std::int64_t> owner :
         {std::optional(kCaller), std::optional(kTeammate), std::optional(kStranger),
          std::optional<std::int64_t>()}) {
        for (std::optional<std::int64_t> team :
             {std::optional(kTeamA), std::optional(kTeamB), std::optional(kOtherTeam),
              std::optional<std::int64_t>()}) {
            rows.push_back({id++, owner, team});
        }
    }
    return rows;
}

TEST_P(ScopeConditionTest, AllowsAgreesWithTheSqlOnEveryCombination) {
    fillRecords(everyCombination());
    const std::vector<std::vector<std::int64_t>> teamChoices = {{}, {kTeamA}, {kTeamB, kTeamA}};
    const std::vector<std::vector<std::int64_t>> teammateChoices = {
        {}, {kCaller}, {kCaller, kTeammate}, {kTeammate}};
    int checked = 0;
    for (auto wildcard : {None, Own, Team, All}) {
        for (auto specific : {None, Own, Team, All}) {
            for (const auto& teams : teamChoices) {
                for (const auto& teammates : teammateChoices) {
                    for (bool admin : {false, true}) {
                        AccessContext context;
                        context.caller = sdk::Caller::user(kCaller);
                        context.admin = admin;
                        context.teamIds = teams;
                        context.teammateIds = teammates;
                        context.grants["*"][Action::Update] = {wildcard, "a"};
                        context.grants["Deal"][Action::Update] = {specific, "b"};
                        for (const std::string entity : {"Deal", "Contact"}) {
                            SCOPED_TRACE(testing::Message()
                                         << entity << " *=" << scopeName(wildcard) << " Deal="
                                         << scopeName(specific) << " teams=" << teams.size()
                                         << " teammates=" << teammates.size()
                                         << " admin=" << admin);
                            auto sql = reachable(context, entity, Action::Update);
                            EXPECT_EQ(allowed(context, entity, Action::Update), sql);
                            if (entity != "Deal" || admin) {
                                ++checked;
                                continue;
                            }
                            for (const auto& row : everyCombination()) {
                                EXPECT_EQ(acl()
                                              .explain(context, entity, Action::Update, row.owner,
                                                       row.team)
                                              .allowed,
                                          sql.count(row.id) > 0);
                            }
                            ++checked;
                        }
                    }
                }
            }
        }
    }
    EXPECT_EQ(checked, 4 * 4 * 3 * 4 * 2 * 2);
}

TEST_P(ScopeConditionTest, ResolvedContextsAgreeWithTheSql) {
    auto east = acl().createTeam("East");
    auto west = acl().createTeam("West");
    std::vector<std::int64_t> users = {
        addUser("rep1", {"sales_rep"}, {east}),
        addUser("rep2", {"sales_rep"}, {east, west}),
        addUser("rep3", {"sales_rep"}, {west}),
        addUser("loner", {"sales_rep", "support_agent"}),
        addUser("boss", {"manager"}, {west}),
        addUser("mixed", {"marketing", "sales_rep"}, {east}),
    };
    acl().grant("sales_rep", "Deal", Action::Delete, Team);
    std::vector<AclTest::Row> rows;
    std::int64_t id = 1;
    for (std::optional<std::int64_t> owner :
         {std::optional<std::int64_t>(), std::optional(users[0])}) {
        for (std::optional<std::int64_t> team :
             {std::optional<std::int64_t>(), std::optional(east), std::optional(west)}) {
            rows.push_back({id++, owner, team});
        }
    }
    for (auto user : users) {
        for (std::optional<std::int64_t> team :
             {std::optional<std::int64_t>(), std::optional(east), std::optional(west)}) {
            rows.push_back({id++, user, team});
        }
    }
    fillRecords(rows);
    for (auto user : users) {
        auto context = contextOf(user);
        for (const std::string entity : {"Deal", "Contact"}) {
            for (auto action :
                 {Action::Read, Action::Create, Action::Update, Action::Delete, Action::Export}) {
                SCOPED_TRACE(testing::Message()
                             << context->displayName << " " << entity << " " << actionName(action));
                EXPECT_EQ(allowed(*context, entity, action), reachable(*context, entity, action));
            }
        }
    }
}

TEST_P(ScopeConditionTest, ConditionsBindEveryValue) {
    AccessContext context;
    context.caller = sdk::Caller::user(kCaller);
    context.teamIds = {kTeamA, kTeamB};
    context.teammateIds = {kCaller, kTeammate};
    context.grants["*"] = {{Action::Read, {Team, "r"}},
                           {Action::Update, {Own, "r"}},
                           {Action::Delete, {None, ""}},
                           {Action::Export, {All, "r"}}};

    SqlParams params;
    params.add(std::string("already bound"));
    EXPECT_EQ(
        acl().scopeCondition(context, "Deal", Action::Read, "t.owner_id", "t.\"team_id\"", params),
        "(t.\"team_id\" IN ($2, $3) OR t.owner_id IN ($4, $5))");
    ASSERT_EQ(params.size(), 5u);
    EXPECT_EQ(params.values()[1], SqlValue(kTeamA));
    EXPECT_EQ(params.values()[4], SqlValue(kTeammate));

    SqlParams own;
    EXPECT_EQ(acl().scopeCondition(context, "Deal", Action::Update, "owner_id", "team_id", own),
              "owner_id = $1");
    EXPECT_EQ(own.values(), std::vector<SqlValue>{SqlValue(kCaller)});

    SqlParams none;
    EXPECT_EQ(acl().scopeCondition(context, "Deal", Action::Delete, "owner_id", "team_id", none),
              "1=0");
    EXPECT_EQ(acl().scopeCondition(context, "Deal", Action::Create, "owner_id", "team_id", none),
              "1=0");
    EXPECT_EQ(acl().scopeCondition(context, "Deal", Action::Export, "owner_id", "team_id", none),
              "");
    EXPECT_EQ(none.size(), 0u);

    context.teamIds.clear();
    context.teammateIds.clear();
    SqlParams alone;
    EXPECT_EQ(acl().scopeCondition(context, "Deal", Action::Read, "owner_id", "team_id", alone),
              "(owner_id IN ($1))");
}

TEST_P(ScopeConditionTest, RefusesColumnsThatAreNotPlainNames) {
    AccessContext context;
    context.caller = sdk::Caller::user(kCaller);
    context.grants["*"][Action::Read] = {Own, "r"};
    for (const std::string bad : {"", "owner_id; DROP TABLE x", "t.", ".owner_id", "Owner",
                                  "owner id", "\"a\"b\"", "owner_id)--", "1owner"}) {
        SCOPED_TRACE(bad);
        SqlParams params;
        EXPECT_THROW(acl().scopeCondition(context, "Deal", Action::Read, bad, "team_id", params),
                     std::invalid_argument);
        EXPECT_THROW(acl().scopeCondition(context, "Deal", Action::Read, "owner_id", bad, params),
                     std::invalid_argument);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ScopeConditionTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
