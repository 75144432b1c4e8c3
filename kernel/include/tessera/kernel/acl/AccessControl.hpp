#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessContext.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>

namespace tessera::kernel {

/// Users, teams, roles and their grants, kept in kernel tables, and the checks the record API
/// makes with them. Scopes compile into SQL conditions so counts and pages are right.
/// Thread-safe; contexts are cached per user and dropped whenever a user, team or role changes.
class AccessControl {
public:
    explicit AccessControl(Database& db);

    /// Creates the kernel tables if missing and the default roles (admin, manager, sales_rep,
    /// support_agent, marketing) if there are no roles yet.
    void ensureTables();

    /// The resolved permissions of `caller`. Throws sdk::PluginError("forbidden") for an
    /// unknown or deactivated user.
    std::shared_ptr<const AccessContext> contextFor(const sdk::Caller& caller);

    /// A condition restricting rows to those `context` may `action`, over the given owner and
    /// team columns ("t.owner_id"); binds its values into `params`. "" when unrestricted,
    /// "1=0" when nothing is allowed.
    std::string scopeCondition(const AccessContext& context, const std::string& entity,
                               sdk::Action action, const std::string& ownerColumn,
                               const std::string& teamColumn, SqlParams& params) const;

    /// Whether `context` may `action` a record with this owner and team.
    bool allows(const AccessContext& context, const std::string& entity, sdk::Action action,
                std::optional<std::int64_t> ownerId, std::optional<std::int64_t> teamId) const;

    /// The reason for allows()'s answer, naming the user, role, grant and ownership.
    sdk::Explanation explain(const AccessContext& context, const std::string& entity,
                             sdk::Action action, std::optional<std::int64_t> ownerId,
                             std::optional<std::int64_t> teamId) const;

    // Administration. Each throws sdk::PluginError ("validation" or "not_found") with a clear
    // message on bad input, and drops the cached contexts.
    std::int64_t createUser(const std::string& login, const std::string& displayName,
                            const std::string& email, const std::vector<std::string>& roles,
                            const std::vector<std::int64_t>& teams = {});
    void setUserActive(std::int64_t userId, bool active);
    std::int64_t createTeam(const std::string& name);
    void addTeamMember(std::int64_t teamId, std::int64_t userId);
    std::int64_t createRole(const std::string& name, const std::string& label, bool admin = false);
    void assignRole(std::int64_t userId, const std::string& role);
    /// Sets the scope `role` has for `action` on `entity` ("*" for every entity without a grant
    /// of its own).
    void grant(const std::string& role, const std::string& entity, sdk::Action action,
               ScopeLevel level);
    void setFieldAccess(const std::string& role, const std::string& entity,
                        const std::string& field, FieldAccess access);
    void grantPermission(const std::string& role, const std::string& permission);
    std::optional<std::int64_t> userIdByLogin(const std::string& login);
    /// Takes `role` away from the user; nothing happens when the user does not have it.
    void revokeRole(std::int64_t userId, const std::string& role);
    /// Takes the user out of the team; nothing happens when they are not in it.
    void removeTeamMember(std::int64_t teamId, std::int64_t userId);
    /// Takes a named permission away from `role`; nothing happens when it does not have it.
    void revokePermission(const std::string& role, const std::string& permission);
    /// Drops every cached context, for a node told that another node changed users, teams or
    /// roles (the changes made through this object drop them already).
    void dropCachedContexts() { invalidate(); }

private:
    void invalidate();
    std::string userLabel(std::int64_t userId) const;
    std::string teamLabel(std::int64_t teamId) const;
    std::string roleLabel(const std::string& role) const;

    Database& db_;
    mutable std::mutex mutex_;
    std::map<std::int64_t, std::shared_ptr<const AccessContext>> cache_;
    /// Bumped by invalidate(), so a context resolved while an admin change commits is not cached.
    std::uint64_t generation_ = 0;
    std::shared_ptr<const AccessContext> systemContext_;
};

}  // namespace tessera::kernel
