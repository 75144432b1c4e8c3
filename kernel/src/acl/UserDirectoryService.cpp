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

}  // namespace tessera::kernel
