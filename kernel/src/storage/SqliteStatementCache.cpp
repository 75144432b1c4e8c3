#include "SqliteStatementCache.hpp"

#include <cctype>

#include <sqlite3.h>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

namespace {

/// Statements kept per connection; beyond this the connection's cache starts over, which only
/// happens when statements are built with values in their text (none should be).
constexpr std::size_t kMaxStatements = 512;

/// Resets a statement whatever happens, so it holds no read transaction and no bound text.
class ResetGuard {
public:
    explicit ResetGuard(sqlite3_stmt* statement) : statement_(statement) {}
    ~ResetGuard() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    ResetGuard(const ResetGuard&) = delete;
    ResetGuard& operator=(const ResetGuard&) = delete;

private:
    sqlite3_stmt* statement_;
};

SqlValue column(sqlite3_stmt* statement, int index) {
    switch (sqlite3_column_type(statement, index)) {
        case SQLITE_INTEGER:
            return static_cast<std::int64_t>(sqlite3_column_int64(statement, index));
        case SQLITE_FLOAT:
            return sqlite3_column_double(statement, index);
        case SQLITE_NULL:
            return std::monostate{};
        case SQLITE_BLOB: {
            const void* data = sqlite3_column_blob(statement, index);
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, index));
            return data ? std::string(static_cast<const char*>(data), size) : std::string();
        }
        default: {
            const unsigned char* text = sqlite3_column_text(statement, index);
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, index));
            return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
        }
    }
}

[[noreturn]] void fail(sqlite3* db) {
    throw StorageError(std::string("the database refused a statement: ") + sqlite3_errmsg(db));
}

}  // namespace

SqliteStatementCache::~SqliteStatementCache() {
    clear();
}

void SqliteStatementCache::clear() {
    std::lock_guard lock(mutex_);
    for (auto& [db, statements] : connections_) {
        for (auto& [sql, statement] : *statements) {
            sqlite3_finalize(statement);
        }
    }
    connections_.clear();
}

SqliteStatementCache::Statements& SqliteStatementCache::statementsOf(sqlite3* db) {
    std::lock_guard lock(mutex_);
    auto& statements = connections_[db];
    if (!statements) {
        statements = std::make_unique<Statements>();
    }
    return *statements;
}

sqlite3_stmt* SqliteStatementCache::find(sqlite3* db, std::string_view sql) {
    Statements& statements = statementsOf(db);
    // Heterogeneous lookup needs C++20 library support GCC 12 lacks for unordered_map.
    auto it = statements.find(std::string(sql));
    return it == statements.end() ? nullptr : it->second;
}

sqlite3_stmt* SqliteStatementCache::prepare(sqlite3* db, std::string_view sql,
                                            const std::string& text) {
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db, text.c_str(), static_cast<int>(text.size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        fail(db);
    }
    bool more = false;
    for (const char* c = tail; c && *c; ++c) {
        if (!std::isspace(static_cast<unsigned char>(*c)) && *c != ';') {
            more = true;
            break;
        }
    }
    if (!statement || more) {
        // Empty text or several statements: left to Poco, which runs them all.
        sqlite3_finalize(statement);
        return nullptr;
    }
    Statements& statements = statementsOf(db);
    if (statements.size() >= kMaxStatements) {
        for (auto& [key, old] : statements) {
            sqlite3_finalize(old);
        }
        statements.clear();
    }
    statements.emplace(std::string(sql), statement);
    return statement;
}

SqliteStatementCache::Outcome SqliteStatementCache::execute(sqlite3* db, sqlite3_stmt* statement,
                                                            const std::vector<SqlValue>& params,
                                                            SqlRows* rows) {
    if (static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) != params.size()) {
        return {};
    }
    ResetGuard guard(statement);
    int index = 1;
    for (const auto& param : params) {
        int rc = std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    return sqlite3_bind_null(statement, index);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    return sqlite3_bind_int64(statement, index, v);
                } else if constexpr (std::is_same_v<T, double>) {
                    return sqlite3_bind_double(statement, index, v);
                } else if constexpr (std::is_same_v<T, bool>) {
                    return sqlite3_bind_int(statement, index, v ? 1 : 0);
                } else {
                    // The guard clears the bindings before `params` can go away.
                    return sqlite3_bind_text64(statement, index, v.data(), v.size(), SQLITE_STATIC,
                                               SQLITE_UTF8);
                }
            },
            param);
        if (rc != SQLITE_OK) {
            fail(db);
        }
        ++index;
    }
    int columns = sqlite3_column_count(statement);
    if (rows) {
        rows->columns.clear();
        rows->columns.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            const char* name = sqlite3_column_name(statement, c);
            rows->columns.emplace_back(name ? name : "");
        }
    }
    for (;;) {
        int rc = sqlite3_step(statement);
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc != SQLITE_ROW) {
            fail(db);
        }
        if (rows) {
            std::vector<SqlValue> row;
            row.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                row.push_back(column(statement, c));
            }
            rows->rows.push_back(std::move(row));
        }
    }
    Outcome outcome{true, 0};
    if (!sqlite3_stmt_readonly(statement)) {
        outcome.changed = static_cast<std::size_t>(sqlite3_changes(db));
    }
    return outcome;
}

}  // namespace tessera::kernel
