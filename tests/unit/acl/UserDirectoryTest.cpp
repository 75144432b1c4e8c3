#include <algorithm>

#include <gtest/gtest.h>

#include <tessera/kernel/acl/UserDirectoryService.hpp>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

/// What plugins learn about users through sdk::UserDirectory.
class UserDirectoryTest : public AclTest {};

TEST_P(UserDirectoryTest, FindsUsersByIdAndLoginListsActiveOnesAndTeammates) {
    std::int64_t east = acl().createTeam("East");
    std::int64_t ann = addUser("ann", {"sales_rep"}, {east}, "Ann Archer");
    std::int64_t bob = addUser("bob", {"sales_rep"}, {east});
    std::int64_t cid = addUser("cid", {"sales_rep"});
    std::int64_t gone = addUser("gone", {"sales_rep"}, {east});
    acl().setUserActive(gone, false);
    UserDirectoryService users(aclDb(), acl());

    auto found = users.byLogin("ann");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, ann);
    EXPECT_EQ(found->displayName, "Ann Archer");
    EXPECT_TRUE(found->active);
    EXPECT_EQ(users.byId(bob)->displayName, "bob");  // no display name: the login
    EXPECT_FALSE(users.byId(gone)->active);
    EXPECT_FALSE(users.byLogin("nobody"));
    EXPECT_FALSE(users.byId(424242));

    std::vector<std::string> active;
    for (const auto& user : users.activeUsers()) {
        active.push_back(user.login);
    }
    EXPECT_EQ(active, (std::vector<std::string>{"ann", "bob", "cid"}));  // by display name
    auto mates = users.teammates(ann);
    std::sort(mates.begin(), mates.end());
    EXPECT_EQ(mates, (std::vector<std::int64_t>{ann, bob, gone}));
    EXPECT_EQ(users.teammates(cid), std::vector<std::int64_t>{cid});
    EXPECT_EQ(users.teammates(gone), std::vector<std::int64_t>{gone});  // deactivated: no team view
}

TEST_P(UserDirectoryTest, ListsTeamsWithMembersAndAnswersNamedPermissions) {
    std::int64_t west = acl().createTeam("West");
    std::int64_t east = acl().createTeam("East");
    acl().createTeam("Empty");
    std::int64_t lead = addUser("lead", {"manager"}, {east});
    std::int64_t rep = addUser("rep", {"sales_rep"}, {east, west});
    std::int64_t boss = addUser("boss", {"admin"});
    acl().grantPermission("manager", "queue.escalate");
    UserDirectoryService users(aclDb(), acl());

    auto teams = users.teams();
    ASSERT_EQ(teams.size(), 3u);
    EXPECT_EQ(teams[0].name, "East");  // by name
    EXPECT_EQ(teams[0].id, east);
    auto eastMembers = std::vector<std::int64_t>{std::min(lead, rep), std::max(lead, rep)};
    EXPECT_EQ(teams[0].memberIds, eastMembers);
    EXPECT_EQ(teams[1].name, "Empty");
    EXPECT_TRUE(teams[1].memberIds.empty());
    EXPECT_EQ(teams[2].id, west);
    EXPECT_EQ(teams[2].memberIds, std::vector<std::int64_t>{rep});

    EXPECT_TRUE(users.hasPermission(lead, "queue.escalate"));
    EXPECT_FALSE(users.hasPermission(rep, "queue.escalate"));
    EXPECT_TRUE(users.hasPermission(boss, "queue.escalate"));  // admins hold every permission
    EXPECT_FALSE(users.hasPermission(424242, "queue.escalate"));
    acl().setUserActive(lead, false);
    EXPECT_FALSE(users.hasPermission(lead, "queue.escalate"));
}

INSTANTIATE_TEST_SUITE_P(Backends, UserDirectoryTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
