#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <Poco/Nullable.h>

#include <tessera/kernel/storage/BulkInserter.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "BackendFixture.hpp"

namespace tessera::kernel::test {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

class DatabaseTest : public BackendTest {};

TEST_P(DatabaseTest, SessionRunsParameterisedStatements) {
    EXPECT_EQ(db().backend(), backend());
    auto people = table("people");
    execute("CREATE TABLE " + people + " (id INTEGER PRIMARY KEY, name TEXT, score INTEGER)");
    auto session = db().session();
    int id = 7;
    std::string name = "Zoë \"Z\" O'Neil";
    int score = -3;
    session << "INSERT INTO " + people + " (id, name, score) VALUES ($1, $2, $3)", use(id),
        use(name), use(score), now;

    std::string readName;
    int readScore = 0;
    session << "SELECT name, score FROM " + people + " WHERE id = $1", use(id), into(readName),
        into(readScore), now;
    EXPECT_EQ(readName, name);
    EXPECT_EQ(readScore, score);
}

TEST_P(DatabaseTest, NewSessionsAreConfiguredForTheBackend) {
    if (backend() == Backend::Sqlite) {
        // The database lives in a folder that does not exist yet: Database creates it.
        auto file = folder() / "nested" / "deeper" / "crm.db";
        Database database(DatabaseUrl::parse("sqlite:" + file.string()),
                          Database::Options{.poolSize = 3});
        std::vector<Poco::Data::Session> sessions;
        for (int i = 0; i < 3; ++i) {
            sessions.push_back(database.session());
        }
        EXPECT_TRUE(std::filesystem::exists(file));
        for (auto& session : sessions) {
            std::string journal;
            int synchronous = -1, foreignKeys = -1, busyTimeout = -1;
            session << "PRAGMA journal_mode", into(journal), now;
            session << "PRAGMA synchronous", into(synchronous), now;
            session << "PRAGMA foreign_keys", into(foreignKeys), now;
            session << "PRAGMA busy_timeout", into(busyTimeout), now;
            EXPECT_EQ(journal, "wal");
            EXPECT_EQ(synchronous, 1) << "NORMAL";
            EXPECT_EQ(foreignKeys, 1);
            EXPECT_EQ(busyTimeout, 5000);
        }
        EXPECT_TRUE(std::filesystem::exists(file.string() + "-wal"));
        return;
    }
    auto session = db().session();
    std::string encoding, application;
    session << "SHOW client_encoding", into(encoding), now;
    session << "SHOW application_name", into(application), now;
    EXPECT_EQ(encoding, "UTF8");
    EXPECT_EQ(application, "tessera");
}

TEST_P(DatabaseTest, ForeignKeysAreEnforced) {
    auto parents = table("parents");
    auto children = table("children");
    execute("CREATE TABLE " + parents + " (id INTEGER PRIMARY KEY)");
    execute("CREATE TABLE " + children + " (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES " +
            parents + " (id))");
    EXPECT_ANY_THROW(execute("INSERT INTO " + children + " (id, parent_id) VALUES (1, 42)"));
    EXPECT_EQ(countRows(children), 0);
}

TEST_P(DatabaseTest, ConnectsTheOtherWay) {
    if (backend() == Backend::Sqlite) {
        Database memory(DatabaseUrl::parse("sqlite::memory:"));
        memory.withTransaction([](Poco::Data::Session& s) {
            s << "CREATE TABLE t (v TEXT)", now;
            s << "INSERT INTO t (v) VALUES ('kept')", now;
        });
        // One connection serves the in-memory database, so the data is there next time.
        auto session = memory.session();
        std::string value;
        session << "SELECT v FROM t", into(value), now;
        EXPECT_EQ(value, "kept");
        return;
    }
    // Over the unix socket of the same server (tools/pg-temp trusts local connections).
    std::string directories;
    int port = 0;
    {
        auto session = db().session();
        session << "SHOW unix_socket_directories", into(directories), now;
        session << "SELECT current_setting('port')::int", into(port), now;
    }
    std::string directory = directories.substr(0, directories.find(','));
    ASSERT_TRUE(std::filesystem::exists(directory + "/.s.PGSQL." + std::to_string(port)))
        << "the test server's socket is not on this machine: " << directory;
    auto parsed = DatabaseUrl::parse(url());
    auto user = parsed.parameter("user").value_or("postgres");
    auto dbname = parsed.parameter("dbname").value();
    std::string encodedDirectory;
    for (char c : directory) {
        encodedDirectory += c == '/' ? std::string("%2F") : std::string(1, c);
    }
    const std::string portText = std::to_string(port);
    for (const std::string& socketUrl :
         {"postgresql://" + user + "@/" + dbname + "?host=" + directory + "&port=" + portText,
          "postgresql://" + user + "@" + encodedDirectory + ":" + portText + "/" + dbname}) {
        SCOPED_TRACE(socketUrl);
        Database overSocket(DatabaseUrl::parse(socketUrl));
        auto session = overSocket.session();
        Poco::Nullable<std::string> address;
        session << "SELECT host(inet_server_addr())", into(address), now;
        EXPECT_TRUE(address.isNull()) << "connected over TCP to " << address.value();
    }
}

std::string percentEncode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            out += escaped;
        }
    }
    return out;
}

