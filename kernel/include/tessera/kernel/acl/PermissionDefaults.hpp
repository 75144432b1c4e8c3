#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/acl/DeclaredPermission.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// Grants the permissions plugins declare to their default roles, once per (permission, role):
/// the pairs applied are remembered in tessera_permission_defaults, so a default an admin
/// revoked stays revoked after every restart. A default role that does not exist is skipped
/// and applied at a later start once an admin has created it. Safe to run on several nodes
/// at once: a pair is claimed by exactly one of them.
class PermissionDefaults {
public:
    /// (permission, role)
    using Grant = std::pair<std::string, std::string>;

    /// Applies the defaults of `declared` not applied before, in one transaction, and drops the
    /// cached contexts of `access` when it granted any. Returns the pairs granted now.
    static std::vector<Grant> apply(Database& db, AccessControl& access,
                                    const std::vector<DeclaredPermission>& declared);
};

}  // namespace tessera::kernel
