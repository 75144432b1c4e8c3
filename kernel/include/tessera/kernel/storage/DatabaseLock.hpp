#pragma once

#include <cstdint>
#include <functional>

namespace tessera::kernel {

/// A held database-wide named lock (Database::advisoryLock), released when this object is
/// destroyed or release() is called. Used for work only one process or node may do at a time,
/// such as migrating the schema.
///
/// PostgreSQL: a session-level `pg_advisory_lock(key)`; the lock keeps its session out of the
/// pool until released, and dies with the connection. SQLite: a lock table inside the Database
/// (threads of this process) plus an OFD byte-range lock on `<database file>.lock` (other
/// processes); an in-memory database has only the first. Keys that differ only in their two
/// highest bits share one byte of the lock file.
///
/// Movable, not copyable. Not for concurrent use by several threads.
class DatabaseLock {
public:
    DatabaseLock(DatabaseLock&& other) noexcept;
    DatabaseLock& operator=(DatabaseLock&& other) noexcept;
    DatabaseLock(const DatabaseLock&) = delete;
    DatabaseLock& operator=(const DatabaseLock&) = delete;
    ~DatabaseLock();

    std::int64_t key() const { return key_; }
    bool held() const { return static_cast<bool>(unlock_); }

    /// Gives the lock up now. Never throws: a failure to unlock on PostgreSQL means the
    /// connection is gone, which drops the lock too.
    void release() noexcept;

private:
    friend class Database;
    DatabaseLock(std::int64_t key, std::function<void()> unlock);

    std::int64_t key_ = 0;
    std::function<void()> unlock_;
};

}  // namespace tessera::kernel
