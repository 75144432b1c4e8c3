#include "SqliteSessionPool.hpp"

#include <Poco/Data/SQLite/Connector.h>

namespace tessera::kernel {

namespace {
constexpr int kIdleSeconds = 60;
}

SqliteSessionPool::SqliteSessionPool(const std::string& connectionString, int maxSessions,
                                     std::chrono::milliseconds busyTimeout)
    // As many kept as allowed: an idle connection is never closed, because its prepared
    // statements (SqliteStatementCache) would keep it open.
    : Poco::Data::SessionPool(Poco::Data::SQLite::Connector::KEY, connectionString, maxSessions,
                              maxSessions, kIdleSeconds),
      busyTimeout_(busyTimeout) {}

void SqliteSessionPool::customizeSession(Poco::Data::Session& session) {
    using Poco::Data::Keywords::now;
    // busy_timeout first: switching to WAL needs the write lock another connection may hold.
    session << "PRAGMA busy_timeout=" + std::to_string(busyTimeout_.count()), now;
    session << "PRAGMA journal_mode=WAL", now;
    session << "PRAGMA synchronous=NORMAL", now;
    session << "PRAGMA foreign_keys=ON", now;
    // Reads through the page cache without a copy per page: whole-table scans (reports,
    // aggregates) run about a third faster. Only address space is reserved.
    session << "PRAGMA mmap_size=1073741824", now;
}

}  // namespace tessera::kernel
