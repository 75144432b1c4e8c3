#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tessera/kernel/storage/SqlValue.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::kernel {

/// Prepared statements kept per SQLite connection, so a statement that runs on every request
/// (a session lookup, a list page's query) is compiled once per connection instead of once per
/// call, and its rows are read straight from SQLite instead of through Poco's RecordSet.
///
/// Owned by the Database, whose SQLite pool never closes idle connections (a connection with
/// statements left would stay open as a zombie); clear() finalizes everything and runs before
/// the pool closes. Thread-safe: each connection's statements are used only by the thread that
/// holds its session, the map of connections is guarded. Private to kernel/src/storage.
class SqliteStatementCache {
public:
    /// What run() did: `handled` is false when the text holds more than one statement or the
    /// parameters do not match, and the caller must take the general path.
    struct Outcome {
        bool handled = false;
        std::size_t changed = 0;
    };

    SqliteStatementCache() = default;
    ~SqliteStatementCache();
    SqliteStatementCache(const SqliteStatementCache&) = delete;
    SqliteStatementCache& operator=(const SqliteStatementCache&) = delete;

    /// Runs `sql` (the caller's text, the cache key) as `prepared` (its SQLite form, computed only
    /// on a miss) on `db` with `params`; rows go to `rows` when it is not null. Throws
    /// StorageError with SQLite's message when the statement fails.
    template <class Prepare>
    Outcome run(sqlite3* db, std::string_view sql, Prepare&& prepared,
                const std::vector<SqlValue>& params, SqlRows* rows) {
        sqlite3_stmt* statement = find(db, sql);
        if (!statement) {
            statement = prepare(db, sql, prepared());
            if (!statement) {
                return {};
            }
        }
        return execute(db, statement, params, rows);
    }

    /// Finalizes every statement of every connection.
    void clear();

private:
    using Statements = std::unordered_map<std::string, sqlite3_stmt*>;

    sqlite3_stmt* find(sqlite3* db, std::string_view sql);
    sqlite3_stmt* prepare(sqlite3* db, std::string_view sql, const std::string& text);
    Outcome execute(sqlite3* db, sqlite3_stmt* statement, const std::vector<SqlValue>& params,
                    SqlRows* rows);
    Statements& statementsOf(sqlite3* db);

    std::mutex mutex_;
    std::unordered_map<sqlite3*, std::unique_ptr<Statements>> connections_;
};

}  // namespace tessera::kernel
