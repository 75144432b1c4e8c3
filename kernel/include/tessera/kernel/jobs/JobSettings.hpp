#pragma once

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/jobs/JobScheduler.hpp>
#include <tessera/kernel/outbox/Outbox.hpp>
#include <tessera/kernel/outbox/Webhooks.hpp>

namespace tessera::kernel {

/// The [jobs], [outbox] and [webhooks] settings of tessera.ini (docs/jobs.md). Each throws
/// UsageError naming the key for a value out of range.
struct JobSettings {
    /// `jobs.enabled` (default true): false on a web-only node, which then runs no job or
    /// outbox threads (it still writes events to the outbox and queues runs).
    static bool enabled(const Config& config);
    /// `jobs.workers` (2), `jobs.backoff` (seconds before the first retry, 30).
    static JobScheduler::Options scheduler(const Config& config);
    /// `outbox.backoff` (seconds before the first retry, 10), `outbox.lease` (seconds, 120).
    static Outbox::Options outbox(const Config& config);
    /// `webhooks.timeout` (seconds, 10), `webhooks.attempts` (8).
    static Webhooks::Options webhooks(const Config& config);
    /// How long the daily kernel.cleanup job keeps finished job runs (`jobs.keep_days`, 30)
    /// and delivered events and webhook logs (`outbox.keep_days`, 7).
    static std::chrono::hours keepRuns(const Config& config);
    static std::chrono::hours keepEvents(const Config& config);
};

}  // namespace tessera::kernel
