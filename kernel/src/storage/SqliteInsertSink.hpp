#pragma once

#include <memory>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "BulkSink.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::kernel {

/// SQLite bulk path: one pooled session, BEGIN IMMEDIATE, and prepared INSERTs of many rows each
/// (as many as fit SQLite's bound-variable limit, at most 100). When a multi-row INSERT fails, its
/// rows are retried one at a time to find the row to blame. Private to kernel/src/storage.
class SqliteInsertSink : public BulkSink {
public:
    /// `table` and `columnList` arrive quoted. Begins the transaction and prepares the
    /// statements, which checks that the table and columns exist.
    SqliteInsertSink(Poco::Data::Session session, const std::string& table,
                     const std::string& columnList, std::size_t columnCount);
    ~SqliteInsertSink() override;

    void append(const Row& row, std::size_t rowNumber) override;
    std::size_t commit() override;
    void abort() noexcept override;

private:
    struct StatementFinalizer {
        void operator()(sqlite3_stmt* statement) const;
    };
    using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

    Statement prepare(std::size_t rows);
    void execute(const std::string& sql, const std::string& what);
    /// Binds `rows` starting at pending_[first] and steps; returns the SQLite result code.
    int run(sqlite3_stmt* statement, std::size_t first, std::size_t rows);
    void flushRest();
    [[noreturn]] void blame(std::size_t first, std::size_t rows);
    [[noreturn]] void failWith(const std::string& message);

    Poco::Data::Session session_;
    sqlite3* handle_ = nullptr;
    std::string insertPrefix_;
    std::string rowPlaceholders_;
    std::size_t columnCount_;
    std::size_t rowsPerStatement_ = 1;
    Statement multiRow_;
    Statement singleRow_;
    std::vector<Row> pending_;
    std::size_t firstPendingRow_ = 1;
    std::size_t written_ = 0;
    std::string lastError_;
    bool open_ = false;
};

}  // namespace tessera::kernel
