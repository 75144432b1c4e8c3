#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tessera::kernel {

class Database;
class BulkSink;

/// Fast loading of many rows into one table, for imports, restores and demo data.
///
/// Values are text (nullopt is NULL); the database converts them to the column types, so an
/// integer column takes "42". PostgreSQL streams `COPY table (columns) FROM STDIN` on a libpq
/// connection of its own; SQLite runs prepared multi-row INSERTs on a pooled session. Either way
/// every row of one BulkInserter goes into a single transaction that finish() commits: on any
/// error nothing is committed. SQLite only rejects a value its column cannot hold when the table
/// is STRICT (or has a CHECK); other SQLite tables store it as given.
///
/// Errors are StorageError naming the table, the 1-based row number (counting add() calls) and
/// the cause; after one, the inserter is spent. While it lives, a SQLite inserter holds the
/// database's write lock. Not thread-safe; use one per thread.
class BulkInserter {
public:
    using Row = std::vector<std::optional<std::string>>;

    /// Rows sent to the database per round trip (COPY statement or group of INSERTs).
    static constexpr std::size_t kDefaultBatchRows = 10000;

    /// Validates the names (see SqlIdentifier), connects and begins the transaction. Throws
    /// StorageError for a bad name, an unknown table or column, or an unreachable database.
    BulkInserter(Database& database, std::string table, std::vector<std::string> columns);
    BulkInserter(Database& database, std::string table, std::vector<std::string> columns,
                 std::size_t batchRows);
    /// Rolls back whatever finish() did not commit.
    ~BulkInserter();
    BulkInserter(const BulkInserter&) = delete;
    BulkInserter& operator=(const BulkInserter&) = delete;

    /// Queues one row (one value per column, in the constructor's order). A wrong number of
    /// values or a NUL byte in a value is an error at once; a value the database refuses is
    /// reported when its batch is sent, here or in finish().
    void add(const Row& row);

    /// Sends what is queued and commits. Returns the number of rows written.
    std::size_t finish();

    /// Rows accepted by add() so far.
    std::size_t rowsAdded() const { return rowsAdded_; }

private:
    [[noreturn]] void fail(const std::string& message);
    void requireOpen() const;

    std::string table_;
    std::vector<std::string> columns_;
    std::unique_ptr<BulkSink> sink_;
    std::size_t rowsAdded_ = 0;
    bool finished_ = false;
    bool failed_ = false;
};

}  // namespace tessera::kernel
