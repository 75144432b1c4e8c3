#include "SqliteLockTable.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

namespace {

/// One byte per key; the top two bits are dropped so that start + length fits in off_t.
off_t byteFor(std::int64_t key) {
    return static_cast<off_t>(static_cast<std::uint64_t>(key) & ((std::uint64_t{1} << 62) - 1));
}

}  // namespace

SqliteLockTable::SqliteLockTable(std::optional<std::filesystem::path> lockFile)
    : lockFile_(std::move(lockFile)) {}

SqliteLockTable::~SqliteLockTable() {
    for (const auto& [key, fd] : fileDescriptors_) {
        ::close(fd);
    }
}

int SqliteLockTable::lockFile(std::int64_t key, bool wait) {
    int fd = ::open(lockFile_->c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw StorageError("cannot open the lock file " + lockFile_->string() + ": " +
                           std::strerror(errno));
    }
    struct flock range {};
    range.l_type = F_WRLCK;
    range.l_whence = SEEK_SET;
    range.l_start = byteFor(key);
    range.l_len = 1;
    int result;
    do {
        result = ::fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &range);
    } while (result < 0 && errno == EINTR);
    if (result < 0) {
        int error = errno;
        ::close(fd);
        if (!wait && (error == EAGAIN || error == EACCES)) {
            return -1;
        }
        throw StorageError("cannot lock " + lockFile_->string() + " for key " +
                           std::to_string(key) + ": " + std::strerror(error));
    }
    return fd;
}

void SqliteLockTable::lock(std::int64_t key) {
    {
        std::unique_lock guard(mutex_);
        released_.wait(guard, [&] { return !held_.contains(key); });
        held_.insert(key);
    }
    if (!lockFile_) {
        return;
    }
    try {
        int fd = lockFile(key, true);
        std::lock_guard guard(mutex_);
        fileDescriptors_[key] = fd;
    } catch (...) {
        unlock(key);
        throw;
    }
}

bool SqliteLockTable::tryLock(std::int64_t key) {
    {
        std::lock_guard guard(mutex_);
        if (held_.contains(key)) {
            return false;
        }
        held_.insert(key);
    }
    if (!lockFile_) {
        return true;
    }
    int fd = -1;
    try {
        fd = lockFile(key, false);
    } catch (...) {
        unlock(key);
        throw;
    }
    if (fd < 0) {
        unlock(key);
        return false;
    }
    std::lock_guard guard(mutex_);
    fileDescriptors_[key] = fd;
    return true;
}

void SqliteLockTable::unlock(std::int64_t key) noexcept {
    {
        std::lock_guard guard(mutex_);
        if (auto it = fileDescriptors_.find(key); it != fileDescriptors_.end()) {
            ::close(it->second);
            fileDescriptors_.erase(it);
        }
        held_.erase(key);
    }
    released_.notify_all();
}

}  // namespace tessera::kernel
