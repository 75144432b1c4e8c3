#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/kernel/storage/DatabaseLock.hpp>
#include <tessera/kernel/storage/DatabaseUrl.hpp>

namespace Poco::Data {
class SessionPool;
}

namespace tessera::kernel {

class SqliteLockTable;
class SqliteStatementCache;

/// The connection pool for one `db.url`: hands out Poco::Data sessions, runs transactions and
/// takes database-wide named locks.
///
/// SQLite sessions are opened with `journal_mode=WAL`, `synchronous=NORMAL`, `foreign_keys=ON`
/// and a busy timeout, and the folder of the database file is created. PostgreSQL sessions use
/// TCP or a unix socket, as the URL says.
///
/// SQL text uses `$1, $2, ...` placeholders on both backends; pass it through sql() when a
/// number repeats or the numbers are not in ascending order (SQLite binds `$N` by order of
/// appearance, `?N` by number).
///
/// Thread-safe: any thread may call session(), withTransaction() and the lock functions. A
/// Session itself belongs to one thread at a time. Every Session and DatabaseLock must be
/// released before the Database is destroyed.
class Database {
public:
    /// Tuning beyond the URL.
    struct Options {
        /// Most sessions open at once (forced to 1 for `sqlite::memory:`, where each
        /// connection would see its own empty database).
        int poolSize = 8;
        /// How long session() waits for a free session before throwing.
        std::chrono::milliseconds sessionWait{30000};
        /// SQLite `busy_timeout`: how long a statement waits for another writer.
        std::chrono::milliseconds sqliteBusyTimeout{5000};
    };

    /// Registers the Poco connectors (once per process) and prepares the pool; connections are
    /// opened on demand. Throws StorageError when the SQLite folder cannot be created.
    explicit Database(DatabaseUrl url);
    Database(DatabaseUrl url, Options options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Registers the SQLite and PostgreSQL connectors with Poco::Data::SessionFactory. Idempotent
    /// and thread-safe.
    static void registerConnectors();

    Backend backend() const { return url_.backend(); }
    const DatabaseUrl& url() const { return url_; }

    /// A pooled session; it returns to the pool when the last copy is destroyed (a transaction
    /// left open is rolled back then). Waits up to Options::sessionWait when all are in use.
    /// Throws StorageError when the database cannot be reached or the pool stays exhausted.
    Poco::Data::Session session();

    /// `statement` in this backend's placeholder dialect: unchanged on PostgreSQL; on SQLite each
    /// `$N` outside quotes and comments becomes `?N`.
    std::string sql(std::string_view statement) const;

    /// Runs `fn(session)` inside a transaction on a pooled session (SQLite: BEGIN IMMEDIATE, so
    /// the write lock is taken up front). Commits when `fn` returns, rolls back and rethrows when
    /// it throws. Not reentrant on the same session.
    template <class Fn>
    auto withTransaction(Fn&& fn) -> std::invoke_result_t<Fn&, Poco::Data::Session&> {
        Poco::Data::Session s = session();
        return withTransaction(s, std::forward<Fn>(fn));
    }

    /// As above, on a session the caller holds.
    template <class Fn>
    auto withTransaction(Poco::Data::Session& s, Fn&& fn)
        -> std::invoke_result_t<Fn&, Poco::Data::Session&> {
        using Result = std::invoke_result_t<Fn&, Poco::Data::Session&>;
        begin(s);
        try {
            if constexpr (std::is_void_v<Result>) {
                std::invoke(fn, s);
                commit(s);
            } else {
                Result result = std::invoke(fn, s);
                commit(s);
                return result;
            }
        } catch (...) {
            rollbackQuietly(s);
            throw;
        }
    }

    /// The prepared statements kept per SQLite connection (Sql uses them); null on PostgreSQL.
    SqliteStatementCache* sqliteStatements() const { return sqliteStatements_.get(); }

    /// Blocks until the database-wide lock `key` is held through `session`; see DatabaseLock.
    DatabaseLock advisoryLock(Poco::Data::Session& session, std::int64_t key);
    /// Takes the lock `key` if nobody holds it, without waiting.
    std::optional<DatabaseLock> tryAdvisoryLock(Poco::Data::Session& session, std::int64_t key);

private:
    void begin(Poco::Data::Session& s);
    void commit(Poco::Data::Session& s);
    void rollbackQuietly(Poco::Data::Session& s) noexcept;

    DatabaseUrl url_;
    Options options_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::shared_ptr<SqliteLockTable> sqliteLocks_;
    std::unique_ptr<SqliteStatementCache> sqliteStatements_;
};

}  // namespace tessera::kernel
