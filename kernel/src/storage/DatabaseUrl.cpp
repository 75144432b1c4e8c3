#include <tessera/kernel/storage/DatabaseUrl.hpp>

#include <algorithm>
#include <array>
#include <charconv>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

namespace {

constexpr std::string_view kExpected =
    "expected sqlite:PATH (e.g. sqlite:var/tessera.db, sqlite:/srv/tessera.db, sqlite::memory:) "
    "or postgresql://[user[:password]@]host[:port]/dbname[?host=/socket/dir]";

constexpr std::array<std::string_view, 13> kQueryKeys = {"host",
                                                         "hostaddr",
                                                         "port",
                                                         "dbname",
                                                         "user",
                                                         "password",
                                                         "sslmode",
                                                         "sslrootcert",
                                                         "sslcert",
                                                         "sslkey",
                                                         "connect_timeout",
                                                         "application_name",
                                                         "target_session_attrs"};

/// libpq parameters in the order they are written out; anything else follows.
constexpr std::array<std::string_view, 5> kLeadingKeys = {"host", "port", "dbname", "user",
                                                          "password"};

[[noreturn]] void fail(std::string_view text, const std::string& reason) {
    throw StorageError("db.url: " + reason + " in \"" + DatabaseUrl::mask(text) + "\"; " +
                       std::string(kExpected));
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percentDecode(std::string_view text, std::string_view part, std::string_view whole) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        int high = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
        int low = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
        if (high < 0 || low < 0) {
            fail(whole, "bad percent escape in the " + std::string(part) +
                            " (write %XX with two hex digits, e.g. %40 for @)");
        }
        char decoded = static_cast<char>(high * 16 + low);
        if (decoded == '\0') {
            fail(whole, "%00 in the " + std::string(part));
        }
        out += decoded;
        i += 2;
    }
    return out;
}

void setParameter(std::vector<std::pair<std::string, std::string>>& parameters,
                  std::string_view key, std::string value) {
    auto it = std::find_if(parameters.begin(), parameters.end(),
                           [&](const auto& p) { return p.first == key; });
    if (it != parameters.end()) {
        it->second = std::move(value);
    } else {
        parameters.emplace_back(std::string(key), std::move(value));
    }
}

void checkPort(std::string_view port, std::string_view whole) {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 1 ||
        value > 65535) {
        fail(whole, "port \"" + std::string(port) + "\" is not a number from 1 to 65535");
    }
}

