#include "SqliteInsertSink.hpp"

#include <algorithm>

#include <sqlite3.h>

#include <Poco/Data/SQLite/Utility.h>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

namespace {
constexpr std::size_t kMaxRowsPerStatement = 100;
}

void SqliteInsertSink::StatementFinalizer::operator()(sqlite3_stmt* statement) const {
    sqlite3_finalize(statement);
}

SqliteInsertSink::SqliteInsertSink(Poco::Data::Session session, const std::string& table,
                                   const std::string& columnList, std::size_t columnCount)
    : session_(std::move(session)),
      handle_(Poco::Data::SQLite::Utility::dbHandle(session_)),
      insertPrefix_("INSERT INTO " + table + " (" + columnList + ") VALUES "),
      columnCount_(columnCount) {
    rowPlaceholders_ = "(";
    for (std::size_t i = 0; i < columnCount_; ++i) {
        rowPlaceholders_ += i == 0 ? "?" : ",?";
    }
    rowPlaceholders_ += ")";
    auto variableLimit =
        static_cast<std::size_t>(sqlite3_limit(handle_, SQLITE_LIMIT_VARIABLE_NUMBER, -1));
    rowsPerStatement_ =
        std::clamp<std::size_t>(variableLimit / columnCount_, 1, kMaxRowsPerStatement);

    execute("BEGIN IMMEDIATE", "BEGIN IMMEDIATE");
    open_ = true;
    singleRow_ = prepare(1);
    if (rowsPerStatement_ > 1) {
        multiRow_ = prepare(rowsPerStatement_);
    }
    pending_.reserve(rowsPerStatement_);
}

SqliteInsertSink::~SqliteInsertSink() {
    abort();
}

SqliteInsertSink::Statement SqliteInsertSink::prepare(std::size_t rows) {
    std::string sql = insertPrefix_;
    for (std::size_t i = 0; i < rows; ++i) {
        if (i > 0) {
            sql += ',';
        }
        sql += rowPlaceholders_;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &statement,
                           nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        failWith(std::string("checking the columns: ") + sqlite3_errmsg(handle_));
    }
    return Statement(statement);
}

void SqliteInsertSink::execute(const std::string& sql, const std::string& what) {
    char* error = nullptr;
    if (sqlite3_exec(handle_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = what + ": " + (error ? error : sqlite3_errmsg(handle_));
        sqlite3_free(error);
        failWith(message);
    }
}

int SqliteInsertSink::run(sqlite3_stmt* statement, std::size_t first, std::size_t rows) {
    sqlite3_reset(statement);
    int index = 1;
    for (std::size_t r = first; r < first + rows; ++r) {
        for (const auto& value : pending_[r]) {
            if (value) {
                sqlite3_bind_text(statement, index, value->data(), static_cast<int>(value->size()),
                                  SQLITE_STATIC);
            } else {
                sqlite3_bind_null(statement, index);
            }
            ++index;
        }
    }
    int result = sqlite3_step(statement);
    if (result != SQLITE_DONE) {
        lastError_ = sqlite3_errmsg(handle_);
    }
    sqlite3_reset(statement);
    return result;
}

void SqliteInsertSink::append(const Row& row, std::size_t rowNumber) {
    if (pending_.empty()) {
        firstPendingRow_ = rowNumber;
    }
    pending_.push_back(row);
    if (pending_.size() == rowsPerStatement_) {
        sqlite3_stmt* statement = multiRow_ ? multiRow_.get() : singleRow_.get();
        if (run(statement, 0, pending_.size()) != SQLITE_DONE) {
            blame(0, pending_.size());
        }
        written_ += pending_.size();
        pending_.clear();
    }
}

void SqliteInsertSink::flushRest() {
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (run(singleRow_.get(), i, 1) != SQLITE_DONE) {
            blame(i, 1);
        }
        ++written_;
    }
    pending_.clear();
}

std::size_t SqliteInsertSink::commit() {
    flushRest();
    execute("COMMIT", "COMMIT");
    open_ = false;
    return written_;
}

void SqliteInsertSink::abort() noexcept {
    if (!open_) {
        return;
    }
    open_ = false;
    sqlite3_exec(handle_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteInsertSink::blame(std::size_t first, std::size_t rows) {
    std::string groupError = lastError_;
    for (std::size_t i = first; i < first + rows; ++i) {
        if (run(singleRow_.get(), i, 1) != SQLITE_DONE) {
            failWith("row " + std::to_string(firstPendingRow_ + i) + ": " + lastError_);
        }
    }
    failWith("rows " + std::to_string(firstPendingRow_ + first) + " to " +
             std::to_string(firstPendingRow_ + first + rows - 1) + ": " + groupError);
}

void SqliteInsertSink::failWith(const std::string& message) {
    abort();
    throw StorageError(message);
}

}  // namespace tessera::kernel
