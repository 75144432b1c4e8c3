#include <tessera/kernel/plugin/ServiceRegistry.hpp>

#include <algorithm>

#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

void ServiceRegistry::provide(const std::string& owner, const std::string& id,
                              std::shared_ptr<void> service) {
    if (!service) {
        throw sdk::PluginError("service", "plugin '" + owner + "' provides an empty service '" +
                                              id + "'");
    }
    std::lock_guard lock(mutex_);
    auto [it, inserted] = services_.try_emplace(id, Entry{owner, std::move(service)});
    if (!inserted) {
        throw sdk::PluginError("service", "plugin '" + owner + "' provides service '" + id +
                                              "', which plugin '" + it->second.owner +
                                              "' already provides");
    }
    order_.push_back(id);
}

std::shared_ptr<void> ServiceRegistry::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = services_.find(id);
    return it == services_.end() ? nullptr : it->second.service;
}

void ServiceRegistry::removeOwnedBy(const std::string& owner) {
    std::lock_guard lock(mutex_);
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
        auto found = services_.find(*it);
        if (found != services_.end() && found->second.owner == owner) {
            services_.erase(found);
        }
    }
    std::erase_if(order_, [&](const std::string& id) { return !services_.contains(id); });
}

std::vector<std::string> ServiceRegistry::ids() const {
    std::lock_guard lock(mutex_);
    return order_;
}

}  // namespace tessera::kernel
