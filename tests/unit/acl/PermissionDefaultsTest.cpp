#include <gtest/gtest.h>

#include <tessera/kernel/acl/PermissionDefaults.hpp>
#include <tessera/kernel/acl/UserDirectoryService.hpp>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

using Grants = std::vector<PermissionDefaults::Grant>;

/// The default roles of the named permissions plugins declare: granted once, never again.
class PermissionDefaultsTest : public AclTest {
protected:
    std::vector<DeclaredPermission> declared() const {
        return {{"queue", "queue.escalate", "Escalate tickets", {"manager", "team_lead"}},
                {"queue", "queue.purge", "Purge closed tickets", {}}};
    }
};

TEST_P(PermissionDefaultsTest, GrantsEachDefaultOnceAndSkipsMissingRoles) {
    std::int64_t lead = addUser("lead", {"manager"});
    std::int64_t rep = addUser("rep", {"sales_rep"});
    UserDirectoryService users(aclDb(), acl());
    EXPECT_FALSE(users.hasPermission(lead, "queue.escalate"));

    EXPECT_EQ(PermissionDefaults::apply(aclDb(), acl(), declared()),
              (Grants{{"queue.escalate", "manager"}}))
        << "team_lead does not exist: skipped";
    EXPECT_TRUE(users.hasPermission(lead, "queue.escalate")) << "cached contexts were dropped";
    EXPECT_FALSE(users.hasPermission(lead, "queue.purge"));
    EXPECT_FALSE(users.hasPermission(rep, "queue.escalate"));

    EXPECT_TRUE(PermissionDefaults::apply(aclDb(), acl(), declared()).empty());
    acl().createRole("team_lead", "Team lead");
    std::int64_t head = addUser("head", {"team_lead"});
    EXPECT_EQ(PermissionDefaults::apply(aclDb(), acl(), declared()),
              (Grants{{"queue.escalate", "team_lead"}}))
        << "a role created later gets the default at the next start";
    EXPECT_TRUE(users.hasPermission(head, "queue.escalate"));
}

TEST_P(PermissionDefaultsTest, ARevokedDefaultStaysRevokedAfterARestart) {
    std::int64_t lead = addUser("lead", {"manager"});
    PermissionDefaults::apply(aclDb(), acl(), declared());
    acl().revokePermission("manager", "queue.escalate");

    AccessControl restarted(aclDb());  // what the next start of the kernel builds
    restarted.ensureTables();
    EXPECT_TRUE(PermissionDefaults::apply(aclDb(), restarted, declared()).empty());
    UserDirectoryService users(aclDb(), restarted);
    EXPECT_FALSE(users.hasPermission(lead, "queue.escalate"));

    restarted.grantPermission("manager", "queue.purge");  // an admin's own grant is kept too
    EXPECT_TRUE(PermissionDefaults::apply(aclDb(), restarted, declared()).empty());
    EXPECT_TRUE(users.hasPermission(lead, "queue.purge"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionDefaultsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