/// Escapes a value for libpq's unquoted `key=value` syntax, the only one Poco's connector
/// passes through (it splits on spaces before libpq sees the string).
std::string unquotedValue(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

std::string quotedValue(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string DatabaseUrl::mask(std::string_view text) {
    std::string out(text);
    auto scheme = out.find("://");
    if (scheme == std::string::npos) {
        return out;
    }
    auto query = out.find('?', scheme + 3);
    auto at = out.rfind('@', query == std::string::npos ? std::string::npos : query);
    if (at != std::string::npos && at > scheme) {
        auto colon = out.find(':', scheme + 3);
        if (colon < at) {
            out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    query = out.find('?', scheme + 3);
    if (query == std::string::npos) {
        return out;
    }
    for (std::size_t pos = query; pos != std::string::npos && pos < out.size();) {
        std::size_t start = pos + 1;
        std::size_t end = out.find('&', start);
        std::string_view pair(out.data() + start,
                              (end == std::string::npos ? out.size() : end) - start);
        if (pair.rfind("password=", 0) == 0) {
            std::size_t valueStart = start + 9;
            out.replace(valueStart, pair.size() - 9, "***");
            end = out.find('&', valueStart);
        }
        pos = end;
    }
    return out;
}

DatabaseUrl DatabaseUrl::parse(std::string_view text) {
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && isSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isSpace(text.back())) {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        fail(text, "the value is empty");
    }

    DatabaseUrl url;
    url.text_ = std::string(text);

    if (text.rfind("sqlite:", 0) == 0) {
        std::string_view path = text.substr(7);
        url.backend_ = Backend::Sqlite;
        if (path.empty()) {
            fail(text, "the path after sqlite: is empty");
        }
        if (path.rfind("//", 0) == 0) {
            fail(text, "sqlite: takes a path, not //host (write sqlite:/absolute/path)");
        }
        if (path == ":memory:") {
            url.inMemory_ = true;
        } else {
            url.sqlitePath_ = std::filesystem::path(std::string(path));
        }
        return url;
    }

    std::string_view rest;
    if (text.rfind("postgresql://", 0) == 0) {
        rest = text.substr(13);
    } else if (text.rfind("postgres://", 0) == 0) {
        rest = text.substr(11);
    } else {
        auto colon = text.find(':');
        fail(text, colon == std::string_view::npos
                       ? std::string("no scheme")
                       : "unknown scheme \"" + std::string(text.substr(0, colon)) + "\"");
    }
    url.backend_ = Backend::Postgres;
    auto& parameters = url.parameters_;

    std::string_view query;
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }

    std::string_view hostAndPath = rest;
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        std::string_view userInfo = rest.substr(0, at);
        hostAndPath = rest.substr(at + 1);
        auto colon = userInfo.find(':');
        std::string user = percentDecode(userInfo.substr(0, colon), "user name", text);
        if (user.empty()) {
            fail(text, "the user name before @ is empty");
        }
        setParameter(parameters, "user", std::move(user));
        if (colon != std::string_view::npos) {
            setParameter(parameters, "password",
                         percentDecode(userInfo.substr(colon + 1), "password", text));
        }
    }

    std::string_view hostPort = hostAndPath;
    std::string_view database;
    bool hasPath = false;
    if (auto slash = hostAndPath.find('/'); slash != std::string_view::npos) {
        hostPort = hostAndPath.substr(0, slash);
        database = hostAndPath.substr(slash + 1);
        hasPath = true;
    }

    std::string_view host = hostPort;
    std::string_view port;
    if (!hostPort.empty() && hostPort.front() == '[') {
        auto close = hostPort.find(']');
        if (close == std::string_view::npos) {
            fail(text, "an IPv6 address is missing its closing ]");
        }
        host = hostPort.substr(1, close - 1);
        std::string_view after = hostPort.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                fail(text, "unexpected text after the IPv6 address");
            }
            port = after.substr(1);
            checkPort(port, text);
        }
    } else if (auto colon = hostPort.rfind(':'); colon != std::string_view::npos) {
        host = hostPort.substr(0, colon);
        port = hostPort.substr(colon + 1);
        checkPort(port, text);
    }
    if (!host.empty()) {
        setParameter(parameters, "host", percentDecode(host, "host", text));
    }
    if (!port.empty()) {
        setParameter(parameters, "port", std::string(port));
    }
    if (hasPath && !database.empty()) {
        std::string name = percentDecode(database, "database name", text);
        if (name.find('/') != std::string::npos) {
            fail(text, "the database name contains /");
        }
        setParameter(parameters, "dbname", std::move(name));
    }

    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        auto eq = pair.find('=');
        if (eq == std::string_view::npos) {
            fail(text, "query parameter \"" + std::string(pair) + "\" has no =value");
        }
        std::string_view key = pair.substr(0, eq);
        if (std::find(kQueryKeys.begin(), kQueryKeys.end(), key) == kQueryKeys.end()) {
            fail(text, "unknown query parameter \"" + std::string(key) + "\"");
        }
        std::string value = percentDecode(pair.substr(eq + 1), std::string(key), text);
        if (key == "port") {
            checkPort(value, text);
        }
        setParameter(parameters, key, std::move(value));
    }

    auto dbname = url.parameter("dbname");
    if (!dbname || dbname->empty()) {
        fail(text, "the database name is missing");
    }
    for (const auto& [key, value] : parameters) {
        if (value.find_first_of(" \t\r\n") != std::string::npos) {
            fail(text, "the " + key +
                           " contains white space, which the Poco PostgreSQL connector cannot "
                           "pass on");
        }
    }

    std::stable_sort(parameters.begin(), parameters.end(), [](const auto& a, const auto& b) {
        auto rank = [](const std::string& key) {
            auto it = std::find(kLeadingKeys.begin(), kLeadingKeys.end(), key);
            return static_cast<std::size_t>(it - kLeadingKeys.begin());
        };
        return rank(a.first) < rank(b.first);
    });
    return url;
}

std::optional<std::string> DatabaseUrl::parameter(std::string_view key) const {
    for (const auto& [k, v] : parameters_) {
        if (k == key) {
            return v;
        }
    }
    return std::nullopt;
}

std::string DatabaseUrl::connectorName() const {
    return backend_ == Backend::Sqlite ? "sqlite" : "postgresql";
}

std::string DatabaseUrl::connectionString() const {
    if (backend_ == Backend::Sqlite) {
        return inMemory_ ? std::string(":memory:") : sqlitePath_.string();
    }
    std::string out;
    for (const auto& [key, value] : parameters_) {
        if (!value.empty()) {
            out += key + "=" + unquotedValue(value) + " ";
        }
    }
    if (!parameter("connect_timeout")) {
        out += "connect_timeout=10 ";
    }
    if (!parameter("application_name")) {
        out += "application_name=tessera ";
    }
    out += "client_encoding=UTF8";
    return out;
}

std::string DatabaseUrl::libpqConninfo() const {
    if (backend_ != Backend::Postgres) {
        throw StorageError("db.url: " + masked() + " is not a PostgreSQL URL");
    }
    std::string out;
    for (const auto& [key, value] : parameters_) {
        out += key + "=" + quotedValue(value) + " ";
    }
    if (!parameter("connect_timeout")) {
        out += "connect_timeout='10' ";
    }
    if (!parameter("application_name")) {
        out += "application_name='tessera' ";
    }
    out += "client_encoding='UTF8'";
    return out;
}

}  // namespace tessera::kernel
