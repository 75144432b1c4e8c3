#include <tessera/kernel/acl/AccessControl.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <tessera/kernel/acl/AclNames.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

#include "AclSchema.hpp"
#include "AclValidation.hpp"
#include "ContextResolver.hpp"

namespace tessera::kernel {

namespace {

using detail::AclValidation;

/// Serialises creating the permission tables across processes and nodes ("tessacl" + 1).
constexpr std::int64_t kSchemaLockKey = 0x7465737361636c01;

bool contains(const std::vector<std::int64_t>& ids, std::optional<std::int64_t> id) {
    return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

/// The owners whose records are in the caller's team scope: the teammates and the caller.
std::vector<std::int64_t> teamOwners(const AccessContext& context) {
    auto owners = context.teammateIds;
    if (!contains(owners, context.caller.userId)) {
        owners.push_back(context.caller.userId);
    }
    return owners;
}

bool isPlainName(std::string_view part) {
    if (part.empty() || !(std::islower(static_cast<unsigned char>(part[0])) || part[0] == '_')) {
        return false;
    }
    return std::all_of(part.begin(), part.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return std::islower(u) || std::isdigit(u) || c == '_';
    });
}

/// Column references are spliced into SQL, so only `name`, `"name"` and dotted chains of them
/// get through.
void checkColumn(const std::string& column) {
    std::string_view rest = column;
    bool ok = !rest.empty();
    while (ok && !rest.empty()) {
        auto dot = rest.find('.');
        auto part = rest.substr(0, dot);
        if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
            part = part.substr(1, part.size() - 2);
        }
        ok = isPlainName(part);
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
        if (dot != std::string_view::npos && rest.empty()) {
            ok = false;
        }
    }
    if (!ok) {
        throw std::invalid_argument("not a column reference for a permission scope: " +
                                    AclValidation::quoted(column));
    }
}

// Kept out of line: inlined into a loop, GCC 12 warns that the string alternative of the
// SqlValue may be used uninitialized (a false positive), which -Werror turns into an error.
[[gnu::noipa]] std::string bind(SqlParams& params, std::int64_t id) {
    return params.add(id);
}

std::string placeholders(const std::vector<std::int64_t>& ids, SqlParams& params) {
    std::string list;
    for (auto id : ids) {
        list += (list.empty() ? "" : ", ") + bind(params, id);
    }
    return list;
}

std::string nowExpression(const Database& db) {
    return db.backend() == Backend::Postgres ? "now()" : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
}

std::int64_t roleId(const Database& db, Poco::Data::Session& session, const std::string& role) {
    auto id = Sql::scalar(db, session, "SELECT id FROM tessera_roles WHERE name = $1", {role});
    if (isNull(id)) {
        AclValidation::fail("not_found", "role",
                            AclValidation::quoted(role) +
                                " does not exist; create it first or pick an existing one");
    }
    return asInt(id);
}

void requireUser(const Database& db, Poco::Data::Session& session, std::int64_t userId) {
    if (isNull(Sql::scalar(db, session, "SELECT id FROM tessera_users WHERE id = $1", {userId}))) {
        AclValidation::fail("not_found", "user", "#" + std::to_string(userId) + " does not exist");
    }
}

void requireTeam(const Database& db, Poco::Data::Session& session, std::int64_t teamId) {
    if (isNull(Sql::scalar(db, session, "SELECT id FROM tessera_teams WHERE id = $1", {teamId}))) {
        AclValidation::fail("not_found", "team", "#" + std::to_string(teamId) + " does not exist");
    }
}

void insertMember(const Database& db, Poco::Data::Session& session, std::int64_t teamId,
                  std::int64_t userId) {
    Sql::execute(db, session,
                 "INSERT INTO tessera_team_members (team_id, user_id) VALUES ($1, $2) "
                 "ON CONFLICT DO NOTHING",
                 {teamId, userId});
}

void insertUserRole(const Database& db, Poco::Data::Session& session, std::int64_t userId,
                    std::int64_t role) {
    Sql::execute(db, session,
                 "INSERT INTO tessera_user_roles (user_id, role_id) VALUES ($1, $2) "
                 "ON CONFLICT DO NOTHING",
                 {userId, role});
}

std::string trimmed(const std::string& value) {
    auto first = value.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

}  // namespace

AccessControl::AccessControl(Database& db) : db_(db) {
    AccessContext system;
    system.caller = sdk::Caller::systemCaller();
    system.displayName = "system";
    systemContext_ = std::make_shared<const AccessContext>(std::move(system));
}

void AccessControl::ensureTables() {
    auto session = db_.session();
    auto lock = db_.advisoryLock(session, kSchemaLockKey);
    db_.withTransaction(session, [&](Poco::Data::Session& s) {
        detail::AclSchema::create(db_, s);
        detail::AclSchema::seedDefaultRoles(db_, s);
    });
    lock.release();
    invalidate();
}

std::shared_ptr<const AccessContext> AccessControl::contextFor(const sdk::Caller& caller) {
    if (caller.system) {
        return systemContext_;
    }
    std::uint64_t generation = 0;
    {
        std::lock_guard guard(mutex_);
        if (auto it = cache_.find(caller.userId); it != cache_.end()) {
            return it->second;
        }
        generation = generation_;
    }
    auto session = db_.session();
    auto context = std::make_shared<const AccessContext>(
        detail::ContextResolver::resolve(db_, session, caller));
    std::lock_guard guard(mutex_);
    if (generation_ == generation) {
        cache_[caller.userId] = context;
    }
    return context;
}

std::string AccessControl::scopeCondition(const AccessContext& context, const std::string& entity,
                                          sdk::Action action, const std::string& ownerColumn,
                                          const std::string& teamColumn, SqlParams& params) const {
    checkColumn(ownerColumn);
    checkColumn(teamColumn);
    if (context.unrestricted()) {
        return "";
    }
    switch (context.grant(entity, action).level) {
        case ScopeLevel::All:
            return "";
        case ScopeLevel::None:
            return "1=0";
        case ScopeLevel::Own:
            return ownerColumn + " = " + params.add(context.caller.userId);
        case ScopeLevel::Team: {
            std::string condition = "(";
            if (!context.teamIds.empty()) {
                condition += teamColumn + " IN (" + placeholders(context.teamIds, params) + ") OR ";
            }
            return condition + ownerColumn + " IN (" + placeholders(teamOwners(context), params) +
                   "))";
        }
    }
    return "1=0";
}

bool AccessControl::allows(const AccessContext& context, const std::string& entity,
                           sdk::Action action, std::optional<std::int64_t> ownerId,
                           std::optional<std::int64_t> teamId) const {
    if (context.unrestricted()) {
        return true;
    }
    switch (context.grant(entity, action).level) {
        case ScopeLevel::All:
            return true;
        case ScopeLevel::None:
            return false;
        case ScopeLevel::Own:
            return ownerId && *ownerId == context.caller.userId;
        case ScopeLevel::Team:
            return contains(context.teamIds, teamId) || contains(teamOwners(context), ownerId);
    }
    return false;
}

sdk::Explanation AccessControl::explain(const AccessContext& context, const std::string& entity,
                                        sdk::Action action, std::optional<std::int64_t> ownerId,
                                        std::optional<std::int64_t> teamId) const {
    sdk::Explanation result;
    result.allowed = allows(context, entity, action, ownerId, teamId);
    auto grant = context.grant(entity, action);
    result.role = grant.role;
    result.scope = scopeName(grant.level);

    std::string subject = context.caller.system
                              ? std::string("the system")
                              : "user " + AclValidation::quoted(context.displayName);
    std::string head = subject + (result.allowed ? " can " : " cannot ") + actionName(action) +
                       " " + entity + " because ";
    if (context.caller.system) {
        result.reason = head + "the system is not subject to permissions";
        return result;
    }
    std::string role = "role " + AclValidation::quoted(roleLabel(grant.role));
    if (context.admin) {
        result.reason = head + role + " is an administrator role";
        return result;
    }
    if (grant.level == ScopeLevel::None) {
        result.reason = head + "no role grants " + actionName(action);
        return result;
    }
    std::string because =
        head + role + " grants " + actionName(action) + ":" + scopeName(grant.level);
    auto ownedBy = [&](std::int64_t id) {
        return "the record is owned by " + AclValidation::quoted(userLabel(id));
    };
    switch (grant.level) {
        case ScopeLevel::All:
            result.reason = because;
            break;
        case ScopeLevel::Own:
            result.reason =
                because + " and " + (ownerId ? ownedBy(*ownerId) : "the record has no owner");
            break;
        case ScopeLevel::Team:
            if (ownerId && *ownerId == context.caller.userId) {
                result.reason = because + " and " + ownedBy(*ownerId);
            } else if (contains(context.teamIds, teamId)) {
                result.reason = because + " and the record belongs to the user's team " +
                                AclValidation::quoted(teamLabel(*teamId));
            } else if (contains(teamOwners(context), ownerId)) {
                result.reason = because + " and " + ownedBy(*ownerId) + ", a teammate";
            } else {
                result.reason =
                    because + " and the record belongs to neither the user's teams nor a teammate";
            }
            break;
        case ScopeLevel::None:
            break;
    }
    return result;
}

std::int64_t AccessControl::createUser(const std::string& login, const std::string& displayName,
                                       const std::string& email,
                                       const std::vector<std::string>& roles,
                                       const std::vector<std::int64_t>& teams) {
    AclValidation::login(login);
    std::string name = trimmed(displayName);
    AclValidation::displayName(name);
    AclValidation::email(email);
    auto id = db_.withTransaction([&](Poco::Data::Session& s) {
        std::vector<std::int64_t> roleIds;
        for (const auto& role : roles) {
            roleIds.push_back(roleId(db_, s, role));
        }
        for (auto team : teams) {
            requireTeam(db_, s, team);
        }
        auto inserted = Sql::scalar(db_, s,
                                    "INSERT INTO tessera_users (login, display_name, email) "
                                    "VALUES ($1, $2, $3) ON CONFLICT (login) DO NOTHING "
                                    "RETURNING id",
                                    {login, name.empty() ? login : name, email});
        if (isNull(inserted)) {
            AclValidation::fail("validation", "login", AclValidation::quoted(login) + " is taken");
        }
        auto userId = asInt(inserted);
        for (auto role : roleIds) {
            insertUserRole(db_, s, userId, role);
        }
        for (auto team : teams) {
            insertMember(db_, s, team, userId);
        }
        return userId;
    });
    invalidate();
    return id;
}

void AccessControl::setUserActive(std::int64_t userId, bool active) {
    db_.withTransaction([&](Poco::Data::Session& s) {
        auto changed = Sql::execute(db_, s,
                                    "UPDATE tessera_users SET active = $1, updated_at = " +
                                        nowExpression(db_) + " WHERE id = $2",
                                    {active, userId});
        if (changed == 0) {
            AclValidation::fail("not_found", "user",
                                "#" + std::to_string(userId) + " does not exist");
        }
    });
    invalidate();
}

std::int64_t AccessControl::createTeam(const std::string& name) {
    std::string clean = trimmed(name);
    AclValidation::label("name", clean);
    auto id = db_.withTransaction([&](Poco::Data::Session& s) {
        auto same = Sql::scalar(
            db_, s, "SELECT name FROM tessera_teams WHERE lower(name) = lower($1)", {clean});
        std::optional<std::int64_t> inserted;
        if (isNull(same)) {
            auto id = Sql::scalar(db_, s,
                                  "INSERT INTO tessera_teams (name) VALUES ($1) "
                                  "ON CONFLICT (name) DO NOTHING RETURNING id",
                                  {clean});
            if (!isNull(id)) {
                inserted = asInt(id);
            }
        }
        if (!inserted) {
            AclValidation::fail(
                "validation", "name",
                AclValidation::quoted(isNull(same) ? clean : asString(same)) + " is taken");
        }
        return *inserted;
    });
    invalidate();
    return id;
}

void AccessControl::addTeamMember(std::int64_t teamId, std::int64_t userId) {
    db_.withTransaction([&](Poco::Data::Session& s) {
        requireTeam(db_, s, teamId);
        requireUser(db_, s, userId);
        insertMember(db_, s, teamId, userId);
    });
    invalidate();
}

void AccessControl::removeTeamMember(std::int64_t teamId, std::int64_t userId) {
    db_.withTransaction([&](Poco::Data::Session& s) {
        requireTeam(db_, s, teamId);
        requireUser(db_, s, userId);
        Sql::execute(db_, s, "DELETE FROM tessera_team_members WHERE team_id = $1 AND user_id = $2",
                     {teamId, userId});
    });
    invalidate();
}

std::int64_t AccessControl::createRole(const std::string& name, const std::string& label,
                                       bool admin) {
    AclValidation::roleName(name);
    std::string cleanLabel = trimmed(label);
    AclValidation::label("label", cleanLabel);
    auto id = db_.withTransaction([&](Poco::Data::Session& s) {
        auto inserted = Sql::scalar(db_, s,
                                    "INSERT INTO tessera_roles (name, label, is_admin) "
                                    "VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING "
                                    "RETURNING id",
                                    {name, cleanLabel, admin});
        if (isNull(inserted)) {
            AclValidation::fail("validation", "name", AclValidation::quoted(name) + " is taken");
        }
        return asInt(inserted);
    });
    invalidate();
    return id;
}

void AccessControl::assignRole(std::int64_t userId, const std::string& role) {
    db_.withTransaction([&](Poco::Data::Session& s) {
        auto id = roleId(db_, s, role);
        requireUser(db_, s, userId);
        insertUserRole(db_, s, userId, id);
    });
    invalidate();
}

void AccessControl::revokeRole(std::int64_t userId, const std::string& role) {
    db_.withTransaction([&](Poco::Data::Session& s) {
        auto id = roleId(db_, s, role);
        requireUser(db_, s, userId);
        Sql::execute(db_, s, "DELETE FROM tessera_user_roles WHERE user_id = $1 AND role_id = $2",
                     {userId, id});
    });
    invalidate();
}

void AccessControl::grant(const std::string& role, const std::string& entity, sdk::Action action,
                          ScopeLevel level) {
    AclValidation::entity(entity);
    db_.withTransaction([&](Poco::Data::Session& s) {
        Sql::execute(db_, s,
                     "INSERT INTO tessera_role_grants (role_id, entity, action, scope) "
                     "VALUES ($1, $2, $3, $4) ON CONFLICT (role_id, entity, action) "
                     "DO UPDATE SET scope = excluded.scope",
                     {roleId(db_, s, role), entity, std::string(actionName(action)),
                      std::string(scopeName(level))});
    });
    invalidate();
}

void AccessControl::setFieldAccess(const std::string& role, const std::string& entity,
                                   const std::string& field, FieldAccess access) {
    AclValidation::entity(entity);
    AclValidation::fieldName(field);
    db_.withTransaction([&](Poco::Data::Session& s) {
        Sql::execute(db_, s,
                     "INSERT INTO tessera_role_fields (role_id, entity, field, access) "
                     "VALUES ($1, $2, $3, $4) ON CONFLICT (role_id, entity, field) "
                     "DO UPDATE SET access = excluded.access",
                     {roleId(db_, s, role), entity, field, std::string(fieldAccessName(access))});
    });
    invalidate();
}

void AccessControl::grantPermission(const std::string& role, const std::string& permission) {
    AclValidation::permission(permission);
    db_.withTransaction([&](Poco::Data::Session& s) {
        Sql::execute(db_, s,
                     "INSERT INTO tessera_role_permissions (role_id, permission) VALUES ($1, $2) "
                     "ON CONFLICT DO NOTHING",
                     {roleId(db_, s, role), permission});
    });
    invalidate();
}

void AccessControl::revokePermission(const std::string& role, const std::string& permission) {
    AclValidation::permission(permission);
    db_.withTransaction([&](Poco::Data::Session& s) {
        Sql::execute(db_, s,
                     "DELETE FROM tessera_role_permissions WHERE role_id = $1 AND permission = $2",
                     {roleId(db_, s, role), permission});
    });
    invalidate();
}

std::optional<std::int64_t> AccessControl::userIdByLogin(const std::string& login) {
    auto session = db_.session();
    auto id = Sql::scalar(db_, session, "SELECT id FROM tessera_users WHERE login = $1", {login});
    if (isNull(id)) {
        return std::nullopt;
    }
    return asInt(id);
}

void AccessControl::invalidate() {
    std::lock_guard guard(mutex_);
    cache_.clear();
    ++generation_;
}

std::string AccessControl::userLabel(std::int64_t userId) const {
    auto session = db_.session();
    auto rows = Sql::query(db_, session,
                           "SELECT login, display_name FROM tessera_users WHERE id = $1", {userId});
    if (rows.empty()) {
        return "user #" + std::to_string(userId);
    }
    auto name = asString(rows.rows.front()[1]);
    return name.empty() ? asString(rows.rows.front()[0]) : name;
}

std::string AccessControl::teamLabel(std::int64_t teamId) const {
    auto session = db_.session();
    auto name = Sql::scalar(db_, session, "SELECT name FROM tessera_teams WHERE id = $1", {teamId});
    return isNull(name) ? "team #" + std::to_string(teamId) : asString(name);
}

std::string AccessControl::roleLabel(const std::string& role) const {
    auto session = db_.session();
    auto label =
        Sql::scalar(db_, session, "SELECT label FROM tessera_roles WHERE name = $1", {role});
    return isNull(label) ? role : asString(label);
}

}  // namespace tessera::kernel
