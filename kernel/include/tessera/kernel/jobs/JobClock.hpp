#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace tessera::kernel {

/// Where the job scheduler, the outbox and the webhooks read the time: the system clock, or a
/// clock a test moves by hand. Leases, backoff and fire times are compared against it, and
/// stored as milliseconds since the Unix epoch (BIGINT columns on both backends).
using JobClock = std::function<std::chrono::system_clock::time_point()>;

/// `clock` itself, or the system clock when it is empty.
JobClock clockOrSystem(JobClock clock);
std::int64_t epochMillis(std::chrono::system_clock::time_point time);
/// "2026-03-01T09:30:00Z", or "" for 0 (not set).
std::string isoTime(std::int64_t epochMillis);
/// The delay before retry number `attempt` (1 for the first retry): `base` doubled for each
/// attempt before it, at most `cap`.
std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap);
/// "host:pid", the default lease owner of this process.
std::string defaultNodeName();

}  // namespace tessera::kernel