TEST_P(DatabaseTest, UnusualCredentialsAndPathsArriveIntact) {
    if (backend() == Backend::Sqlite) {
        auto file = folder() / "we'ird @dir \"ü\" %20 #" / "crm db.sqlite";
        Database odd(DatabaseUrl::parse("sqlite:" + file.string()));
        odd.withTransaction([](Poco::Data::Session& s) { s << "CREATE TABLE t (v TEXT)", now; });
        BulkInserter inserter(odd, "t", {"v"});
        inserter.add({"x"});
        EXPECT_EQ(inserter.finish(), 1u);
        EXPECT_TRUE(std::filesystem::exists(file));
        return;
    }
    // tools/pg-temp makes members of tessera_password_auth log in with a password over TCP.
    auto parsed = DatabaseUrl::parse(url());
    const std::string host = parsed.parameter("host").value_or("127.0.0.1");
    const std::string port = parsed.parameter("port").value_or("5432");
    const std::string dbname = parsed.parameter("dbname").value();
    auto secrets = table("secrets");
    const std::string role = "pw_" + secrets.substr(secrets.rfind('_') + 1);
    const std::string password = "p@ss:w'rd\\\"/?&=%#\xc3\xbc!";
    std::string literal;
    for (char c : password) {
        literal += c == '\'' ? std::string("''") : std::string(1, c);
    }
    execute("DROP ROLE IF EXISTS " + role);
    execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + literal +
            "' IN ROLE tessera_password_auth");
    execute("CREATE TABLE " + secrets + " (v TEXT)");
    execute("GRANT SELECT, INSERT ON " + secrets + " TO " + role);

    const std::string prefix = "postgresql://" + role + ":";
    const std::string suffix = "@" + host + ":" + port + "/" + dbname;
    {
        Database asRole(DatabaseUrl::parse(prefix + percentEncode(password) + suffix));
        auto session = asRole.session();
        std::string user;
        session << "SELECT current_user", into(user), now;
        EXPECT_EQ(user, role);
        BulkInserter inserter(asRole, secrets, {"v"});
        inserter.add({"through COPY"});
        EXPECT_EQ(inserter.finish(), 1u);
    }
    {
        Database wrong(DatabaseUrl::parse(prefix + "not-the-password" + suffix));
        try {
            wrong.session();
            ADD_FAILURE() << "a wrong password was accepted: is the role trusted?";
        } catch (const StorageError& e) {
            std::string message = e.what();
            EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
            EXPECT_EQ(message.find("not-the-password"), std::string::npos) << message;
        }
        try {
            BulkInserter inserter(wrong, secrets, {"v"});
            ADD_FAILURE() << "a wrong password was accepted by the COPY path";
        } catch (const StorageError& e) {
            std::string message = e.what();
            EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
            EXPECT_EQ(message.find("not-the-password"), std::string::npos) << message;
        }
    }
    EXPECT_EQ(countRows(secrets), 1);
    execute("DROP TABLE " + secrets);
    execute("DROP ROLE " + role);
}

TEST_P(DatabaseTest, PlaceholdersMayRepeatAndComeInAnyOrder) {
    auto session = db().session();
    std::string first = "a", second = "b";
    std::string result;
    session << db().sql(
        "SELECT CAST($2 AS TEXT) || '-$1-' || CAST($1 AS TEXT) || CAST($2 AS TEXT)"),
        use(first), use(second), into(result), now;
    EXPECT_EQ(result, "b-$1-ab");

    if (backend() == Backend::Sqlite) {
        EXPECT_EQ(db().sql("SELECT $1, '$2', \"$3\", x$4 -- $5\n/* $6 */ $10"),
                  "SELECT ?1, '$2', \"$3\", x$4 -- $5\n/* $6 */ ?10");
    } else {
        EXPECT_EQ(db().sql("SELECT $2, $1"), "SELECT $2, $1");
    }
}

