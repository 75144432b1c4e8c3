#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/DatabaseUrl.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "BackendFixture.hpp"

namespace tessera::kernel::test {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

class DatabaseUrlTest : public BackendTest {};

/// Parses `text` expecting failure; returns the message.
std::string parseError(const std::string& text) {
    try {
        DatabaseUrl::parse(text);
    } catch (const StorageError& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted: " << text;
    return {};
}

TEST_P(DatabaseUrlTest, ParsesTheDocumentedForms) {
    if (backend() == Backend::Sqlite) {
        auto relative = DatabaseUrl::parse("sqlite:var/tessera.db");
        EXPECT_EQ(relative.backend(), Backend::Sqlite);
        EXPECT_FALSE(relative.isInMemory());
        EXPECT_EQ(relative.sqlitePath(), "var/tessera.db");
        EXPECT_EQ(relative.connectorName(), "sqlite");
        EXPECT_EQ(relative.connectionString(), "var/tessera.db");

        auto absolute = DatabaseUrl::parse("  sqlite:/srv/tessera/crm.db\n");
        EXPECT_EQ(absolute.sqlitePath(), "/srv/tessera/crm.db");

        auto memory = DatabaseUrl::parse("sqlite::memory:");
        EXPECT_TRUE(memory.isInMemory());
        EXPECT_EQ(memory.connectionString(), ":memory:");
        return;
    }
    auto tcp = DatabaseUrl::parse("postgresql://postgres@127.0.0.1:5432/tessera_test");
    EXPECT_EQ(tcp.backend(), Backend::Postgres);
    EXPECT_EQ(tcp.connectorName(), "postgresql");
    EXPECT_FALSE(tcp.isInMemory());
    EXPECT_TRUE(tcp.sqlitePath().empty());
    EXPECT_EQ(DatabaseUrl::parse("postgres://h/crm").backend(), Backend::Postgres);
}

TEST_P(DatabaseUrlTest, ParsesPostgresParts) {
    if (backend() == Backend::Sqlite) {
        // SQLite paths are taken literally: no percent-decoding, no query.
        auto url = DatabaseUrl::parse("sqlite:data/a%20b?x.db");
        EXPECT_EQ(url.sqlitePath(), "data/a%20b?x.db");
        EXPECT_EQ(url.parameter("host"), std::nullopt);
        return;
    }
    auto full = DatabaseUrl::parse("postgresql://crm:p%40ss%3Aw'rd\\@db.example.com:5433/crm_prod");
    EXPECT_EQ(full.parameter("user"), "crm");
    EXPECT_EQ(full.parameter("password"), "p@ss:w'rd\\");
    EXPECT_EQ(full.parameter("host"), "db.example.com");
    EXPECT_EQ(full.parameter("port"), "5433");
    EXPECT_EQ(full.parameter("dbname"), "crm_prod");
    EXPECT_EQ(full.connectionString(),
              "host=db.example.com port=5433 dbname=crm_prod user=crm password=p@ss:w\\'rd\\\\ "
              "connect_timeout=10 application_name=tessera client_encoding=UTF8");
    EXPECT_EQ(full.libpqConninfo(),
              "host='db.example.com' port='5433' dbname='crm_prod' user='crm' "
              "password='p@ss:w\\'rd\\\\' connect_timeout='10' application_name='tessera' "
              "client_encoding='UTF8'");

    auto minimal = DatabaseUrl::parse("postgres://localhost/crm");
    EXPECT_EQ(minimal.parameter("host"), "localhost");
    EXPECT_EQ(minimal.parameter("port"), std::nullopt);
    EXPECT_EQ(minimal.parameter("user"), std::nullopt);

    auto socketQuery = DatabaseUrl::parse("postgresql://app@/crm?host=/run/postgresql&port=5433");
    EXPECT_EQ(socketQuery.parameter("host"), "/run/postgresql");
    EXPECT_EQ(socketQuery.parameter("port"), "5433");
    EXPECT_EQ(socketQuery.parameter("user"), "app");

    auto socketHost = DatabaseUrl::parse("postgresql://%2Fvar%2Frun%2Fpostgresql/crm");
    EXPECT_EQ(socketHost.parameter("host"), "/var/run/postgresql");

    auto ipv6 = DatabaseUrl::parse("postgresql://u@[::1]:6543/crm?sslmode=disable");
    EXPECT_EQ(ipv6.parameter("host"), "::1");
    EXPECT_EQ(ipv6.parameter("port"), "6543");
    EXPECT_EQ(ipv6.parameter("sslmode"), "disable");

    auto emptyPassword = DatabaseUrl::parse("postgresql://u:@h/crm");
    EXPECT_EQ(emptyPassword.parameter("password"), "");
}

TEST_P(DatabaseUrlTest, RejectsBadValuesNamingSettingValueAndForm) {
    std::vector<std::string> bad;
    if (backend() == Backend::Sqlite) {
        bad = {"",
               "   ",
               "sqlite:",
               "sqlite://host/x.db",
               "var/tessera.db",
               "mysql://u:secret@h/db",
               "file:tessera.db"};
    } else {
        bad = {"postgresql://u:secret@h:99999/crm",
               "postgresql://u:secret@h:port/crm",
               "postgresql://u:secret@h/",
               "postgresql://u:secret@h",
               "postgresql://u:secret@h/crm?foo=bar",
               "postgresql://u:secret@h/crm?sslmode",
               "postgresql://u:sec%zzret@h/crm",
               "postgresql://u:secret%00@h/crm",
               "postgresql://u:sec ret@h/crm",
               "postgresql://u:secret@[::1/crm",
               "postgresql://:secret@h/crm",
               "postgresql://u:secret@h/a%2Fb",
               "postgresql://u@h/crm?password=secret&port=0"};
    }
    for (const auto& text : bad) {
        SCOPED_TRACE(text);
        std::string message = parseError(text);
        EXPECT_NE(message.find("db.url"), std::string::npos) << message;
        EXPECT_NE(message.find("expected sqlite:PATH"), std::string::npos) << message;
        EXPECT_NE(message.find("postgresql://[user[:password]@]host"), std::string::npos)
            << message;
        EXPECT_EQ(message.find("secret"), std::string::npos) << "password leaked: " << message;
        if (text.find("secret") != std::string::npos && text.find("://") != std::string::npos) {
            EXPECT_NE(message.find("***"), std::string::npos) << message;
        }
    }
}

TEST_P(DatabaseUrlTest, ErrorNamesTheProblem) {
    if (backend() == Backend::Sqlite) {
        EXPECT_NE(parseError("sqlite:").find("path after sqlite: is empty"), std::string::npos);
        EXPECT_NE(parseError("mysql://h/db").find("unknown scheme \"mysql\""), std::string::npos);
        return;
    }
    EXPECT_NE(parseError("postgresql://h:70000/crm").find("port \"70000\""), std::string::npos);
    EXPECT_NE(parseError("postgresql://h/crm?fsync=off").find("unknown query parameter \"fsync\""),
              std::string::npos);
    EXPECT_NE(parseError("postgresql://h/").find("database name is missing"), std::string::npos);
}

TEST_P(DatabaseUrlTest, MaskHidesPasswordsOnly) {
    if (backend() == Backend::Sqlite) {
        EXPECT_EQ(DatabaseUrl::mask("sqlite:var/tessera.db"), "sqlite:var/tessera.db");
        EXPECT_EQ(DatabaseUrl::parse("sqlite:var/a@b:c.db").masked(), "sqlite:var/a@b:c.db");
        return;
    }
    EXPECT_EQ(DatabaseUrl::mask("postgresql://crm:s3cr%40t@db:5432/crm"),
              "postgresql://crm:***@db:5432/crm");
    EXPECT_EQ(DatabaseUrl::mask("postgresql://crm:pa@ss@db/crm"), "postgresql://crm:***@db/crm");
    EXPECT_EQ(DatabaseUrl::mask("postgresql://crm@db:5432/crm"), "postgresql://crm@db:5432/crm");
    EXPECT_EQ(DatabaseUrl::mask("postgresql://db/crm?sslmode=require&password=x1&port=5"),
              "postgresql://db/crm?sslmode=require&password=***&port=5");
    EXPECT_EQ(DatabaseUrl::parse("postgresql://u:hunter2@db/crm").masked(),
              "postgresql://u:***@db/crm");
}

TEST_P(DatabaseUrlTest, TheTestDatabaseUrlConnects) {
    auto parsed = DatabaseUrl::parse(url());
    EXPECT_EQ(parsed.backend(), backend());
    Database database(parsed);
    auto session = database.session();
    int one = 0;
    session << "SELECT 1", into(one), now;
    EXPECT_EQ(one, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseUrlTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
