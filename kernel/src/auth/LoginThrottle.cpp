#include <tessera/kernel/auth/LoginThrottle.hpp>

#include <algorithm>
#include <cctype>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel {

namespace {

std::string normalised(const std::string& login) {
    std::string out = login.substr(0, 200);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Seconds until the failure that makes the count reach `limit` leaves the window.
std::optional<std::int64_t> waitFor(const SqlRows& rows, int limit, std::int64_t now) {
    if (static_cast<int>(rows.size()) < limit) {
        return std::nullopt;
    }
    // Rows are newest first: once the limit-th newest leaves the window, one more try is allowed.
    std::int64_t at = asInt(rows.rows[static_cast<std::size_t>(limit - 1)][0]);
    return std::max<std::int64_t>(1, at + LoginThrottle::kWindowSeconds - now);
}

}  // namespace

std::optional<std::int64_t> LoginThrottle::retryAfter(const std::string& login,
                                                      const std::string& address) {
    std::int64_t now = unixNow();
    std::int64_t since = now - kWindowSeconds;
    Poco::Data::Session s = db_.session();
    SqlRows byLogin = Sql::query(db_, s,
                                 "SELECT failed_at FROM tessera_login_failures WHERE login = $1 "
                                 "AND failed_at > $2 ORDER BY failed_at DESC LIMIT 100",
                                 {normalised(login), since});
    SqlRows byAddress = Sql::query(db_, s,
                                   "SELECT failed_at FROM tessera_login_failures WHERE address = "
                                   "$1 AND failed_at > $2 ORDER BY failed_at DESC LIMIT 100",
                                   {address, since});
    auto a = waitFor(byLogin, kMaxFailures, now);
    auto b = waitFor(byAddress, kMaxFailuresPerAddress, now);
    if (a && b) {
        return std::max(*a, *b);
    }
    return a ? a : b;
}

void LoginThrottle::recordFailure(const std::string& login, const std::string& address) {
    std::int64_t now = unixNow();
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "DELETE FROM tessera_login_failures WHERE failed_at <= $1",
                 {now - kWindowSeconds});
    Sql::execute(db_, s,
                 "INSERT INTO tessera_login_failures (login, address, failed_at) VALUES ($1, $2, "
                 "$3)",
                 {normalised(login), address, now});
}

void LoginThrottle::clear(const std::string& login) {
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s, "DELETE FROM tessera_login_failures WHERE login = $1",
                 {normalised(login)});
}

}  // namespace tessera::kernel
