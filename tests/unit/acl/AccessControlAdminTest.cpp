#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Sql.hpp>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

using sdk::Action;
using enum ScopeLevel;

/// Tables, default roles and the validation of admin input.
class AccessControlAdminTest : public AclTest {
protected:
    std::int64_t count(const std::string& table) {
        auto session = aclDb().session();
        return asInt(Sql::scalar(aclDb(), session, "SELECT count(*) FROM " + table));
    }
};

TEST_P(AccessControlAdminTest, EnsureTablesIsIdempotentAndSeedsOnlyAnEmptyRoleTable) {
    acl().ensureTables();
    acl().ensureTables();
    EXPECT_EQ(count("tessera_roles"), 5);
    EXPECT_EQ(count("tessera_role_grants"), 20);
    for (const char* table :
         {"tessera_users", "tessera_teams", "tessera_team_members", "tessera_user_roles",
          "tessera_role_fields", "tessera_role_permissions"}) {
        EXPECT_EQ(count(table), 0) << table;
    }

    auto session = aclDb().session();
    auto rows =
        Sql::query(aclDb(), session, "SELECT name, label, is_admin FROM tessera_roles ORDER BY id");
    std::vector<std::string> described;
    for (const auto& row : rows.rows) {
        described.push_back(asString(row[0]) + "/" + asString(row[1]) + "/" +
                            (asBool(row[2]) ? "admin" : "-"));
    }
    EXPECT_EQ(described,
              (std::vector<std::string>{"admin/Administrator/admin", "manager/Manager/-",
                                        "sales_rep/Sales rep/-", "support_agent/Support agent/-",
                                        "marketing/Marketing/-"}));

    // Roles an admin removed are not brought back.
    Sql::execute(aclDb(), session,
                 "DELETE FROM tessera_roles WHERE name IN ('marketing', 'support_agent')");
    acl().ensureTables();
    EXPECT_EQ(count("tessera_roles"), 3);
    EXPECT_EQ(count("tessera_role_grants"), 10) << "grants go with their role";

    // A second AccessControl (another node) on the same tables changes nothing.
    AccessControl other(aclDb());
    other.ensureTables();
    EXPECT_EQ(count("tessera_roles"), 3);
}

TEST_P(AccessControlAdminTest, CreatesUsersTeamsAndRoles) {
    auto east = acl().createTeam("  East ");
    auto id = acl().createUser("ann.lee@acme-1_x", "  Ann Lee ", "ann@example.com",
                               {"sales_rep", "marketing"}, {east});
    EXPECT_EQ(acl().userIdByLogin("ann.lee@acme-1_x"), id);
    EXPECT_EQ(acl().userIdByLogin("nobody"), std::nullopt);
    auto context = contextOf(id);
    EXPECT_EQ(context->displayName, "Ann Lee");
    EXPECT_EQ(context->teamIds, (std::vector<std::int64_t>{east}));
    EXPECT_EQ(context->grant("Deal", Action::Export).level, All);

    auto session = aclDb().session();
    auto row =
        Sql::query(aclDb(), session,
                   "SELECT email, password_hash, active FROM tessera_users WHERE id = $1", {id});
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(asString(row.rows[0][0]), "ann@example.com");
    EXPECT_TRUE(isNull(row.rows[0][1]));
    EXPECT_TRUE(asBool(row.rows[0][2]));
    EXPECT_EQ(asString(Sql::scalar(aclDb(), session, "SELECT name FROM tessera_teams WHERE id = $1",
                                   {east})),
              "East");

    auto plain = acl().createUser("bob", "", "", {});
    EXPECT_EQ(contextOf(plain)->displayName, "bob");

    auto roleId = acl().createRole("field_sales", "Field sales");
    EXPECT_GT(roleId, 5);
    acl().assignRole(plain, "field_sales");
    acl().grant("field_sales", "Visit", Action::Update, Team);
    EXPECT_EQ(contextOf(plain)->grant("Visit", Action::Update).level, Team);
    EXPECT_EQ(contextOf(plain)->grant("Visit", Action::Update).role, "field_sales");
}

TEST_P(AccessControlAdminTest, RefusesBadLoginsNamingTheField) {
    for (const std::string& bad :
         std::vector<std::string>{"", "ab", "Ann", "ann lee", "ann;drop", "ann\n",
                                  std::string(65, 'a'), "änne", "ann/lee", "ann'--"}) {
        SCOPED_TRACE(bad);
        auto error = pluginError([&] { acl().createUser(bad, "", "", {"sales_rep"}); });
        EXPECT_EQ(error.code, "validation");
        ASSERT_EQ(error.fields.count("login"), 1u);
        EXPECT_NE(
            error.fields.at("login").find("use 3 to 64 lowercase letters, digits and . _ @ -"),
            std::string::npos)
            << error.fields.at("login");
        EXPECT_EQ(error.message.find('\n'), std::string::npos);
    }
    EXPECT_EQ(count("tessera_users"), 0);
    acl().createUser(std::string(64, 'a'), "", "", {});
    acl().createUser("abc", "", "", {});
}

