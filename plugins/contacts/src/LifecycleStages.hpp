#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

struct LifecycleStage {
    std::string key;    ///< what contacts and companies store
    std::string label;  ///< what people see
};

/// The lifecycle stages admins keep as LifecycleStage records, in position order. Read as the
/// system and kept for a few seconds (every write on this node refreshes at once), since every
/// contact write and every imported row asks. Thread-safe.
class LifecycleStages {
public:
    LifecycleStages(tessera::sdk::Records& records, std::string defaultKey)
        : records_(records), defaultKey_(std::move(defaultKey)) {}

    std::vector<LifecycleStage> all();
    std::vector<std::string> keys();
    /// The key of a stage given by key or label, in any case; nullopt when there is none.
    std::optional<std::string> resolve(const std::string& keyOrLabel);
    /// The stage new records start in: the configured one when it exists, else the first.
    std::optional<std::string> defaultKey();
    std::string labelOf(const std::string& key);
    void forget();

private:
    tessera::sdk::Records& records_;
    std::string defaultKey_;
    std::mutex mutex_;
    std::vector<LifecycleStage> cached_;
    std::chrono::steady_clock::time_point readAt_{};
};

/// The LifecycleStage entity's rules (only administrators change stages; keys are fixed once
/// saved; a stage still in use cannot go), the seeding from the plugin's `stages` setting, and
/// the check of every contact's and company's `lifecycle_stage` against the stages.
std::shared_ptr<LifecycleStages> addLifecycleStages(tessera::sdk::PluginContext& context);

}  // namespace contacts
