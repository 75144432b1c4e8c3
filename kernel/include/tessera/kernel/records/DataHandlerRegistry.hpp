#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <tessera/sdk/Operations.hpp>

namespace tessera::kernel {

/// The merge and personal-data handlers plugins register per entity ("*" for every entity), in
/// registration order.
/// Registration happens at start-up; reading is thread-safe.
class DataHandlerRegistry {
public:
    void addMerge(const std::string& plugin, const std::string& entity, sdk::MergeHandler handler);
    void addPersonalData(const std::string& plugin, const std::string& entity,
                         sdk::PersonalDataHandler handler);
    std::vector<sdk::MergeHandler> mergeHandlers(const std::string& entity) const;
    /// (plugin id, handler) pairs.
    std::vector<std::pair<std::string, sdk::PersonalDataHandler>> personalDataHandlers(
        const std::string& entity) const;
    void removeOwnedBy(const std::string& plugin);

private:
    template <class Handler>
    struct Entry {
        std::string plugin;
        std::string entity;
        Handler handler;
    };
    mutable std::mutex mutex_;
    std::vector<Entry<sdk::MergeHandler>> merge_;
    std::vector<Entry<sdk::PersonalDataHandler>> personal_;
};

}  // namespace tessera::kernel
