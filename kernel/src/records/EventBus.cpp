#include <tessera/kernel/records/EventBus.hpp>

#include <spdlog/spdlog.h>

namespace tessera::kernel {

namespace {

bool matches(const std::string& pattern, const std::string& type) {
    if (pattern.ends_with(".*")) {
        return type.starts_with(pattern.substr(0, pattern.size() - 1));
    }
    return pattern == type || pattern == "*";
}

}  // namespace

void EventBus::subscribe(const std::string& plugin, const std::string& type,
                         sdk::EventHandler handler) {
    std::lock_guard lock(mutex_);
    entries_.push_back(Entry{plugin, type, std::move(handler)});
}

void EventBus::publish(const sdk::Event& event) const {
    std::vector<std::pair<std::string, sdk::EventHandler>> handlers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& entry : entries_) {
            if (matches(entry.type, event.type)) {
                handlers.emplace_back(entry.plugin, entry.handler);
            }
        }
    }
    for (const auto& [plugin, handler] : handlers) {
        try {
            handler(event);
        } catch (const std::exception& e) {
            spdlog::error("plugin '{}' failed handling event {}: {}", plugin, event.type, e.what());
        } catch (...) {
            spdlog::error("plugin '{}' failed handling event {}", plugin, event.type);
        }
    }
}

void EventBus::removeOwnedBy(const std::string& plugin) {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](const Entry& e) { return e.plugin == plugin; });
}

}  // namespace tessera::kernel
