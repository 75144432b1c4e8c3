#pragma once

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/sdk/Users.hpp>

namespace tessera::kernel {

/// The kernel's sdk::UserDirectory: reads tessera_users and team membership. Thread-safe.
class UserDirectoryService final : public sdk::UserDirectory {
public:
    UserDirectoryService(Database& db, AccessControl& access);

    std::optional<sdk::UserInfo> byId(std::int64_t id) override;
    std::optional<sdk::UserInfo> byLogin(const std::string& login) override;
    std::vector<sdk::UserInfo> activeUsers() override;
    std::vector<std::int64_t> teammates(std::int64_t userId) override;
    std::vector<sdk::TeamInfo> teams() override;
    bool hasPermission(std::int64_t userId, const std::string& permission) override;

private:
    std::vector<sdk::UserInfo> select(const std::string& where,
                                      const std::vector<SqlValue>& params);

    Database& db_;
    AccessControl& access_;
};

}  // namespace tessera::kernel
