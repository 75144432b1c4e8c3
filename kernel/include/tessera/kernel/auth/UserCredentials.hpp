#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>

namespace tessera::kernel {

/// Password hashes (tessera_users.password_hash) and TOTP secrets (tessera_user_totp) of users.
/// Thread-safe.
class UserCredentials {
public:
    struct Login {
        std::int64_t userId = 0;
        std::string passwordHash;  ///< empty: no password set, cannot sign in
        bool active = false;
    };
    struct TotpState {
        std::string secret;
        bool enabled = false;
    };
    struct UserRow {
        std::int64_t id = 0;
        std::string login;
        std::string displayName;
        std::string email;
        bool active = false;
        bool hasPassword = false;
        std::vector<std::string> roles;
    };

    explicit UserCredentials(Database& db) : db_(db) {}

    /// Creates the session, throttle, token and TOTP tables if missing.
    void ensureTables();

    std::optional<Login> byLogin(const std::string& login);
    void setPasswordHash(std::int64_t userId, const std::string& hash);
    std::optional<TotpState> totp(std::int64_t userId);
    void setTotp(std::int64_t userId, const std::string& secret, bool enabled);
    void removeTotp(std::int64_t userId);
    /// Checks a one-time code against the user's secret and accepts each time step once, so a
    /// code seen by someone else cannot be replayed within its 90-second window (RFC 6238 §5.2).
    bool acceptTotp(std::int64_t userId, const std::string& secret, const std::string& code);
    /// A per-user preference ("theme"); empty when unset.
    std::string setting(std::int64_t userId, const std::string& name);
    void setSetting(std::int64_t userId, const std::string& name, const std::string& value);
    std::vector<UserRow> users();
    std::optional<UserRow> user(std::int64_t userId);

private:
    std::vector<UserRow> select(const std::string& where, const std::vector<SqlValue>& params = {});

    Database& db_;
};

}  // namespace tessera::kernel
