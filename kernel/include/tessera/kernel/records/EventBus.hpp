#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <tessera/sdk/Hooks.hpp>

namespace tessera::kernel {

/// In-process delivery of events after their transaction commits. A subscriber's exception is
/// logged and does not stop the others. Thread-safe.
class EventBus {
public:
    /// `type` may end in ".*" to receive every event with that prefix ("record.*").
    void subscribe(const std::string& plugin, const std::string& type, sdk::EventHandler handler);
    void publish(const sdk::Event& event) const;
    void removeOwnedBy(const std::string& plugin);

private:
    struct Entry {
        std::string plugin;
        std::string type;
        sdk::EventHandler handler;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

}  // namespace tessera::kernel
