#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// Counts failed sign-ins per login and per client address in table tessera_login_failures,
/// so every node sees the same counts. kMaxFailures failures within kWindowSeconds block
/// further attempts for that login or address until the oldest falls out of the window.
/// Thread-safe.
class LoginThrottle {
public:
    static constexpr int kMaxFailures = 5;
    static constexpr std::int64_t kWindowSeconds = 15 * 60;
    /// An address is shared by many people behind NAT, so it gets more room than a login.
    static constexpr int kMaxFailuresPerAddress = 20;

    explicit LoginThrottle(Database& db) : db_(db) {}

    /// Seconds to wait before trying again, or nothing when an attempt is allowed now.
    std::optional<std::int64_t> retryAfter(const std::string& login, const std::string& address);
    void recordFailure(const std::string& login, const std::string& address);
    /// Forgets the failures of a login after it signed in.
    void clear(const std::string& login);

private:
    Database& db_;
};

}  // namespace tessera::kernel
