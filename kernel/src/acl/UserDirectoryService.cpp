#include <tessera/kernel/acl/UserDirectoryService.hpp>

#include <algorithm>

#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

UserDirectoryService::UserDirectoryService(Database& db, AccessControl& access)
    : db_(db), access_(access) {}

std::vector<sdk::UserInfo> UserDirectoryService::select(const std::string& where,
                                                        const std::vector<SqlValue>& params) {
    auto session = db_.session();
    auto rows = Sql::query(
        db_, session,
        "SELECT id, login, display_name, email, active FROM tessera_users WHERE " + where, params);
    std::vector<sdk::UserInfo> users;
    users.reserve(rows.size());
    for (const auto& row : rows.rows) {
        sdk::UserInfo user;
        user.id = asInt(row[0]);
        user.login = asString(row[1]);
        user.displayName = asString(row[2]);
        if (user.displayName.empty()) {
            user.displayName = user.login;
        }
        user.email = asString(row[3]);
        user.active = asBool(row[4]);
        users.push_back(std::move(user));
    }
    return users;
}

std::optional<sdk::UserInfo> UserDirectoryService::byId(std::int64_t id) {
    auto users = select("id = $1", {id});
    return users.empty() ? std::nullopt : std::optional(users.front());
}

std::optional<sdk::UserInfo> UserDirectoryService::byLogin(const std::string& login) {
    auto users = select("login = $1", {login});
    return users.empty() ? std::nullopt : std::optional(users.front());
}

std::vector<sdk::UserInfo> UserDirectoryService::activeUsers() {
    auto users = select("active = $1", {true});
    std::sort(users.begin(), users.end(),
              [](const auto& a, const auto& b) { return a.displayName < b.displayName; });
    return users;
}

std::vector<std::int64_t> UserDirectoryService::teammates(std::int64_t userId) {
    try {
        return access_.contextFor(sdk::Caller::user(userId))->teammateIds;
    } catch (const sdk::PluginError&) {
        return {userId};  // a deactivated or unknown user has no team view
    }
}

std::vector<sdk::TeamInfo> UserDirectoryService::teams() {
    auto session = db_.session();
    auto rows = Sql::query(db_, session,
                           "SELECT t.id, t.name, m.user_id FROM tessera_teams t LEFT JOIN "
                           "tessera_team_members m ON m.team_id = t.id ORDER BY t.name, t.id, "
                           "m.user_id");
    std::vector<sdk::TeamInfo> teams;
    for (const auto& row : rows.rows) {
        auto id = asInt(row[0]);
        if (teams.empty() || teams.back().id != id) {
            teams.push_back({id, asString(row[1]), {}});
        }
        if (!isNull(row[2])) {
            teams.back().memberIds.push_back(asInt(row[2]));
        }
    }
    return teams;
}

bool UserDirectoryService::hasPermission(std::int64_t userId, const std::string& permission) {
    try {
        auto context = access_.contextFor(sdk::Caller::user(userId));
        return context->hasPermission(permission);
    } catch (const sdk::PluginError&) {
        return false;  // deactivated or unknown
    }
}

}  // namespace tessera::kernel
