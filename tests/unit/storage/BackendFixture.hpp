#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// Shows a Backend by name in GoogleTest output.
inline void PrintTo(Backend backend, std::ostream* out) {
    *out << backendName(backend);
}

}  // namespace tessera::kernel

namespace tessera::kernel::test {

/// Base for storage tests that run once per backend: SQLite in a fresh temporary folder, and the
/// PostgreSQL named by TESSERA_TEST_PG_URL or written by tools/pg-temp (the ctest fixture
/// `postgres`). A PostgreSQL test without a server fails; it is never skipped.
///
/// Names (tables, lock keys) are derived from the test's name, so tests may run in parallel
/// against one PostgreSQL. Tables made with table() are dropped afterwards.
class BackendTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    Backend backend() const { return GetParam(); }
    /// The db.url of this test's database.
    const std::string& url() const { return url_; }
    /// A folder of this test's own (SQLite runs keep their database file there).
    const std::filesystem::path& folder() const { return folder_; }
    /// The Database for url(), created on first use.
    Database& db();

    /// A table name unique to this test, dropped (if it exists) now and after the test.
    std::string table(std::string_view base);
    /// A lock key unique to this test.
    std::int64_t lockKey(int n) const;
    /// " STRICT" on SQLite, so that column types are enforced as on PostgreSQL.
    std::string strict() const;

    void execute(const std::string& sql);
    std::int64_t countRows(const std::string& tableName);

private:
    std::uint32_t testHash() const;

    std::filesystem::path folder_;
    std::string url_;
    std::unique_ptr<Database> db_;
    std::vector<std::string> tables_;
};

/// "Sqlite" / "Postgres", for test names.
std::string backendParamName(const ::testing::TestParamInfo<Backend>& info);

}  // namespace tessera::kernel::test
