#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <tessera/sdk/Hooks.hpp>

namespace tessera::kernel {

/// The typed record hooks plugins register, per entity and point, run by the record API in
/// ascending `order` (then registration order). Registration happens at start-up; running is
/// thread-safe.
class HookRegistry {
public:
    void add(const std::string& plugin, const std::string& entity, sdk::HookPoint point,
             int order, sdk::HookHandler handler);
    /// Runs every hook for `event.entity` at `point`; exceptions propagate to the record API.
    void run(sdk::HookPoint point, sdk::HookEvent& event) const;
    void removeOwnedBy(const std::string& plugin);
    std::size_t size() const;

private:
    struct Entry {
        std::string plugin;
        std::string entity;
        sdk::HookPoint point;
        int order;
        std::size_t sequence;
        sdk::HookHandler handler;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
    std::size_t sequence_ = 0;
};

}  // namespace tessera::kernel
