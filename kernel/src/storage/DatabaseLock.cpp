#include <tessera/kernel/storage/DatabaseLock.hpp>

#include <utility>

namespace tessera::kernel {

DatabaseLock::DatabaseLock(std::int64_t key, std::function<void()> unlock)
    : key_(key), unlock_(std::move(unlock)) {}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept
    : key_(other.key_), unlock_(std::exchange(other.unlock_, nullptr)) {}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
    if (this != &other) {
        release();
        key_ = other.key_;
        unlock_ = std::exchange(other.unlock_, nullptr);
    }
    return *this;
}

DatabaseLock::~DatabaseLock() {
    release();
}

void DatabaseLock::release() noexcept {
    if (!unlock_) {
        return;
    }
    auto unlock = std::exchange(unlock_, nullptr);
    try {
        unlock();
    } catch (...) {
        // The connection that held the lock is gone, and the lock with it.
    }
}

}  // namespace tessera::kernel
