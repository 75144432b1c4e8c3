#pragma once

#include <Poco/Data/Session.h>

#include <tessera/kernel/acl/AccessContext.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel::detail {

/// Reads one user's roles, teams, grants, field rules and permissions and merges them into an
/// AccessContext:
/// - per role, a grant on the entity overrides the role's "*" grant for that action, and a field
///   rule on the entity overrides its "*" rule for that field;
/// - across roles, the widest scope wins (the first role, by id, that gives it is named);
/// - a field takes the least restrictive access among the roles that can read the entity (all
///   roles when none can), so a role without access to an entity cannot unhide its fields.
class ContextResolver {
public:
    /// Throws sdk::PluginError("forbidden") for an unknown or deactivated user.
    static AccessContext resolve(const Database& db, Poco::Data::Session& session,
                                 const sdk::Caller& caller);
};

}  // namespace tessera::kernel::detail
