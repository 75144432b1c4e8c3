#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tessera/kernel/storage/Backend.hpp>

namespace tessera::kernel {

/// A parsed `db.url` setting: which backend, and how to reach it.
///
/// Accepted forms:
/// - `sqlite:PATH` with a relative (to the working directory) or absolute path, or
///   `sqlite::memory:` for a private in-memory database;
/// - `postgresql://[user[:password]@][host][:port]/dbname[?key=value&...]` (also `postgres://`),
///   percent-decoded; `host` may be a unix socket directory (`?host=/run/postgresql` or
///   `%2Frun%2Fpostgresql` in the host part). Query keys are libpq's: host, hostaddr, port, dbname,
///   user, password, sslmode, sslrootcert, sslcert, sslkey, connect_timeout, application_name,
///   target_session_attrs.
///
/// A value that Poco's PostgreSQL connector cannot carry (one containing a space) is refused at
/// parse time rather than failing at connect time. An immutable value type; safe to share.
class DatabaseUrl {
public:
    /// Throws StorageError naming `db.url`, the value with its password masked, what is wrong and
    /// the expected form.
    static DatabaseUrl parse(std::string_view text);

    /// `text` with any password (in the user info or a `password=` parameter) replaced by `***`,
    /// for messages and logs. Works on unparseable text too.
    static std::string mask(std::string_view text);

    Backend backend() const { return backend_; }

    /// SQLite only: whether this is `sqlite::memory:`.
    bool isInMemory() const { return inMemory_; }
    /// SQLite only: the database file as written in the URL (empty for memory).
    const std::filesystem::path& sqlitePath() const { return sqlitePath_; }

    /// PostgreSQL only: a libpq connection parameter after decoding (`host`, `port`, `user`,
    /// `password`, `dbname`, ...), or nullopt when the URL does not set it.
    std::optional<std::string> parameter(std::string_view key) const;

    /// The Poco::Data connector key: "sqlite" or "postgresql".
    std::string connectorName() const;
    /// What the Poco connector expects: the file path (or `:memory:`) for SQLite, a libpq
    /// `key=value` list for PostgreSQL (with client_encoding=UTF8 and a connect timeout added).
    std::string connectionString() const;
    /// PostgreSQL only: a libpq conninfo string (`key='value' ...`) for PQconnectdb, used where
    /// the kernel talks to libpq directly (COPY).
    std::string libpqConninfo() const;

    /// The URL as given, password masked.
    std::string masked() const { return mask(text_); }

private:
    DatabaseUrl() = default;

    std::string text_;
    Backend backend_ = Backend::Sqlite;
    bool inMemory_ = false;
    std::filesystem::path sqlitePath_;
    std::vector<std::pair<std::string, std::string>> parameters_;
};

}  // namespace tessera::kernel
