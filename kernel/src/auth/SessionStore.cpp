#include <tessera/kernel/auth/SessionStore.hpp>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

namespace {

/// last_seen is written at most this often, so reads do not each cost a write.
constexpr std::int64_t kTouchSeconds = 60;
/// Sessions remembered at most; beyond this the cache starts over.
constexpr std::size_t kMaxCached = 10000;

}  // namespace

SessionStore::Created SessionStore::create(std::int64_t userId, bool remember) {
    Created created{randomHex(32), randomHex(32)};
    std::int64_t now = unixNow();
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "DELETE FROM tessera_sessions WHERE expires_at < $1", {now});
    Sql::execute(db_, s,
                 "INSERT INTO tessera_sessions (id_hash, user_id, created_at, last_seen, "
                 "expires_at, csrf_token) VALUES ($1, $2, $3, $4, $5, $6)",
                 {sha256Hex(created.cookieValue), userId, now, now,
                  now + (remember ? kRememberSeconds : kLifetimeSeconds), created.csrfToken});
    return created;
}

std::optional<Principal> SessionStore::find(const std::string& cookieValue) {
    if (cookieValue.size() != 64) {
        return std::nullopt;
    }
    std::int64_t now = unixNow();
    {
        std::lock_guard lock(cacheMutex_);
        if (auto it = cache_.find(cookieValue); it != cache_.end()) {
            const Cached& c = it->second;
            // Past the cache time, the lifetime, the idle time or the next touch: ask the table.
            if (now - c.checkedAt < kCacheSeconds && now < c.expiresAt &&
                now < c.lastSeen + c.idleSeconds && now - c.lastSeen < kTouchSeconds) {
                return c.principal;
            }
            cache_.erase(it);
        }
    }
    std::string hash = sha256Hex(cookieValue);
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT user_id, last_seen, expires_at, csrf_token, created_at FROM "
                              "tessera_sessions WHERE id_hash = $1",
                              {hash});
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& row = rows.rows[0];
    std::int64_t lastSeen = asInt(row[1]);
    // A remembered session is known by its lifetime, so the table needs no column for it.
    bool remembered = asInt(row[2]) - asInt(row[4]) > kLifetimeSeconds;
    std::int64_t idle = remembered ? kRememberSeconds : kIdleSeconds;
    if (asInt(row[2]) <= now || lastSeen + idle <= now) {
        Sql::execute(db_, s, "DELETE FROM tessera_sessions WHERE id_hash = $1", {hash});
        return std::nullopt;
    }
    if (now - lastSeen >= kTouchSeconds) {
        Sql::execute(db_, s, "UPDATE tessera_sessions SET last_seen = $1 WHERE id_hash = $2",
                     {now, hash});
        lastSeen = now;
    }
    Principal principal{asInt(row[0]), hash, asString(row[3])};
    std::lock_guard lock(cacheMutex_);
    if (cache_.size() >= kMaxCached) {
        cache_.clear();
    }
    cache_[cookieValue] = Cached{principal, lastSeen, asInt(row[2]), idle, now};
    return principal;
}

void SessionStore::remove(const std::string& cookieValue) {
    {
        std::lock_guard lock(cacheMutex_);
        cache_.erase(cookieValue);
    }
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "DELETE FROM tessera_sessions WHERE id_hash = $1",
                 {sha256Hex(cookieValue)});
}

void SessionStore::removeAllOf(std::int64_t userId) {
    {
        std::lock_guard lock(cacheMutex_);
        std::erase_if(cache_,
                      [&](const auto& entry) { return entry.second.principal.userId == userId; });
    }
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "DELETE FROM tessera_sessions WHERE user_id = $1", {userId});
}

}  // namespace tessera::kernel
