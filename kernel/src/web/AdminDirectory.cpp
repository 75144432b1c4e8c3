#include <tessera/kernel/acl/AclNames.hpp>
#include <tessera/kernel/storage/Sql.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel::detail {

std::vector<AdminUser> AdminDirectory::selectUsers(const std::string& where,
                                                   const std::vector<SqlValue>& params) {
    Poco::Data::Session session = db_.session();
    SqlRows rows = Sql::query(db_, session,
                              "SELECT id, login, display_name, email, active FROM tessera_users" +
                                  where + " ORDER BY login",
                              params);
    std::vector<AdminUser> users;
    std::map<std::int64_t, std::size_t> index;
    for (const auto& row : rows.rows) {
        AdminUser user;
        user.id = asInt(row[0]);
        user.login = asString(row[1]);
        user.displayName = asString(row[2]);
        user.email = asString(row[3]);
        user.active = asBool(row[4]);
        index[user.id] = users.size();
        users.push_back(std::move(user));
    }
    if (users.empty()) {
        return users;
    }
    SqlRows roles = Sql::query(db_, session,
                               "SELECT ur.user_id, r.name FROM tessera_user_roles ur JOIN "
                               "tessera_roles r ON r.id = ur.role_id ORDER BY r.name");
    for (const auto& row : roles.rows) {
        if (auto it = index.find(asInt(row[0])); it != index.end()) {
            users[it->second].roles.push_back(asString(row[1]));
        }
    }
    SqlRows teams = Sql::query(db_, session,
                               "SELECT m.user_id, t.id, t.name FROM tessera_team_members m JOIN "
                               "tessera_teams t ON t.id = m.team_id ORDER BY t.name");
    for (const auto& row : teams.rows) {
        if (auto it = index.find(asInt(row[0])); it != index.end()) {
            users[it->second].teamIds.push_back(asInt(row[1]));
            users[it->second].teams.push_back(asString(row[2]));
        }
    }
    return users;
}

std::vector<AdminUser> AdminDirectory::users() {
    return selectUsers("", {});
}

std::optional<AdminUser> AdminDirectory::user(std::int64_t id) {
    auto found = selectUsers(" WHERE id = $1", {id});
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

std::vector<AdminTeam> AdminDirectory::teams() {
    Poco::Data::Session session = db_.session();
    SqlRows rows = Sql::query(db_, session, "SELECT id, name FROM tessera_teams ORDER BY name");
    std::vector<AdminTeam> teams;
    std::map<std::int64_t, std::size_t> index;
    for (const auto& row : rows.rows) {
        index[asInt(row[0])] = teams.size();
        teams.push_back({asInt(row[0]), asString(row[1]), {}});
    }
    SqlRows members = Sql::query(db_, session,
                                 "SELECT m.team_id, u.id, u.login FROM tessera_team_members m "
                                 "JOIN tessera_users u ON u.id = m.user_id ORDER BY u.login");
    for (const auto& row : members.rows) {
        if (auto it = index.find(asInt(row[0])); it != index.end()) {
            teams[it->second].members.emplace_back(asInt(row[1]), asString(row[2]));
        }
    }
    return teams;
}

std::vector<AdminRole> AdminDirectory::roles() {
    Poco::Data::Session session = db_.session();
    SqlRows rows = Sql::query(db_, session,
                              "SELECT r.id, r.name, r.label, r.is_admin, (SELECT count(*) FROM "
                              "tessera_user_roles ur WHERE ur.role_id = r.id) FROM tessera_roles "
                              "r ORDER BY r.name");
    std::vector<AdminRole> roles;
    for (const auto& row : rows.rows) {
        roles.push_back(
            {asInt(row[0]), asString(row[1]), asString(row[2]), asBool(row[3]), asInt(row[4])});
    }
    return roles;
}

std::optional<AdminRole> AdminDirectory::role(const std::string& name) {
    for (auto& role : roles()) {
        if (role.name == name) {
            return role;
        }
    }
    return std::nullopt;
}

GrantGrid AdminDirectory::grants(std::int64_t roleId) {
    Poco::Data::Session session = db_.session();
    SqlRows rows = Sql::query(
        db_, session, "SELECT entity, action, scope FROM tessera_role_grants WHERE role_id = $1",
        {roleId});
    GrantGrid grid;
    for (const auto& row : rows.rows) {
        auto action = parseAction(asString(row[1]));
        auto scope = parseScope(asString(row[2]));
        if (action && scope) {
            grid[asString(row[0])][*action] = *scope;
        }
    }
    return grid;
}

std::set<std::string> AdminDirectory::permissions(std::int64_t roleId) {
    Poco::Data::Session session = db_.session();
    SqlRows rows =
        Sql::query(db_, session,
                   "SELECT permission FROM tessera_role_permissions WHERE role_id = $1", {roleId});
    std::set<std::string> names;
    for (const auto& row : rows.rows) {
        names.insert(asString(row[0]));
    }
    return names;
}

void AdminDirectory::removeGrant(std::int64_t roleId, const std::string& entity,
                                 sdk::Action action) {
    Poco::Data::Session session = db_.session();
    Sql::execute(
        db_, session,
        "DELETE FROM tessera_role_grants WHERE role_id = $1 AND entity = $2 AND action = $3",
        {roleId, entity, std::string(actionName(action))});
}

std::map<std::int64_t, std::string> AdminDirectory::logins() {
    Poco::Data::Session session = db_.session();
    std::map<std::int64_t, std::string> logins;
    for (const auto& row : Sql::query(db_, session, "SELECT id, login FROM tessera_users").rows) {
        logins[asInt(row[0])] = asString(row[1]);
    }
    return logins;
}

}  // namespace tessera::kernel::detail
