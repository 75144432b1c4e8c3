#include "IsolatedDatabase.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include <unistd.h>

#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::test {

namespace {

std::string uniqueSuffix() {
    static std::atomic<int> counter{0};
    static std::mt19937_64 random{std::random_device{}()};
    return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(random() % 100000000);
}

/// The same URL naming another database.
std::string withDatabase(const std::string& url, const std::string& name) {
    auto slash = url.rfind('/');
    auto query = url.find('?', slash);
    return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

std::string IsolatedDatabase::serverUrl() {
    if (const char* env = std::getenv("TESSERA_TEST_PG_URL"); env != nullptr && *env != '\0') {
        return env;
    }
    std::ifstream file(TESSERA_TEST_PG_URL_FILE);
    std::string line;
    std::getline(file, line);
    return line;
}

IsolatedDatabase::IsolatedDatabase(kernel::Backend backend) : backend_(backend) {
    if (backend == kernel::Backend::Sqlite) {
        folder_ = std::filesystem::temp_directory_path() / ("tessera-db-" + uniqueSuffix());
        std::filesystem::create_directories(folder_);
        url_ = "sqlite:" + (folder_ / "test.db").string();
        return;
    }
    std::string server = serverUrl();
    if (server.empty()) {
        throw std::runtime_error(
            "no PostgreSQL for this test: set TESSERA_TEST_PG_URL, or run the tests through ctest, "
            "whose pg_start fixture starts one and writes " TESSERA_TEST_PG_URL_FILE);
    }
    pgName_ = "t_" + uniqueSuffix();
    kernel::Database admin(kernel::DatabaseUrl::parse(server));
    Poco::Data::Session session = admin.session();
    kernel::Sql::execute(admin, session, "CREATE DATABASE " + pgName_);
    url_ = withDatabase(server, pgName_);
}

IsolatedDatabase::~IsolatedDatabase() {
    close();
    try {
        if (!pgName_.empty()) {
            kernel::Database admin(kernel::DatabaseUrl::parse(serverUrl()));
            Poco::Data::Session session = admin.session();
            kernel::Sql::execute(admin, session, "DROP DATABASE IF EXISTS " + pgName_ + " WITH (FORCE)");
        }
    } catch (const std::exception&) {
        // The cluster is thrown away at the end of the run anyway.
    }
    if (!folder_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }
}

kernel::Database& IsolatedDatabase::db() {
    if (!db_) {
        db_ = std::make_unique<kernel::Database>(kernel::DatabaseUrl::parse(url_));
    }
    return *db_;
}

std::string IsolatedDatabase::everyStoredText() {
    kernel::Database& database = db();
    Poco::Data::Session s = database.session();
    bool pg = backend_ == kernel::Backend::Postgres;
    std::string list = pg ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                          : "SELECT name FROM sqlite_master WHERE type = 'table'";
    std::string all;
    for (const auto& table : kernel::Sql::query(database, s, list).rows) {
        std::string name = kernel::asString(table[0]);
        if (!pg && (name.ends_with("_data") || name.ends_with("_idx"))) {
            continue;  // FTS5's binary index segments
        }
        for (const auto& row :
             kernel::Sql::query(database, s, "SELECT * FROM \"" + name + "\"").rows) {
            for (const auto& value : row) {
                if (auto text = std::get_if<std::string>(&value)) {
                    all += name + ": " + *text + "\n";
                }
            }
        }
    }
    return all;
}

void IsolatedDatabase::close() {
    db_.reset();
}

}  // namespace tessera::test
