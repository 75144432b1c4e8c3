#include <string>

#include <gtest/gtest.h>

#include <tessera/kernel/acl/AclNames.hpp>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

using sdk::Action;
using enum ScopeLevel;

/// How several roles, entity-specific grants, field rules and named permissions combine.
class AccessControlCombineTest : public AclTest {};

TEST_P(AccessControlCombineTest, TheWidestScopeAcrossRolesWins) {
    auto east = acl().createTeam("East");
    auto user = addUser("combo", {"sales_rep", "support_agent"}, {east});
    auto context = contextOf(user);
    EXPECT_EQ(context->grant("Deal", Action::Read).level, All);
    EXPECT_EQ(context->grant("Deal", Action::Read).role, "support_agent");
    EXPECT_EQ(context->grant("Deal", Action::Update).level, Own);
    EXPECT_EQ(context->grant("Deal", Action::Update).role, "sales_rep");
    EXPECT_EQ(context->grant("Deal", Action::Delete).level, Own);
    EXPECT_EQ(context->grant("Deal", Action::Delete).role, "sales_rep");
    EXPECT_EQ(context->grant("Deal", Action::Export).level, None);
    EXPECT_EQ(acl().explain(*context, "Deal", Action::Read, std::nullopt, std::nullopt).reason,
              "user 'combo' can read Deal because role 'Support agent' grants read:all");
    EXPECT_EQ(acl().explain(*context, "Deal", Action::Delete, user, std::nullopt).reason,
              "user 'combo' can delete Deal because role 'Sales rep' grants delete:own and the "
              "record is owned by 'combo'");
}

TEST_P(AccessControlCombineTest, AnEntityGrantOverridesTheWildcardOfItsOwnRole) {
    auto rep = addUser("rep1", {"sales_rep"});
    acl().grant("sales_rep", "Deal", Action::Read, Own);
    auto context = contextOf(rep);
    EXPECT_EQ(context->grant("Deal", Action::Read).level, Own);
    EXPECT_EQ(context->grant("Contact", Action::Read).level, Team);
    EXPECT_EQ(context->grant("Deal", Action::Update).level, Own);
    EXPECT_EQ(context->grant("Deal", Action::Create).level, All);

    // Per role first, then across roles: auditor's "Invoice: none" must not cancel the
    // sales_rep's "*: team" for Invoice, and sales_rep's "Deal: own" must not cancel auditor's
    // "*: all" for Deal.
    acl().createRole("auditor", "Auditor");
    acl().grant("auditor", "*", Action::Read, All);
    acl().grant("auditor", "Invoice", Action::Read, None);
    auto both = addUser("audrep", {"auditor", "sales_rep"});
    auto merged = contextOf(both);
    EXPECT_EQ(merged->grant("Invoice", Action::Read).level, Team);
    EXPECT_EQ(merged->grant("Invoice", Action::Read).role, "sales_rep");
    EXPECT_EQ(merged->grant("Deal", Action::Read).level, All);
    EXPECT_EQ(merged->grant("Deal", Action::Read).role, "auditor");
    EXPECT_EQ(merged->grant("Contact", Action::Read).level, All);

    auto auditor = addUser("audit1", {"auditor"});
    EXPECT_EQ(contextOf(auditor)->grant("Invoice", Action::Read).level, None);
    EXPECT_EQ(acl().explain(*contextOf(auditor), "Invoice", Action::Read, auditor, {}).reason,
              "user 'audit1' cannot read Invoice because no role grants read");

    acl().grant("sales_rep", "Deal", Action::Read, All);
    EXPECT_EQ(contextOf(rep)->grant("Deal", Action::Read).level, All);
}

TEST_P(AccessControlCombineTest, AUserWithoutRolesMayDoNothing) {
    auto nobody = addUser("nobody", {});
    auto context = contextOf(nobody);
    EXPECT_FALSE(context->unrestricted());
    EXPECT_FALSE(acl().allows(*context, "Deal", Action::Read, nobody, std::nullopt));
    SqlParams params;
    EXPECT_EQ(acl().scopeCondition(*context, "Deal", Action::Read, "owner_id", "team_id", params),
              "1=0");
}

