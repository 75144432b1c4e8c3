#include "ContextResolver.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include <tessera/kernel/acl/AclNames.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

#include "AclValidation.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr const char* kWildcard = "*";
constexpr sdk::Action kActions[] = {sdk::Action::Read, sdk::Action::Create, sdk::Action::Update,
                                    sdk::Action::Delete, sdk::Action::Export};

struct RoleData {
    std::int64_t id = 0;
    std::string name;
    bool admin = false;
    std::map<std::string, std::map<sdk::Action, ScopeLevel>> grants;
    std::map<std::string, std::map<std::string, FieldAccess>> fields;

    ScopeLevel level(const std::string& entity, sdk::Action action) const {
        for (const auto& key : {entity, std::string(kWildcard)}) {
            if (auto byEntity = grants.find(key); byEntity != grants.end()) {
                if (auto it = byEntity->second.find(action); it != byEntity->second.end()) {
                    return it->second;
                }
            }
        }
        return ScopeLevel::None;
    }

    FieldAccess access(const std::string& entity, const std::string& field) const {
        for (const auto& key : {entity, std::string(kWildcard)}) {
            if (auto byEntity = fields.find(key); byEntity != fields.end()) {
                if (auto it = byEntity->second.find(field); it != byEntity->second.end()) {
                    return it->second;
                }
            }
        }
        return FieldAccess::Visible;
    }
};

int restrictiveness(FieldAccess access) {
    switch (access) {
        case FieldAccess::Visible:
            return 0;
        case FieldAccess::ReadOnly:
            return 1;
        case FieldAccess::Hidden:
            return 2;
    }
    return 0;
}

std::vector<std::int64_t> ids(const SqlRows& rows) {
    std::vector<std::int64_t> result;
    result.reserve(rows.size());
    for (const auto& row : rows.rows) {
        result.push_back(asInt(row[0]));
    }
    return result;
}

RoleData* findRole(std::vector<RoleData>& roles, std::int64_t id) {
    auto it = std::find_if(roles.begin(), roles.end(), [&](const auto& r) { return r.id == id; });
    return it == roles.end() ? nullptr : &*it;
}

void mergeGrants(const std::vector<RoleData>& roles, const std::string& entity,
                 AccessContext& context) {
    auto& merged = context.grants[entity];
    for (auto action : kActions) {
        EffectiveGrant best;
        for (const auto& role : roles) {
            auto level = role.level(entity, action);
            if (level > best.level) {
                best = {level, role.name};
            }
        }
        merged[action] = best;
    }
}

void mergeFields(const std::vector<RoleData>& roles, const std::string& entity,
                 AccessContext& context) {
    std::vector<const RoleData*> readers;
    for (const auto& role : roles) {
        if (role.level(entity, sdk::Action::Read) != ScopeLevel::None) {
            readers.push_back(&role);
        }
    }
    if (readers.empty()) {
        for (const auto& role : roles) {
            readers.push_back(&role);
        }
    }
    std::set<std::string> names;
    for (const auto* role : readers) {
        for (const auto& key : {entity, std::string(kWildcard)}) {
            if (auto byEntity = role->fields.find(key); byEntity != role->fields.end()) {
                for (const auto& [field, access] : byEntity->second) {
                    names.insert(field);
                }
            }
        }
    }
    auto& merged = context.fields[entity];
    for (const auto& field : names) {
        auto least = FieldAccess::Hidden;
        for (const auto* role : readers) {
            auto access = role->access(entity, field);
            if (restrictiveness(access) < restrictiveness(least)) {
                least = access;
            }
        }
        if (least != FieldAccess::Visible) {
            merged[field] = least;
        }
    }
}

}  // namespace

