#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::test {

/// A database of a test's own, so tests that create the kernel's fixed-name tables can run in
/// parallel: a fresh SQLite file, or a fresh database on the throwaway PostgreSQL that
/// tools/pg-temp started (TESSERA_TEST_PG_URL or the URL file the ctest fixture writes).
/// Removed when the object goes. Throws std::runtime_error with the way to fix it when no
/// PostgreSQL is available: such a test fails, it is never skipped.
class IsolatedDatabase {
public:
    explicit IsolatedDatabase(kernel::Backend backend);
    ~IsolatedDatabase();
    IsolatedDatabase(const IsolatedDatabase&) = delete;
    IsolatedDatabase& operator=(const IsolatedDatabase&) = delete;

    const std::string& url() const { return url_; }
    kernel::Database& db();
    /// Every text value in every table (FTS5's binary segments aside), one per line: what a
    /// test checks when nothing may keep a value.
    std::string everyStoredText();
    /// Closes the pool (before another process or a new Database uses the same database).
    void close();

    /// The URL of the shared test PostgreSQL server, or "" when there is none.
    static std::string serverUrl();

private:
    kernel::Backend backend_;
    std::filesystem::path folder_;
    std::string url_;
    std::string pgName_;
    std::unique_ptr<kernel::Database> db_;
};

}  // namespace tessera::test
