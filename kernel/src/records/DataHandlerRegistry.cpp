#include <tessera/kernel/records/DataHandlerRegistry.hpp>

namespace tessera::kernel {

void DataHandlerRegistry::addMerge(const std::string& plugin, const std::string& entity,
                                   sdk::MergeHandler handler) {
    std::lock_guard lock(mutex_);
    merge_.push_back({plugin, entity, std::move(handler)});
}

void DataHandlerRegistry::addPersonalData(const std::string& plugin, const std::string& entity,
                                          sdk::PersonalDataHandler handler) {
    std::lock_guard lock(mutex_);
    personal_.push_back({plugin, entity, std::move(handler)});
}

std::vector<sdk::MergeHandler> DataHandlerRegistry::mergeHandlers(const std::string& entity) const {
    std::lock_guard lock(mutex_);
    std::vector<sdk::MergeHandler> handlers;
    for (const auto& entry : merge_) {
        if (entry.entity == entity || entry.entity == "*") {
            handlers.push_back(entry.handler);
        }
    }
    return handlers;
}

std::vector<std::pair<std::string, sdk::PersonalDataHandler>>
DataHandlerRegistry::personalDataHandlers(const std::string& entity) const {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, sdk::PersonalDataHandler>> handlers;
    for (const auto& entry : personal_) {
        if (entry.entity == entity || entry.entity == "*") {
            handlers.emplace_back(entry.plugin, entry.handler);
        }
    }
    return handlers;
}

void DataHandlerRegistry::removeOwnedBy(const std::string& plugin) {
    std::lock_guard lock(mutex_);
    std::erase_if(merge_, [&](const auto& e) { return e.plugin == plugin; });
    std::erase_if(personal_, [&](const auto& e) { return e.plugin == plugin; });
}

}  // namespace tessera::kernel