TEST_P(AccessControlAdminTest, RefusesTakenNames) {
    acl().createUser("rep1", "", "", {"sales_rep"});
    auto login = pluginError([&] { acl().createUser("rep1", "Other", "", {}); });
    EXPECT_EQ(login.code, "validation");
    EXPECT_EQ(login.fields, (std::map<std::string, std::string>{{"login", "'rep1' is taken"}}));
    EXPECT_EQ(login.message, "login 'rep1' is taken");

    acl().createTeam("East");
    auto team = pluginError([&] { acl().createTeam("east"); });
    EXPECT_EQ(team.code, "validation");
    EXPECT_EQ(team.fields, (std::map<std::string, std::string>{{"name", "'East' is taken"}}));

    auto role = pluginError([&] { acl().createRole("manager", "Another manager"); });
    EXPECT_EQ(role.code, "validation");
    EXPECT_EQ(role.fields, (std::map<std::string, std::string>{{"name", "'manager' is taken"}}));
    EXPECT_EQ(count("tessera_users"), 1);
    EXPECT_EQ(count("tessera_teams"), 1);
    EXPECT_EQ(count("tessera_roles"), 5);
}

TEST_P(AccessControlAdminTest, RefusesBadValues) {
    auto field = [](const sdk::Error& e) {
        return e.code + ":" + (e.fields.empty() ? "" : e.fields.begin()->first);
    };
    EXPECT_EQ(field(pluginError([&] { acl().createUser("ann", "", "not-an-address", {}); })),
              "validation:email");
    EXPECT_EQ(field(pluginError([&] { acl().createUser("ann", "", "a@b@c", {}); })),
              "validation:email");
    EXPECT_EQ(field(pluginError([&] { acl().createUser("ann", "two\nlines", "", {}); })),
              "validation:display_name");
    for (const std::string bad : {"Sales", "1st", "sales-rep", "", "sales rep", "_x"}) {
        SCOPED_TRACE(bad);
        auto error = pluginError([&] { acl().createRole(bad, "Label"); });
        EXPECT_EQ(field(error), "validation:name");
        EXPECT_NE(error.message.find("start with a lowercase letter"), std::string::npos);
    }
    EXPECT_EQ(field(pluginError([&] { acl().createRole("ok_role", "   "); })), "validation:label");
    EXPECT_EQ(field(pluginError([&] { acl().createTeam(""); })), "validation:name");
    EXPECT_EQ(field(pluginError([&] { acl().createTeam(std::string(101, 'x')); })),
              "validation:name");
    for (const std::string bad : {"deal", "Deal; DROP TABLE x", "", "**", "Deal.Item"}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(field(pluginError([&] { acl().grant("manager", bad, Action::Read, All); })),
                  "validation:entity");
    }
    EXPECT_EQ(field(pluginError(
                  [&] { acl().setFieldAccess("manager", "Deal", "Amount", FieldAccess::Hidden); })),
              "validation:field");
    for (const std::string bad :
         {"approve", "Contracts.approve", "contracts.", ".approve", "contracts approve"}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(field(pluginError([&] { acl().grantPermission("manager", bad); })),
                  "validation:permission");
    }
    EXPECT_EQ(count("tessera_users"), 0);
    EXPECT_EQ(count("tessera_role_permissions"), 0);
}

TEST_P(AccessControlAdminTest, UnknownUsersTeamsAndRolesAreNotFound) {
    auto east = acl().createTeam("East");
    auto rep = acl().createUser("rep1", "", "", {"sales_rep"});

    auto unknownRole = pluginError([&] {
        acl().createUser("ann", "", "", {"sales_rep", "ghost"});
    });
    EXPECT_EQ(unknownRole.code, "not_found");
    EXPECT_EQ(unknownRole.message,
              "role 'ghost' does not exist; create it first or pick an existing one");
    EXPECT_EQ(unknownRole.fields.count("role"), 1u);
    EXPECT_EQ(acl().userIdByLogin("ann"), std::nullopt) << "nothing is half-created";

    EXPECT_EQ(pluginError([&] { acl().createUser("ann", "", "", {}, {east + 99}); }).code,
              "not_found");
    EXPECT_EQ(acl().userIdByLogin("ann"), std::nullopt);
    EXPECT_EQ(pluginError([&] { acl().assignRole(rep + 99, "manager"); }).code, "not_found");
    EXPECT_EQ(pluginError([&] { acl().assignRole(rep, "ghost"); }).code, "not_found");
    EXPECT_EQ(pluginError([&] { acl().revokeRole(rep, "ghost"); }).code, "not_found");
    EXPECT_EQ(pluginError([&] { acl().addTeamMember(east + 99, rep); }).code, "not_found");
    EXPECT_EQ(pluginError([&] { acl().addTeamMember(east, rep + 99); }).code, "not_found");
    EXPECT_EQ(pluginError([&] { acl().removeTeamMember(east, rep + 99); }).code, "not_found");
    EXPECT_EQ(pluginError([&] { acl().grant("ghost", "*", Action::Read, All); }).code, "not_found");
    EXPECT_EQ(pluginError([&] {
                  acl().setFieldAccess("ghost", "Deal", "amount", FieldAccess::Hidden);
              }).code,
              "not_found");
    EXPECT_EQ(pluginError([&] { acl().grantPermission("ghost", "contracts.approve"); }).code,
              "not_found");
    EXPECT_EQ(count("tessera_team_members"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessControlAdminTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
