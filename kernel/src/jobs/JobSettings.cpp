#include <tessera/kernel/jobs/JobSettings.hpp>

#include <string>

#include <tessera/kernel/app/UsageError.hpp>

namespace tessera::kernel {

bool JobSettings::enabled(const Config& config) {
    if (!config.has("jobs.enabled") || config.getString("jobs.enabled").empty()) {
        return true;
    }
    std::string value = config.getString("jobs.enabled");
    if (value != "true" && value != "false" && value != "yes" && value != "no" && value != "1" &&
        value != "0" && value != "on" && value != "off") {
        throw UsageError("setting 'jobs.enabled' must be true or false, not '" +
                         value.substr(0, 40) + "'");
    }
    return config.getBool("jobs.enabled");
}

JobScheduler::Options JobSettings::scheduler(const Config& config) {
    JobScheduler::Options options;
    options.workers = static_cast<int>(config.getNumber("jobs.workers", 2, 1, 64));
    options.backoff = std::chrono::seconds(config.getNumber("jobs.backoff", 30, 0, 86400));
    return options;
}

Outbox::Options JobSettings::outbox(const Config& config) {
    Outbox::Options options;
    options.backoff = std::chrono::seconds(config.getNumber("outbox.backoff", 10, 0, 86400));
    options.lease = std::chrono::seconds(config.getNumber("outbox.lease", 120, 1, 86400));
    return options;
}

Webhooks::Options JobSettings::webhooks(const Config& config) {
    Webhooks::Options options;
    options.timeout = std::chrono::seconds(config.getNumber("webhooks.timeout", 10, 1, 300));
    options.maxAttempts = static_cast<int>(config.getNumber("webhooks.attempts", 8, 1, 100));
    return options;
}

std::chrono::hours JobSettings::keepRuns(const Config& config) {
    return std::chrono::hours(24 * config.getNumber("jobs.keep_days", 30, 1, 3650));
}

std::chrono::hours JobSettings::keepEvents(const Config& config) {
    return std::chrono::hours(24 * config.getNumber("outbox.keep_days", 7, 1, 3650));
}

}  // namespace tessera::kernel
