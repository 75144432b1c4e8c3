#include "BackendFixture.hpp"

#include "IsolatedDatabase.hpp"

#include <cstdlib>
#include <fstream>
#include <random>

#include <unistd.h>

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

namespace tessera::kernel::test {

using tessera::test::IsolatedDatabase;

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

namespace {

std::filesystem::path freshFolder() {
    static std::mt19937_64 random{std::random_device{}()};
    auto base = std::filesystem::temp_directory_path();
    for (;;) {
        auto candidate = base / ("tessera-storage-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(random() % 1000000000));
        if (std::filesystem::create_directory(candidate)) {
            return candidate;
        }
    }
}

}  // namespace

std::string backendParamName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

void BackendTest::SetUp() {
    folder_ = freshFolder();
    if (backend() == Backend::Sqlite) {
        url_ = "sqlite:" + (folder_ / "test.db").string();
        return;
    }
    url_ = IsolatedDatabase::serverUrl();
    ASSERT_FALSE(url_.empty())
        << "no PostgreSQL for this test: set TESSERA_TEST_PG_URL, or run the tests through ctest, "
           "whose pg_start fixture starts one so that "
        << TESSERA_TEST_PG_URL_FILE << " exists";
}

void BackendTest::TearDown() {
    if (db_) {
        // Newest first, so that references between the tables do not block the drops.
        for (auto name = tables_.rbegin(); name != tables_.rend(); ++name) {
            try {
                execute("DROP TABLE IF EXISTS " + *name);
            } catch (const Poco::Exception& e) {
                ADD_FAILURE() << "cannot drop " << *name << ": " << e.displayText();
            }
        }
        db_.reset();
    }
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

Database& BackendTest::db() {
    if (!db_) {
        db_ = std::make_unique<Database>(DatabaseUrl::parse(url_));
    }
    return *db_;
}

std::uint32_t BackendTest::testHash() const {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "." + info->name();
    std::uint32_t hash = 2166136261u;
    for (char c : name) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    return hash;
}

std::string BackendTest::table(std::string_view base) {
    char suffix[9];
    std::snprintf(suffix, sizeof suffix, "%08x", testHash());
    std::string name = std::string(base) + "_" + suffix;
    execute("DROP TABLE IF EXISTS " + name);
    tables_.push_back(name);
    return name;
}

std::int64_t BackendTest::lockKey(int n) const {
    return static_cast<std::int64_t>(testHash()) * 100 + n;
}

std::string BackendTest::strict() const {
    return backend() == Backend::Sqlite ? " STRICT" : "";
}

void BackendTest::execute(const std::string& sql) {
    auto session = db().session();
    session << sql, now;
}

std::int64_t BackendTest::countRows(const std::string& tableName) {
    auto session = db().session();
    Poco::Int64 count = -1;
    session << "SELECT count(*) FROM " + tableName, into(count), now;
    return count;
}

}  // namespace tessera::kernel::test
