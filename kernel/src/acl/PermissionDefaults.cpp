#include <tessera/kernel/acl/PermissionDefaults.hpp>

#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

std::vector<PermissionDefaults::Grant> PermissionDefaults::apply(
    Database& db, AccessControl& access, const std::vector<DeclaredPermission>& declared) {
    auto granted = db.withTransaction([&](Poco::Data::Session& s) {
        std::vector<Grant> now;
        for (const auto& permission : declared) {
            for (const auto& role : permission.defaultRoles) {
                auto roleId =
                    Sql::scalar(db, s, "SELECT id FROM tessera_roles WHERE name = $1", {role});
                if (isNull(roleId)) {
                    continue;
                }
                auto claimed = Sql::scalar(db, s,
                                           "INSERT INTO tessera_permission_defaults (permission, "
                                           "role) VALUES ($1, $2) ON CONFLICT DO NOTHING "
                                           "RETURNING role",
                                           {permission.name, role});
                if (isNull(claimed)) {
                    continue;  // applied before: an admin may have revoked it since
                }
                Sql::execute(db, s,
                             "INSERT INTO tessera_role_permissions (role_id, permission) "
                             "VALUES ($1, $2) ON CONFLICT DO NOTHING",
                             {asInt(roleId), permission.name});
                now.emplace_back(permission.name, role);
            }
        }
        return now;
    });
    if (!granted.empty()) {
        access.dropCachedContexts();
    }
    return granted;
}

}  // namespace tessera::kernel
