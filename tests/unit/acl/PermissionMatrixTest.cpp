#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/acl/AclNames.hpp>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

using sdk::Action;
using enum ScopeLevel;

/// Each default role against records owned by the caller, a teammate, someone in the caller's
/// team's name, someone else, and nobody.
class PermissionMatrixTest : public AclTest {
protected:
    void SetUp() override {
        AclTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        east_ = acl().createTeam("East");
        west_ = acl().createTeam("West");
        teammate_ = addUser("east2", {"sales_rep"}, {east_}, "Erin East");
        stranger_ = addUser("west1", {"sales_rep"}, {west_});
    }

    /// Row ids: 1 own, 2 a teammate's, 3 a stranger's in the caller's team, 4 a stranger's in
    /// another team, 5 nobody's.
    void recordsFor(std::int64_t caller) {
        fillRecords({{kOwn, caller, std::nullopt},
                     {kTeammate, teammate_, std::nullopt},
                     {kTeamRecord, stranger_, east_},
                     {kOther, stranger_, west_},
                     {kOrphan, std::nullopt, std::nullopt}});
    }

    static std::set<std::int64_t> expectedRows(ScopeLevel level) {
        switch (level) {
            case All:
                return {kOwn, kTeammate, kTeamRecord, kOther, kOrphan};
            case Team:
                return {kOwn, kTeammate, kTeamRecord};
            case Own:
                return {kOwn};
            case None:
                return {};
        }
        return {};
    }

    static constexpr std::int64_t kOwn = 1, kTeammate = 2, kTeamRecord = 3, kOther = 4, kOrphan = 5;
    std::int64_t east_ = 0, west_ = 0, teammate_ = 0, stranger_ = 0;
};

struct RoleCase {
    std::string role;
    std::string label;
    std::map<Action, ScopeLevel> levels;
};

const std::vector<RoleCase>& roleCases() {
    static const std::vector<RoleCase> cases = {
        {"admin",
         "Administrator",
         {{Action::Read, All},
          {Action::Create, All},
          {Action::Update, All},
          {Action::Delete, All},
          {Action::Export, All}}},
        {"manager",
         "Manager",
         {{Action::Read, All},
          {Action::Create, All},
          {Action::Update, Team},
          {Action::Delete, Team},
          {Action::Export, All}}},
        {"sales_rep",
         "Sales rep",
         {{Action::Read, Team},
          {Action::Create, All},
          {Action::Update, Own},
          {Action::Delete, Own},
          {Action::Export, None}}},
        {"support_agent",
         "Support agent",
         {{Action::Read, All},
          {Action::Create, All},
          {Action::Update, Own},
          {Action::Delete, None},
          {Action::Export, None}}},
        {"marketing",
         "Marketing",
         {{Action::Read, All},
          {Action::Create, All},
          {Action::Update, Own},
          {Action::Delete, Own},
          {Action::Export, All}}},
    };
    return cases;
}

TEST_P(PermissionMatrixTest, EveryDefaultRoleOnOwnTeamAndOtherRecords) {
    for (const auto& roleCase : roleCases()) {
        SCOPED_TRACE(roleCase.role);
        std::string login = roleCase.role + "1";
        auto caller = addUser(login, {roleCase.role}, {east_});
        recordsFor(caller);
        auto context = contextOf(caller);
        for (const auto& [action, level] : roleCase.levels) {
            SCOPED_TRACE(actionName(action));
            auto expected = expectedRows(level);
            EXPECT_EQ(allowed(*context, "Deal", action), expected);
            EXPECT_EQ(reachable(*context, "Deal", action), expected);
            EXPECT_EQ(context->grant("Deal", action).level, level);

            for (std::int64_t row : {kOwn, kTeammate, kTeamRecord, kOther, kOrphan}) {
                SCOPED_TRACE(row);
                std::optional<std::int64_t> owner = row == kOwn        ? caller
                                                    : row == kTeammate ? teammate_
                                                    : row == kOrphan   ? std::nullopt
                                                                       : std::optional(stranger_);
                std::optional<std::int64_t> team = row == kTeamRecord ? std::optional(east_)
                                                   : row == kOther    ? std::optional(west_)
                                                                      : std::nullopt;
                auto explanation = acl().explain(*context, "Deal", action, owner, team);
                bool allowed = expected.count(row) > 0;
                EXPECT_EQ(explanation.allowed, allowed);
                EXPECT_EQ(explanation.scope, scopeName(level));
                std::string head = "user '" + login + "' " + (allowed ? "can " : "cannot ") +
                                   actionName(action) + " Deal because ";
                EXPECT_EQ(explanation.reason.rfind(head, 0), 0u) << explanation.reason;
                if (level == None) {
                    EXPECT_EQ(explanation.reason, head + "no role grants " + actionName(action));
                    EXPECT_EQ(explanation.role, "");
                } else {
                    EXPECT_EQ(explanation.role, roleCase.role);
                    EXPECT_NE(explanation.reason.find("role '" + roleCase.label + "'"),
                              std::string::npos)
                        << explanation.reason;
                }
            }
        }
    }
}

