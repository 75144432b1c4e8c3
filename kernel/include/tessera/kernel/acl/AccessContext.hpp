#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::kernel {

/// How far a grant reaches: no records, the caller's own, their teams', or all.
enum class ScopeLevel { None = 0, Own = 1, Team = 2, All = 3 };

/// What a role lets its users do with one field of an entity.
enum class FieldAccess { Visible, ReadOnly, Hidden };

/// A grant after merging all of a user's roles: the widest scope wins, and the role that gave it.
struct EffectiveGrant {
    ScopeLevel level = ScopeLevel::None;
    std::string role;
};

/// One caller's permissions, resolved from their roles and teams. Immutable; shared between
/// threads. Built by AccessControl::contextFor().
struct AccessContext {
    sdk::Caller caller;
    bool admin = false;  ///< a role with is_admin: everything is allowed
    std::string displayName;
    std::vector<std::int64_t> teamIds;
    /// Users who share a team with the caller, the caller included.
    std::vector<std::int64_t> teammateIds;
    /// entity -> action -> grant; "*" holds the grants for entities without their own.
    std::map<std::string, std::map<sdk::Action, EffectiveGrant>> grants;
    /// entity -> field -> access; fields not listed are Visible.
    std::map<std::string, std::map<std::string, FieldAccess>> fields;
    std::set<std::string> permissions;

    EffectiveGrant grant(const std::string& entity, sdk::Action action) const;
    FieldAccess fieldAccess(const std::string& entity, const std::string& field) const;
    bool hasPermission(const std::string& permission) const;
    bool unrestricted() const { return caller.system || admin; }
};

const char* actionName(sdk::Action action);
const char* scopeName(ScopeLevel level);

}  // namespace tessera::kernel
