#include <tessera/kernel/jobs/JobClock.hpp>

#include <unistd.h>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace tessera::kernel {

JobClock clockOrSystem(JobClock clock) {
    if (clock) {
        return clock;
    }
    return [] { return std::chrono::system_clock::now(); };
}

std::int64_t epochMillis(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string isoTime(std::int64_t millis) {
    if (millis == 0) {
        return {};
    }
    return Poco::DateTimeFormatter::format(Poco::Timestamp(millis * 1000), "%Y-%m-%dT%H:%M:%SZ");
}

std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap) {
    std::chrono::milliseconds delay = base;
    for (int i = 1; i < attempt && delay < cap; ++i) {
        delay *= 2;
    }
    return std::min(delay, cap);
}

std::string defaultNodeName() {
    char host[256] = {};
    if (gethostname(host, sizeof(host) - 1) != 0) {
        host[0] = '\0';
    }
    return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace tessera::kernel
