#include "RateLimiter.hpp"

namespace leads {

RateLimiter::RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

bool RateLimiter::allow(const std::string& address) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (now - lastSweep_ > window_) {
        // Forget addresses that went quiet, so the map does not grow with every visitor.
        for (auto it = attempts_.begin(); it != attempts_.end();) {
            it = (it->second.empty() || now - it->second.back() > window_) ? attempts_.erase(it) : std::next(it);
        }
        lastSweep_ = now;
    }
    auto& times = attempts_[address];
    while (!times.empty() && now - times.front() > window_) {
        times.pop_front();
    }
    if (static_cast<int>(times.size()) >= limit_) {
        return false;
    }
    times.push_back(now);
    return true;
}

}  // namespace leads
