#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include <tessera/kernel/jobs/JobClock.hpp>
#include <tessera/kernel/storage/Backend.hpp>

namespace tessera::test {

/// A clock a test moves by hand; starts at 2026-03-01 09:00:30 UTC. Thread-safe.
class ManualClock {
public:
    ManualClock() {
        using namespace std::chrono;
        set(sys_days(year(2026) / 3 / 1) + hours(9) + seconds(30));
    }
    kernel::JobClock clock() {
        return [this] {
            return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms_.load()));
        };
    }
    void advance(std::chrono::milliseconds by) { ms_ += by.count(); }
    void set(std::chrono::system_clock::time_point to) { ms_ = kernel::epochMillis(to); }
    std::chrono::system_clock::time_point now() const {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms_.load()));
    }

private:
    std::atomic<std::int64_t> ms_{0};
};

inline std::string backendLabel(kernel::Backend backend) {
    return backend == kernel::Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace tessera::test
