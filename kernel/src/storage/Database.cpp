#include <tessera/kernel/storage/Database.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>

#include <tessera/kernel/storage/StorageError.hpp>

#include "PostgresSessionPool.hpp"
#include "SqliteLockTable.hpp"
#include "SqliteSessionPool.hpp"
#include "SqliteStatementCache.hpp"

namespace tessera::kernel {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

std::filesystem::path lockFileFor(const std::filesystem::path& database) {
    auto file = database;
    file += ".lock";
    return file;
}

bool isIdentifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

void Database::registerConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

Database::Database(DatabaseUrl url) : Database(std::move(url), Options{}) {}

Database::Database(DatabaseUrl url, Options options) : url_(std::move(url)), options_(options) {
    registerConnectors();
    int size = std::max(1, options_.poolSize);
    if (url_.backend() == Backend::Sqlite) {
        std::optional<std::filesystem::path> lockFile;
        if (url_.isInMemory()) {
            size = 1;
        } else {
            auto folder = url_.sqlitePath().parent_path();
            std::error_code error;
            if (!folder.empty()) {
                std::filesystem::create_directories(folder, error);
            }
            if (error) {
                throw StorageError("db.url: cannot create the folder " + folder.string() +
                                   " for the SQLite database: " + error.message());
            }
            lockFile = lockFileFor(url_.sqlitePath());
        }
        pool_ = std::make_unique<SqliteSessionPool>(url_.connectionString(), size,
                                                    options_.sqliteBusyTimeout);
        sqliteLocks_ = std::make_shared<SqliteLockTable>(std::move(lockFile));
        sqliteStatements_ = std::make_unique<SqliteStatementCache>();
    } else {
        pool_ = std::make_unique<PostgresSessionPool>(url_.connectionString(), size);
    }
    options_.poolSize = size;
}

Database::~Database() {
    try {
        // Before the connections close: one with statements left would stay open.
        if (sqliteStatements_) {
            sqliteStatements_->clear();
        }
        pool_->shutdown();
    } catch (...) {
        // Closing connections at exit; nothing useful to do with a failure.
    }
}

Poco::Data::Session Database::session() {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + options_.sessionWait;
    auto pause = std::chrono::milliseconds(1);
    for (;;) {
        try {
            return pool_->get();
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            // Poco's pool does not wait; poll with a growing pause until the deadline.
            auto left = deadline - Clock::now();
            if (left <= Clock::duration::zero()) {
                throw StorageError("all " + std::to_string(options_.poolSize) +
                                   " database sessions of " + url_.masked() +
                                   " stayed in use for " +
                                   std::to_string(options_.sessionWait.count()) +
                                   " ms; release sessions sooner or enlarge the pool");
            }
            std::this_thread::sleep_for(std::min<Clock::duration>(pause, left));
            pause = std::min(pause * 2, std::chrono::milliseconds(50));
        } catch (const Poco::Exception& e) {
            throw StorageError("cannot open a session on " + url_.masked() + ": " +
                               e.displayText());
        }
    }
}

std::string Database::sql(std::string_view statement) const {
    if (backend() != Backend::Sqlite) {
        return std::string(statement);
    }
    std::string out;
    out.reserve(statement.size());
    const std::size_t n = statement.size();
    for (std::size_t i = 0; i < n;) {
        char c = statement[i];
        if (c == '\'' || c == '"') {
            auto close = statement.find(c, i + 1);
            auto end = close == std::string_view::npos ? n : close + 1;
            out.append(statement.substr(i, end - i));
            i = end;
        } else if (c == '-' && i + 1 < n && statement[i + 1] == '-') {
            auto eol = statement.find('\n', i);
            auto end = eol == std::string_view::npos ? n : eol;
            out.append(statement.substr(i, end - i));
            i = end;
        } else if (c == '/' && i + 1 < n && statement[i + 1] == '*') {
            auto close = statement.find("*/", i + 2);
            auto end = close == std::string_view::npos ? n : close + 2;
            out.append(statement.substr(i, end - i));
            i = end;
        } else if (c == '$' && i + 1 < n &&
                   std::isdigit(static_cast<unsigned char>(statement[i + 1])) &&
                   (i == 0 || !isIdentifierChar(statement[i - 1]))) {
            out += '?';
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

void Database::begin(Poco::Data::Session& s) {
    try {
        if (backend() == Backend::Sqlite) {
            s << "BEGIN IMMEDIATE", now;
        } else {
            s.begin();
        }
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot begin a transaction on " + url_.masked() + ": " +
                           e.displayText());
    }
}

void Database::commit(Poco::Data::Session& s) {
    try {
        if (backend() == Backend::Sqlite) {
            s << "COMMIT", now;
        } else {
            s.commit();
        }
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot commit on " + url_.masked() + ": " + e.displayText());
    }
}

void Database::rollbackQuietly(Poco::Data::Session& s) noexcept {
    try {
        if (backend() == Backend::Sqlite) {
            s << "ROLLBACK", now;
        } else {
            s.rollback();
        }
    } catch (...) {
        // The transaction is already gone (failed commit, lost connection).
    }
}

DatabaseLock Database::advisoryLock(Poco::Data::Session& session, std::int64_t key) {
    if (backend() == Backend::Sqlite) {
        sqliteLocks_->lock(key);
        return DatabaseLock(key, [locks = sqliteLocks_, key] { locks->unlock(key); });
    }
    try {
        Poco::Int64 value = key;
        session << "SELECT pg_advisory_lock($1)", use(value), now;
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot take database lock " + std::to_string(key) + ": " +
                           e.displayText());
    }
    return DatabaseLock(key, [held = session, key]() mutable {
        Poco::Int64 value = key;
        bool released = false;
        held << "SELECT pg_advisory_unlock($1)", use(value), into(released), now;
    });
}

std::optional<DatabaseLock> Database::tryAdvisoryLock(Poco::Data::Session& session,
                                                      std::int64_t key) {
    if (backend() == Backend::Sqlite) {
        if (!sqliteLocks_->tryLock(key)) {
            return std::nullopt;
        }
        return DatabaseLock(key, [locks = sqliteLocks_, key] { locks->unlock(key); });
    }
    bool acquired = false;
    try {
        Poco::Int64 value = key;
        session << "SELECT pg_try_advisory_lock($1)", use(value), into(acquired), now;
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot take database lock " + std::to_string(key) + ": " +
                           e.displayText());
    }
    if (!acquired) {
        return std::nullopt;
    }
    return DatabaseLock(key, [held = session, key]() mutable {
        Poco::Int64 value = key;
        bool released = false;
        held << "SELECT pg_advisory_unlock($1)", use(value), into(released), now;
    });
}

}  // namespace tessera::kernel
