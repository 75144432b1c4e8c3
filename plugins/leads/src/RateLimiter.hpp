#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace leads {

/// At most `limit` attempts per address within a sliding window, counted in this process (each
/// node counts its own). Thread-safe.
class RateLimiter {
public:
    RateLimiter(int limit, std::chrono::seconds window);

    /// Counts an attempt; false when the address is over its limit (the attempt is not counted).
    bool allow(const std::string& address);

private:
    int limit_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> attempts_;
    std::chrono::steady_clock::time_point lastSweep_{};
};

}  // namespace leads