TEST_P(AccessControlCombineTest, FieldAccessIsTheLeastRestrictiveAmongReadingRoles) {
    acl().setFieldAccess("sales_rep", "Deal", "margin", FieldAccess::Hidden);
    acl().setFieldAccess("sales_rep", "Deal", "stage", FieldAccess::ReadOnly);
    acl().setFieldAccess("sales_rep", "*", "internal_notes", FieldAccess::Hidden);
    acl().setFieldAccess("sales_rep", "Ticket", "internal_notes", FieldAccess::ReadOnly);

    auto rep = contextOf(addUser("rep1", {"sales_rep"}));
    EXPECT_EQ(rep->fieldAccess("Deal", "margin"), FieldAccess::Hidden);
    EXPECT_EQ(rep->fieldAccess("Deal", "stage"), FieldAccess::ReadOnly);
    EXPECT_EQ(rep->fieldAccess("Deal", "amount"), FieldAccess::Visible);
    EXPECT_EQ(rep->fieldAccess("Contact", "margin"), FieldAccess::Visible);
    EXPECT_EQ(rep->fieldAccess("Deal", "internal_notes"), FieldAccess::Hidden);
    EXPECT_EQ(rep->fieldAccess("Contact", "internal_notes"), FieldAccess::Hidden);
    EXPECT_EQ(rep->fieldAccess("Ticket", "internal_notes"), FieldAccess::ReadOnly);

    // Marketing reads every Deal and hides nothing, so together the fields are visible.
    auto repAndMarketing = contextOf(addUser("mixed", {"sales_rep", "marketing"}));
    EXPECT_EQ(repAndMarketing->fieldAccess("Deal", "margin"), FieldAccess::Visible);
    EXPECT_EQ(repAndMarketing->fieldAccess("Deal", "stage"), FieldAccess::Visible);

    // A role that marks the field read-only beats one that hides it.
    acl().setFieldAccess("marketing", "Deal", "margin", FieldAccess::ReadOnly);
    EXPECT_EQ(
        contextOf(addUser("mixed2", {"sales_rep", "marketing"}))->fieldAccess("Deal", "margin"),
        FieldAccess::ReadOnly);

    // A role that cannot read Deal at all does not unhide Deal's fields.
    acl().createRole("approver", "Approver");
    acl().grantPermission("approver", "contracts.approve");
    auto repAndApprover = contextOf(addUser("approving", {"sales_rep", "approver"}));
    EXPECT_EQ(repAndApprover->fieldAccess("Deal", "margin"), FieldAccess::Hidden);
    EXPECT_EQ(repAndApprover->fieldAccess("Deal", "stage"), FieldAccess::ReadOnly);

    // An explicit "visible" on the entity overrides the role's own "*" rule.
    acl().setFieldAccess("sales_rep", "Lead", "internal_notes", FieldAccess::Visible);
    EXPECT_EQ(contextOf(addUser("rep2", {"sales_rep"}))->fieldAccess("Lead", "internal_notes"),
              FieldAccess::Visible);

    auto admin = contextOf(addUser("boss", {"admin", "sales_rep"}));
    EXPECT_TRUE(admin->admin);
    EXPECT_EQ(admin->fieldAccess("Deal", "margin"), FieldAccess::Visible);
}

TEST_P(AccessControlCombineTest, NamedPermissionsAreTheUnionOfRoles) {
    acl().grantPermission("manager", "contracts.approve");
    acl().grantPermission("manager", "contracts.approve");
    acl().grantPermission("marketing", "marketing.send-campaign");
    auto manager = contextOf(addUser("manager1", {"manager"}));
    auto rep = contextOf(addUser("rep1", {"sales_rep"}));
    auto both = contextOf(addUser("manmark", {"manager", "marketing"}));
    auto admin = contextOf(addUser("admin1", {"admin"}));
    EXPECT_TRUE(manager->hasPermission("contracts.approve"));
    EXPECT_FALSE(manager->hasPermission("marketing.send-campaign"));
    EXPECT_FALSE(rep->hasPermission("contracts.approve"));
    EXPECT_EQ(both->permissions,
              (std::set<std::string>{"contracts.approve", "marketing.send-campaign"}));
    EXPECT_TRUE(admin->hasPermission("contracts.approve"));
    EXPECT_TRUE(admin->hasPermission("anything.at_all"));

    acl().revokePermission("manager", "contracts.approve");
    EXPECT_FALSE(contextOf(manager->caller.userId)->hasPermission("contracts.approve"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessControlCombineTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
