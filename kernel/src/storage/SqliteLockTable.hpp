#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace tessera::kernel {

/// The named locks of one SQLite database: a table of held keys for the threads of this process,
/// and, for a database file, OFD byte-range locks on a side file for other processes (and other
/// Database objects on the same file). Thread-safe. Private to kernel/src/storage.
class SqliteLockTable {
public:
    /// `lockFile` empty for an in-memory database.
    explicit SqliteLockTable(std::optional<std::filesystem::path> lockFile);
    ~SqliteLockTable();
    SqliteLockTable(const SqliteLockTable&) = delete;
    SqliteLockTable& operator=(const SqliteLockTable&) = delete;

    /// Blocks until `key` is held. Throws StorageError when the lock file cannot be used.
    void lock(std::int64_t key);
    /// Takes `key` if free; false when another holder has it.
    bool tryLock(std::int64_t key);
    void unlock(std::int64_t key) noexcept;

private:
    /// Opens the lock file and locks the byte for `key`; returns the descriptor, or -1 when
    /// `wait` is false and another process holds it.
    int lockFile(std::int64_t key, bool wait);

    std::optional<std::filesystem::path> lockFile_;
    std::mutex mutex_;
    std::condition_variable released_;
    std::set<std::int64_t> held_;
    std::map<std::int64_t, int> fileDescriptors_;
};

}  // namespace tessera::kernel