TEST_P(PermissionMatrixTest, ExplainTextsNameRoleGrantAndOwnership) {
    auto rep = addUser("rep1", {"sales_rep"}, {east_});
    auto context = contextOf(rep);
    auto reason = [&](Action action, std::optional<std::int64_t> owner,
                      std::optional<std::int64_t> team) {
        return acl().explain(*context, "Deal", action, owner, team).reason;
    };
    EXPECT_EQ(reason(Action::Update, rep, std::nullopt),
              "user 'rep1' can update Deal because role 'Sales rep' grants update:own and the "
              "record is owned by 'rep1'");
    EXPECT_EQ(reason(Action::Update, teammate_, std::nullopt),
              "user 'rep1' cannot update Deal because role 'Sales rep' grants update:own and the "
              "record is owned by 'Erin East'");
    EXPECT_EQ(reason(Action::Delete, std::nullopt, east_),
              "user 'rep1' cannot delete Deal because role 'Sales rep' grants delete:own and the "
              "record has no owner");
    EXPECT_EQ(reason(Action::Read, rep, west_),
              "user 'rep1' can read Deal because role 'Sales rep' grants read:team and the "
              "record is owned by 'rep1'");
    EXPECT_EQ(reason(Action::Read, stranger_, east_),
              "user 'rep1' can read Deal because role 'Sales rep' grants read:team and the "
              "record belongs to the user's team 'East'");
    EXPECT_EQ(reason(Action::Read, teammate_, west_),
              "user 'rep1' can read Deal because role 'Sales rep' grants read:team and the "
              "record is owned by 'Erin East', a teammate");
    EXPECT_EQ(reason(Action::Read, stranger_, west_),
              "user 'rep1' cannot read Deal because role 'Sales rep' grants read:team and the "
              "record belongs to neither the user's teams nor a teammate");
    EXPECT_EQ(reason(Action::Export, rep, east_),
              "user 'rep1' cannot export Deal because no role grants export");
    EXPECT_EQ(reason(Action::Create, stranger_, west_),
              "user 'rep1' can create Deal because role 'Sales rep' grants create:all");

    auto admin = addUser("boss", {"admin"}, {}, "Bea Boss");
    auto adminExplanation =
        acl().explain(*contextOf(admin), "Deal", Action::Delete, stranger_, west_);
    EXPECT_TRUE(adminExplanation.allowed);
    EXPECT_EQ(adminExplanation.role, "admin");
    EXPECT_EQ(adminExplanation.reason,
              "user 'Bea Boss' can delete Deal because role 'Administrator' is an administrator "
              "role");

    auto system = acl().contextFor(sdk::Caller::systemCaller());
    auto systemExplanation = acl().explain(*system, "Deal", Action::Delete, std::nullopt, {});
    EXPECT_TRUE(systemExplanation.allowed);
    EXPECT_EQ(systemExplanation.reason,
              "the system can delete Deal because the system is not subject to permissions");
}

TEST_P(PermissionMatrixTest, CreateScopeChecksTheNewRecordsOwner) {
    auto custom = acl().createRole("intern", "Intern");
    (void)custom;
    acl().grant("intern", "*", Action::Create, Own);
    acl().grant("intern", "Deal", Action::Create, Team);
    auto intern = addUser("intern1", {"intern"}, {east_});
    auto context = contextOf(intern);
    EXPECT_TRUE(acl().allows(*context, "Contact", Action::Create, intern, std::nullopt));
    EXPECT_FALSE(acl().allows(*context, "Contact", Action::Create, teammate_, std::nullopt));
    EXPECT_FALSE(acl().allows(*context, "Contact", Action::Create, std::nullopt, std::nullopt));
    EXPECT_TRUE(acl().allows(*context, "Deal", Action::Create, teammate_, std::nullopt));
    EXPECT_TRUE(acl().allows(*context, "Deal", Action::Create, stranger_, east_));
    EXPECT_FALSE(acl().allows(*context, "Deal", Action::Create, stranger_, west_));
    EXPECT_FALSE(acl().allows(*context, "Deal", Action::Read, intern, east_));
}

TEST_P(PermissionMatrixTest, SystemCallerIsUnrestricted) {
    auto system = acl().contextFor(sdk::Caller::systemCaller());
    EXPECT_TRUE(system->unrestricted());
    recordsFor(stranger_);
    for (auto action :
         {Action::Read, Action::Create, Action::Update, Action::Delete, Action::Export}) {
        EXPECT_EQ(reachable(*system, "Deal", action), expectedRows(All));
        EXPECT_EQ(allowed(*system, "Deal", action), expectedRows(All));
    }
    EXPECT_TRUE(system->hasPermission("contracts.approve"));
    EXPECT_EQ(system->fieldAccess("Deal", "amount"), FieldAccess::Visible);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionMatrixTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
