#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "AclFixture.hpp"

namespace tessera::kernel::test {
namespace {

using sdk::Action;
using enum ScopeLevel;

/// Contexts are cached per user and dropped by every admin change.
class AccessControlCacheTest : public AclTest {};

TEST_P(AccessControlCacheTest, ContextsAreCachedUntilAnAdminChange) {
    auto rep = addUser("rep1", {"sales_rep"});
    auto first = contextOf(rep);
    EXPECT_EQ(contextOf(rep).get(), first.get());

    acl().grant("sales_rep", "Deal", Action::Delete, All);
    auto afterGrant = contextOf(rep);
    EXPECT_NE(afterGrant.get(), first.get());
    EXPECT_EQ(afterGrant->grant("Deal", Action::Delete).level, All);
    EXPECT_EQ(first->grant("Deal", Action::Delete).level, Own) << "a context never changes";

    acl().assignRole(rep, "marketing");
    EXPECT_EQ(contextOf(rep)->grant("Deal", Action::Export).level, All);
    acl().revokeRole(rep, "marketing");
    EXPECT_EQ(contextOf(rep)->grant("Deal", Action::Export).level, None);

    acl().setFieldAccess("sales_rep", "Deal", "margin", FieldAccess::Hidden);
    EXPECT_EQ(contextOf(rep)->fieldAccess("Deal", "margin"), FieldAccess::Hidden);

    acl().grantPermission("sales_rep", "quotes.discount");
    EXPECT_TRUE(contextOf(rep)->hasPermission("quotes.discount"));

    acl().createRole("viewer", "Viewer", true);
    acl().assignRole(rep, "viewer");
    EXPECT_TRUE(contextOf(rep)->admin);
}

TEST_P(AccessControlCacheTest, ChangesFromAnotherNodeArriveWhenTheCacheIsDropped) {
    auto rep = addUser("rep1", {"sales_rep"});
    auto cached = contextOf(rep);
    AccessControl otherNode(aclDb());
    otherNode.grant("sales_rep", "*", Action::Export, All);
    EXPECT_EQ(contextOf(rep).get(), cached.get());
    acl().dropCachedContexts();
    EXPECT_EQ(contextOf(rep)->grant("Deal", Action::Export).level, All);
}

TEST_P(AccessControlCacheTest, TeamChangesReachEveryTeammatesContext) {
    auto east = acl().createTeam("East");
    auto rep1 = addUser("rep1", {"sales_rep"}, {east});
    auto rep2 = addUser("rep2", {"sales_rep"});
    auto before = contextOf(rep1);
    EXPECT_EQ(before->teammateIds, (std::vector<std::int64_t>{rep1}));
    EXPECT_EQ(contextOf(rep2)->teamIds, std::vector<std::int64_t>{});

    acl().addTeamMember(east, rep2);
    acl().addTeamMember(east, rep2);
    auto after = contextOf(rep1);
    EXPECT_EQ(after->teammateIds, (std::vector<std::int64_t>{rep1, rep2}));
    EXPECT_TRUE(acl().allows(*after, "Deal", Action::Read, rep2, std::nullopt));
    EXPECT_EQ(contextOf(rep2)->teamIds, (std::vector<std::int64_t>{east}));

    acl().removeTeamMember(east, rep2);
    EXPECT_EQ(contextOf(rep1)->teammateIds, (std::vector<std::int64_t>{rep1}));
    EXPECT_FALSE(acl().allows(*contextOf(rep1), "Deal", Action::Read, rep2, std::nullopt));
}

TEST_P(AccessControlCacheTest, DeactivatedAndUnknownUsersAreRefused) {
    auto rep = addUser("rep1", {"sales_rep"});
    contextOf(rep);
    acl().setUserActive(rep, false);
    auto refused = pluginError([&] { contextOf(rep); });
    EXPECT_EQ(refused.code, "forbidden");
    EXPECT_EQ(refused.message,
              "user 'rep1' is deactivated; an administrator can reactivate the account");

    acl().setUserActive(rep, true);
    EXPECT_EQ(contextOf(rep)->caller.userId, rep);

    auto unknown = pluginError([&] { contextOf(rep + 1000); });
    EXPECT_EQ(unknown.code, "forbidden");
    EXPECT_EQ(unknown.message, "user #" + std::to_string(rep + 1000) +
                                   " does not exist; sign in again or ask an administrator for "
                                   "an account");
    EXPECT_EQ(pluginError([&] { acl().setUserActive(rep + 1000, false); }).code, "not_found");
}

TEST_P(AccessControlCacheTest, ConcurrentReadersSeeEveryChangeOnceItIsMade) {
    auto rep = addUser("rep1", {"sales_rep"});
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
        readers.emplace_back([&] {
            while (!stop) {
                try {
                    auto level = contextOf(rep)->grant("Deal", Action::Delete).level;
                    if (level != Own && level != Team && level != All) {
                        ++failures;
                    }
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto level : {Team, All, Own, Team, All}) {
        acl().grant("sales_rep", "*", Action::Delete, level);
        EXPECT_EQ(contextOf(rep)->grant("Deal", Action::Delete).level, level);
    }
    stop = true;
    for (auto& reader : readers) {
        reader.join();
    }
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(contextOf(rep)->grant("Deal", Action::Delete).level, All);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessControlCacheTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
