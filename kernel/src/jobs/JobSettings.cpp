#include <tessera/kernel/jobs/JobSettings.hpp>

#include <string>

#include <tessera/kernel/app/UsageError.hpp>

namespace tessera::kernel {

namespace {

std::int64_t number(const Config& config, const std::string& key, std::int64_t fallback,
                    std::int64_t min, std::int64_t max) {
    if (!config.has(key) || config.getString(key).empty()) {
        return fallback;
    }
    std::string text = config.getString(key);
    try {
        std::size_t used = 0;
        long long value = std::stoll(text, &used);
        if (used == text.size() && value >= min && value <= max) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("setting '" + key + "' must be a whole number from " + std::to_string(min) +
                     " to " + std::to_string(max) + ", not '" + text.substr(0, 40) + "'");
}

}  // namespace

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
    options.workers = static_cast<int>(number(config, "jobs.workers", 2, 1, 64));
    options.backoff = std::chrono::seconds(number(config, "jobs.backoff", 30, 0, 86400));
    return options;
}

Outbox::Options JobSettings::outbox(const Config& config) {
    Outbox::Options options;
    options.backoff = std::chrono::seconds(number(config, "outbox.backoff", 10, 0, 86400));
    options.lease = std::chrono::seconds(number(config, "outbox.lease", 120, 1, 86400));
    return options;
}

Webhooks::Options JobSettings::webhooks(const Config& config) {
    Webhooks::Options options;
    options.timeout = std::chrono::seconds(number(config, "webhooks.timeout", 10, 1, 300));
    options.maxAttempts = static_cast<int>(number(config, "webhooks.attempts", 8, 1, 100));
    return options;
}

std::chrono::hours JobSettings::keepRuns(const Config& config) {
    return std::chrono::hours(24 * number(config, "jobs.keep_days", 30, 1, 3650));
}

std::chrono::hours JobSettings::keepEvents(const Config& config) {
    return std::chrono::hours(24 * number(config, "outbox.keep_days", 7, 1, 3650));
}

}  // namespace tessera::kernel