AccessContext ContextResolver::resolve(const Database& db, Poco::Data::Session& session,
                                       const sdk::Caller& caller) {
    const std::vector<SqlValue> user{caller.userId};
    auto found = Sql::query(
        db, session, "SELECT login, display_name, active FROM tessera_users WHERE id = $1", user);
    if (found.empty()) {
        throw sdk::PluginError("forbidden", "user #" + std::to_string(caller.userId) +
                                                " does not exist; sign in again or ask an "
                                                "administrator for an account");
    }
    const auto& row = found.rows.front();
    std::string login = asString(row[0]);
    if (!asBool(row[2])) {
        throw sdk::PluginError("forbidden", "user " + AclValidation::quoted(login) +
                                                " is deactivated; an administrator can "
                                                "reactivate the account");
    }

    AccessContext context;
    context.caller = caller;
    context.displayName = asString(row[1]).empty() ? login : asString(row[1]);
    context.teamIds = ids(Sql::query(
        db, session, "SELECT team_id FROM tessera_team_members WHERE user_id = $1 ORDER BY team_id",
        user));
    context.teammateIds = ids(Sql::query(db, session,
                                         "SELECT DISTINCT other.user_id FROM tessera_team_members "
                                         "mine JOIN tessera_team_members other ON other.team_id = "
                                         "mine.team_id WHERE mine.user_id = $1",
                                         user));
    context.teammateIds.push_back(caller.userId);
    std::sort(context.teammateIds.begin(), context.teammateIds.end());
    context.teammateIds.erase(std::unique(context.teammateIds.begin(), context.teammateIds.end()),
                              context.teammateIds.end());

    std::vector<RoleData> roles;
    for (const auto& r :
         Sql::query(db, session,
                    "SELECT r.id, r.name, r.is_admin FROM tessera_user_roles ur JOIN tessera_roles "
                    "r ON r.id = ur.role_id WHERE ur.user_id = $1 ORDER BY r.id",
                    user)
             .rows) {
        roles.push_back(RoleData{asInt(r[0]), asString(r[1]), asBool(r[2]), {}, {}});
    }
    for (const auto& p : Sql::query(db, session,
                                    "SELECT DISTINCT p.permission FROM tessera_role_permissions p "
                                    "JOIN tessera_user_roles ur ON ur.role_id = p.role_id WHERE "
                                    "ur.user_id = $1",
                                    user)
                             .rows) {
        context.permissions.insert(asString(p[0]));
    }

    if (auto admin =
            std::find_if(roles.begin(), roles.end(), [](const auto& r) { return r.admin; });
        admin != roles.end()) {
        context.admin = true;
        for (auto action : kActions) {
            context.grants[kWildcard][action] = {ScopeLevel::All, admin->name};
        }
        return context;
    }

    std::set<std::string> entities{kWildcard};
    for (const auto& g : Sql::query(db, session,
                                    "SELECT g.role_id, g.entity, g.action, g.scope FROM "
                                    "tessera_role_grants g JOIN tessera_user_roles ur ON "
                                    "ur.role_id = g.role_id WHERE ur.user_id = $1",
                                    user)
                             .rows) {
        auto* role = findRole(roles, asInt(g[0]));
        auto action = parseAction(asString(g[2]));
        auto scope = parseScope(asString(g[3]));
        if (role == nullptr || !action || !scope) {
            spdlog::warn("ignoring permission grant {}:{} on {} of role #{}: not understood",
                         asString(g[2]), asString(g[3]), asString(g[1]), asInt(g[0]));
            continue;
        }
        role->grants[asString(g[1])][*action] = *scope;
        entities.insert(asString(g[1]));
    }
    for (const auto& f : Sql::query(db, session,
                                    "SELECT f.role_id, f.entity, f.field, f.access FROM "
                                    "tessera_role_fields f JOIN tessera_user_roles ur ON "
                                    "ur.role_id = f.role_id WHERE ur.user_id = $1",
                                    user)
                             .rows) {
        auto* role = findRole(roles, asInt(f[0]));
        auto access = parseFieldAccess(asString(f[3]));
        if (role == nullptr || !access) {
            spdlog::warn("ignoring field rule {} on {}.{} of role #{}: not understood",
                         asString(f[3]), asString(f[1]), asString(f[2]), asInt(f[0]));
            continue;
        }
        role->fields[asString(f[1])][asString(f[2])] = *access;
        entities.insert(asString(f[1]));
    }

    for (const auto& entity : entities) {
        mergeGrants(roles, entity, context);
        mergeFields(roles, entity, context);
    }
    return context;
}

}  // namespace tessera::kernel::detail