TEST_P(DatabaseTest, TransactionCommitsAndReturnsTheResult) {
    auto notes = table("notes");
    execute("CREATE TABLE " + notes + " (id INTEGER, body TEXT)");
    int inserted = db().withTransaction([&](Poco::Data::Session& s) {
        for (int i = 0; i < 3; ++i) {
            std::string body = "note " + std::to_string(i);
            s << "INSERT INTO " + notes + " (id, body) VALUES ($1, $2)", use(i), use(body), now;
        }
        return 3;
    });
    EXPECT_EQ(inserted, 3);
    EXPECT_EQ(countRows(notes), 3);
}

TEST_P(DatabaseTest, TransactionRollsBackOnException) {
    auto notes = table("notes");
    execute("CREATE TABLE " + notes + " (id INTEGER, body TEXT)");
    execute("INSERT INTO " + notes + " (id, body) VALUES (0, 'before')");

    auto session = db().session();
    EXPECT_THROW(db().withTransaction(
                     session,
                     [&](Poco::Data::Session& s) {
                         s << "INSERT INTO " + notes + " (id, body) VALUES (1, 'lost')", now;
                         s << "UPDATE " + notes + " SET body = 'changed'", now;
                         throw std::runtime_error("validation failed");
                     }),
                 std::runtime_error);
    EXPECT_EQ(countRows(notes), 1);

    // A failing statement rolls back as well, and the same session keeps working.
    EXPECT_ANY_THROW(db().withTransaction(session, [&](Poco::Data::Session& s) {
        s << "INSERT INTO " + notes + " (id, body) VALUES (2, 'lost too')", now;
        s << "INSERT INTO no_such_table_at_all (x) VALUES (1)", now;
    }));
    std::string body;
    session << "SELECT body FROM " + notes, into(body), now;
    EXPECT_EQ(body, "before");
    EXPECT_EQ(countRows(notes), 1);
}

TEST_P(DatabaseTest, ConcurrentTransactionsFromManyThreads) {
    auto counters = table("counters");
    execute("CREATE TABLE " + counters + " (thread INTEGER, n INTEGER)");
    constexpr int kThreads = 4;
    constexpr int kRounds = 25;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < kRounds; ++i) {
                    db().withTransaction([&](Poco::Data::Session& s) {
                        int thread = t, n = i;
                        s << db().sql("INSERT INTO " + counters + " (thread, n) VALUES ($1, $2)"),
                            use(thread), use(n), now;
                    });
                }
            } catch (const std::exception& e) {
                ++failures;
                ADD_FAILURE() << "thread " << t << ": " << e.what();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(countRows(counters), kThreads * kRounds);
}

TEST_P(DatabaseTest, SessionWaitsForTheExhaustedPool) {
    Database small(DatabaseUrl::parse(url()), Database::Options{.poolSize = 1});
    auto held = std::make_unique<Poco::Data::Session>(small.session());

    std::mutex mutex;
    std::condition_variable changed;
    bool waiting = false;
    std::atomic<bool> released{false};
    bool gotAfterRelease = false;
    std::thread waiter([&] {
        {
            std::lock_guard lock(mutex);
            waiting = true;
        }
        changed.notify_all();
        auto session = small.session();
        gotAfterRelease = released.load();
        int one = 0;
        session << "SELECT 1", into(one), now;
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return waiting; });
    }
    released = true;
    held.reset();
    waiter.join();
    EXPECT_TRUE(gotAfterRelease);
}

TEST_P(DatabaseTest, ExhaustedPoolIsAClearErrorAfterTheWait) {
    Database small(DatabaseUrl::parse(url()),
                   Database::Options{.poolSize = 1, .sessionWait = std::chrono::milliseconds(0)});
    auto held = small.session();
    try {
        small.session();
        ADD_FAILURE() << "a second session from a pool of one";
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("stayed in use"), std::string::npos) << e.what();
    }
}

TEST_P(DatabaseTest, UnreachableDatabaseIsAClearError) {
    if (backend() == Backend::Sqlite) {
        // A folder cannot be made below a regular file.
        auto blocker = folder() / "file";
        std::ofstream(blocker) << "x";
        EXPECT_THROW(Database(DatabaseUrl::parse("sqlite:" + (blocker / "sub" / "x.db").string())),
                     StorageError);
        return;
    }
    Database nowhere(DatabaseUrl::parse(
        "postgresql://postgres:hunter2@127.0.0.1:1/tessera_test?connect_timeout=2"));
    try {
        nowhere.session();
        ADD_FAILURE() << "connected to port 1";
    } catch (const StorageError& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("cannot open a session on postgresql://postgres:***@127.0.0.1:1"),
                  std::string::npos)
            << message;
        EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
