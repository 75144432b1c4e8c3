#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/sdk/Error.hpp>

#include "BackendFixture.hpp"

namespace tessera::kernel::test {

/// Base for permission tests: an AccessControl over a database of the test's own, so the fixed
/// tessera_* table names do not collide between tests running in parallel. On PostgreSQL the
/// test gets a login role and a schema of the same name, which the default search_path
/// ("$user", public) puts first; both are dropped afterwards.
class AclTest : public BackendTest {
protected:
    void SetUp() override;
    void TearDown() override;

    /// The database holding this test's tessera_* tables and acl_records.
    Database& aclDb();
    /// An AccessControl over aclDb() whose tables exist.
    AccessControl& acl();

    /// Creates a user with these roles and teams; the display name defaults to the login.
    std::int64_t addUser(const std::string& login, const std::vector<std::string>& roles,
                         const std::vector<std::int64_t>& teams = {},
                         const std::string& displayName = "");
    std::shared_ptr<const AccessContext> contextOf(std::int64_t userId);

public:
    /// A row of acl_records.
    struct Row {
        std::int64_t id;
        std::optional<std::int64_t> owner;
        std::optional<std::int64_t> team;
    };

protected:
    /// Creates `acl_records (id, owner_id, team_id)` if needed and fills it with `rows`.
    void fillRecords(const std::vector<Row>& rows);
    /// The ids of acl_records rows that scopeCondition() lets `context` reach.
    std::set<std::int64_t> reachable(const AccessContext& context, const std::string& entity,
                                     sdk::Action action);
    /// The ids of acl_records rows for which allows() says yes.
    std::set<std::int64_t> allowed(const AccessContext& context, const std::string& entity,
                                   sdk::Action action);

    void runSql(const std::string& sql);

private:
    std::string pgName_;
    std::unique_ptr<Database> pgDb_;
    std::unique_ptr<AccessControl> acl_;
    std::vector<Row> rows_;
    bool recordsTable_ = false;
};

/// Runs `fn` expecting an sdk::PluginError; returns its Error (code "none" when nothing threw).
template <class Fn>
sdk::Error pluginError(Fn&& fn) {
    try {
        fn();
    } catch (const sdk::PluginError& e) {
        return e.error();
    }
    return sdk::Error{"none", "nothing was thrown", {}};
}

}  // namespace tessera::kernel::test
