#include <tessera/kernel/storage/BulkInserter.hpp>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlIdentifier.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "BulkSink.hpp"
#include "PgCopySink.hpp"
#include "SqliteInsertSink.hpp"

namespace tessera::kernel {

BulkInserter::BulkInserter(Database& database, std::string table, std::vector<std::string> columns)
    : BulkInserter(database, std::move(table), std::move(columns), kDefaultBatchRows) {}

BulkInserter::BulkInserter(Database& database, std::string table, std::vector<std::string> columns,
                           std::size_t batchRows)
    : table_(std::move(table)), columns_(std::move(columns)) {
    std::string quotedTable = SqlIdentifier::quote(table_, "table");
    if (columns_.empty()) {
        throw StorageError("bulk insert into " + quotedTable + ": no columns given");
    }
    std::string columnList;
    for (const auto& column : columns_) {
        if (!columnList.empty()) {
            columnList += ", ";
        }
        columnList += SqlIdentifier::quote(column, "column");
    }
    try {
        if (database.backend() == Backend::Postgres) {
            sink_ =
                std::make_unique<PgCopySink>(database.url(), quotedTable, columnList, batchRows);
        } else {
            sink_ = std::make_unique<SqliteInsertSink>(database.session(), quotedTable, columnList,
                                                       columns_.size());
        }
    } catch (const StorageError& e) {
        throw StorageError("bulk insert into " + quotedTable + ": " + e.what());
    }
}

BulkInserter::~BulkInserter() {
    if (sink_) {
        sink_->abort();
    }
}

void BulkInserter::requireOpen() const {
    if (failed_) {
        throw StorageError("bulk insert into \"" + table_ +
                           "\": an earlier error rolled everything back; start a new one");
    }
    if (finished_) {
        throw StorageError("bulk insert into \"" + table_ + "\": already finished");
    }
}

void BulkInserter::fail(const std::string& message) {
    failed_ = true;
    if (sink_) {
        sink_->abort();
        sink_.reset();
    }
    throw StorageError("bulk insert into \"" + table_ + "\": " + message + "; nothing was written");
}

void BulkInserter::add(const Row& row) {
    requireOpen();
    const std::size_t rowNumber = rowsAdded_ + 1;
    if (row.size() != columns_.size()) {
        fail("row " + std::to_string(rowNumber) + " has " + std::to_string(row.size()) +
             " values for " + std::to_string(columns_.size()) + " columns");
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] && row[i]->find('\0') != std::string::npos) {
            fail("row " + std::to_string(rowNumber) + ", column \"" + columns_[i] +
                 "\": text contains a NUL byte");
        }
    }
    try {
        sink_->append(row, rowNumber);
    } catch (const StorageError& e) {
        fail(e.what());
    }
    rowsAdded_ = rowNumber;
}

std::size_t BulkInserter::finish() {
    requireOpen();
    std::size_t written = 0;
    try {
        written = sink_->commit();
    } catch (const StorageError& e) {
        fail(e.what());
    }
    finished_ = true;
    sink_.reset();
    return written;
}

}  // namespace tessera::kernel
