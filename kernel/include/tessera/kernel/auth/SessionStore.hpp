#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <tessera/kernel/http/HttpRequest.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// Sign-in sessions in table tessera_sessions, so any node can serve any request. The cookie
/// value is a random 256-bit id; only its SHA-256 is stored. A session ends after
/// kIdleSeconds without a request or kLifetimeSeconds after sign-in; one made with "keep me
/// signed in" lasts kRememberSeconds, idle or not. A session found is remembered for
/// kCacheSeconds, so a burst of requests costs one query; remove() and removeAllOf() forget it at
/// once on this node, other nodes within kCacheSeconds. Thread-safe.
class SessionStore {
public:
    static constexpr std::int64_t kCacheSeconds = 2;
    static constexpr std::int64_t kIdleSeconds = 2 * 3600;
    static constexpr std::int64_t kLifetimeSeconds = 12 * 3600;
    static constexpr std::int64_t kRememberSeconds = 30 * 24 * 3600;

    struct Created {
        std::string cookieValue;
        std::string csrfToken;
    };

    explicit SessionStore(Database& db) : db_(db) {}

    /// A new session; `remember` makes it last kRememberSeconds.
    Created create(std::int64_t userId, bool remember = false);
    /// The session's user and CSRF token, or nothing when it is unknown or expired.
    std::optional<Principal> find(const std::string& cookieValue);
    void remove(const std::string& cookieValue);
    /// Ends every session of a user (after a password change).
    void removeAllOf(std::int64_t userId);

private:
    struct Cached {
        Principal principal;
        std::int64_t lastSeen = 0;
        std::int64_t expiresAt = 0;
        std::int64_t idleSeconds = 0;
        std::int64_t checkedAt = 0;
    };

    Database& db_;
    std::mutex cacheMutex_;
    /// Cookie value -> the session as last read from the table.
    std::unordered_map<std::string, Cached> cache_;
};

}  // namespace tessera::kernel
