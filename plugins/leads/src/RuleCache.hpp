#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include <tessera/sdk/Records.hpp>

namespace leads {

/// The active rules of one entity, read once and kept until a rule changes on this node (its
/// hooks call invalidate()) or a few seconds pass (another node may have changed one), so
/// scoring and assigning a lead cost no query. Thread-safe.
class RuleCache {
public:
    RuleCache(tessera::sdk::Records& records, std::string entity, std::string sortField);

    std::vector<tessera::sdk::Record> rules();
    void invalidate();

private:
    tessera::sdk::Records& records_;
    std::string entity_;
    std::string sortField_;
    std::mutex mutex_;
    std::vector<tessera::sdk::Record> rules_;
    std::chrono::steady_clock::time_point readAt_{};
    bool valid_ = false;
};

}  // namespace leads
