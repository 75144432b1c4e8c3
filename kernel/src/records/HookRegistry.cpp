#include <tessera/kernel/records/HookRegistry.hpp>

#include <algorithm>

namespace tessera::kernel {

void HookRegistry::add(const std::string& plugin, const std::string& entity, sdk::HookPoint point,
                       int order, sdk::HookHandler handler) {
    std::lock_guard lock(mutex_);
    entries_.push_back(Entry{plugin, entity, point, order, sequence_++, std::move(handler)});
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.order, a.sequence) < std::tie(b.order, b.sequence);
    });
}

void HookRegistry::run(sdk::HookPoint point, sdk::HookEvent& event) const {
    std::vector<sdk::HookHandler> handlers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& entry : entries_) {
            if (entry.point == point && entry.entity == event.entity) {
                handlers.push_back(entry.handler);
            }
        }
    }
    for (const auto& handler : handlers) {
        handler(event);
    }
}

void HookRegistry::removeOwnedBy(const std::string& plugin) {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](const Entry& e) { return e.plugin == plugin; });
}

std::size_t HookRegistry::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace tessera::kernel
