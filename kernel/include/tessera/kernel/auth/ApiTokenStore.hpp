#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// API tokens for `Authorization: Bearer`, in table tessera_api_tokens: created by a user,
/// shown once, stored as SHA-256, revocable. A token acts with its user's permissions.
/// Thread-safe.
class ApiTokenStore {
public:
    struct Info {
        std::string id;
        std::string name;
        std::int64_t createdAt = 0;
        std::int64_t lastUsedAt = 0;
    };
    struct Created {
        Info info;
        /// "tsk_<id>_<secret>"; not stored, cannot be shown again.
        std::string token;
    };

    explicit ApiTokenStore(Database& db) : db_(db) {}

    Created create(std::int64_t userId, const std::string& name);
    /// The user's tokens that are not revoked, newest first.
    std::vector<Info> list(std::int64_t userId);
    /// False when the user has no such token.
    bool revoke(std::int64_t userId, const std::string& id);
    /// The user a live token belongs to.
    std::optional<std::int64_t> authenticate(const std::string& token);

private:
    Database& db_;
};

}  // namespace tessera::kernel
