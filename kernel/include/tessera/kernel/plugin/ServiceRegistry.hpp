#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tessera::kernel {

/// Services plugins offer each other, by string id, each tagged with the plugin that provided
/// it. Thread-safe.
class ServiceRegistry {
public:
    /// Throws sdk::PluginError naming both plugins when the id is taken.
    void provide(const std::string& owner, const std::string& id, std::shared_ptr<void> service);
    std::shared_ptr<void> find(const std::string& id) const;
    /// Drops what `owner` provided, most recent first.
    void removeOwnedBy(const std::string& owner);
    std::vector<std::string> ids() const;

private:
    struct Entry {
        std::string owner;
        std::shared_ptr<void> service;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Entry> services_;
    std::vector<std::string> order_;
};

}  // namespace tessera::kernel
