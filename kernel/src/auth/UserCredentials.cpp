#include <tessera/kernel/auth/UserCredentials.hpp>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/Totp.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

namespace {

/// Nodes starting at once would race on CREATE TABLE IF NOT EXISTS in PostgreSQL's catalog.
constexpr std::int64_t kAuthTablesLock = 0x7465737361757401;  // "tessaut" + 1

}  // namespace

void UserCredentials::ensureTables() {
    Poco::Data::Session s = db_.session();
    auto lock = db_.advisoryLock(s, kAuthTablesLock);
    for (const char* statement : {
             "CREATE TABLE IF NOT EXISTS tessera_sessions (id_hash TEXT PRIMARY KEY, user_id "
             "BIGINT NOT NULL, created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL, expires_at "
             "BIGINT NOT NULL, csrf_token TEXT NOT NULL)",
             "CREATE INDEX IF NOT EXISTS tessera_sessions_user ON tessera_sessions (user_id)",
             "CREATE TABLE IF NOT EXISTS tessera_login_failures (login TEXT NOT NULL, address "
             "TEXT NOT NULL, failed_at BIGINT NOT NULL)",
             "CREATE INDEX IF NOT EXISTS tessera_login_failures_login ON tessera_login_failures "
             "(login, failed_at)",
             "CREATE INDEX IF NOT EXISTS tessera_login_failures_address ON "
             "tessera_login_failures (address, failed_at)",
             "CREATE TABLE IF NOT EXISTS tessera_api_tokens (id TEXT PRIMARY KEY, user_id BIGINT "
             "NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at BIGINT "
             "NOT NULL, last_used_at BIGINT NOT NULL, revoked_at BIGINT)",
             "CREATE TABLE IF NOT EXISTS tessera_user_totp (user_id BIGINT PRIMARY KEY, secret "
             "TEXT NOT NULL, enabled INTEGER NOT NULL)",
             "CREATE TABLE IF NOT EXISTS tessera_totp_used (user_id BIGINT PRIMARY KEY, step "
             "BIGINT NOT NULL)",
             "CREATE TABLE IF NOT EXISTS tessera_user_settings (user_id BIGINT NOT NULL, name "
             "TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (user_id, name))",
         }) {
        Sql::execute(db_, s, statement);
    }
}

std::optional<UserCredentials::Login> UserCredentials::byLogin(const std::string& login) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT id, password_hash, active FROM tessera_users WHERE login = $1",
                              {login});
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& row = rows.rows[0];
    return Login{asInt(row[0]), asString(row[1]), asBool(row[2])};
}

void UserCredentials::setPasswordHash(std::int64_t userId, const std::string& hash) {
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "UPDATE tessera_users SET password_hash = $1 WHERE id = $2",
                 {hash, userId});
}

std::optional<UserCredentials::TotpState> UserCredentials::totp(std::int64_t userId) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT secret, enabled FROM tessera_user_totp WHERE user_id = $1",
                              {userId});
    if (rows.empty()) {
        return std::nullopt;
    }
    return TotpState{asString(rows.rows[0][0]), asInt(rows.rows[0][1]) != 0};
}

void UserCredentials::setTotp(std::int64_t userId, const std::string& secret, bool enabled) {
    db_.withTransaction([&](Poco::Data::Session& s) {
        Sql::execute(db_, s, "DELETE FROM tessera_user_totp WHERE user_id = $1", {userId});
        Sql::execute(db_, s,
                     "INSERT INTO tessera_user_totp (user_id, secret, enabled) VALUES ($1, $2, $3)",
                     {userId, secret, std::int64_t{enabled ? 1 : 0}});
    });
}

void UserCredentials::removeTotp(std::int64_t userId) {
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "DELETE FROM tessera_user_totp WHERE user_id = $1", {userId});
}

std::vector<UserCredentials::UserRow> UserCredentials::users() {
    return select("");
}

std::optional<UserCredentials::UserRow> UserCredentials::user(std::int64_t userId) {
    auto rows = select(" WHERE u.id = $1", {userId});
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows.front();
}

std::vector<UserCredentials::UserRow> UserCredentials::select(const std::string& where,
                                                               const std::vector<SqlValue>& params) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT u.id, u.login, u.display_name, u.email, u.active, "
                              "u.password_hash, r.name FROM tessera_users u LEFT JOIN "
                              "tessera_user_roles ur ON ur.user_id = u.id LEFT JOIN tessera_roles r "
                              "ON r.id = ur.role_id" +
                                  where + " ORDER BY u.login, r.name",
                              params);
    std::vector<UserRow> out;
    for (const auto& row : rows.rows) {
        std::int64_t id = asInt(row[0]);
        if (out.empty() || out.back().id != id) {
            out.push_back(UserRow{id, asString(row[1]), asString(row[2]), asString(row[3]),
                                  asBool(row[4]), !isNull(row[5]) && !asString(row[5]).empty(),
                                  {}});
        }
        if (!isNull(row[6])) {
            out.back().roles.push_back(asString(row[6]));
        }
    }
    return out;
}

bool UserCredentials::acceptTotp(std::int64_t userId, const std::string& secret,
                                 const std::string& code) {
    auto step = Totp::matchingStep(secret, code, unixNow());
    if (!step) {
        return false;
    }
    Poco::Data::Session s = db_.session();
    // One statement, so two requests racing with the same code cannot both be accepted.
    return Sql::execute(db_, s,
                        "INSERT INTO tessera_totp_used (user_id, step) VALUES ($1, $2) "
                        "ON CONFLICT (user_id) DO UPDATE SET step = excluded.step "
                        "WHERE tessera_totp_used.step < excluded.step",
                        {userId, *step}) == 1;
}

std::string UserCredentials::setting(std::int64_t userId, const std::string& name) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT value FROM tessera_user_settings WHERE user_id = $1 AND "
                              "name = $2",
                              {userId, name});
    return rows.empty() ? std::string{} : asString(rows.rows[0][0]);
}

void UserCredentials::setSetting(std::int64_t userId, const std::string& name,
                                 const std::string& value) {
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s,
                 "INSERT INTO tessera_user_settings (user_id, name, value) VALUES ($1, $2, $3) "
                 "ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value",
                 {userId, name, value});
}

}  // namespace tessera::kernel
