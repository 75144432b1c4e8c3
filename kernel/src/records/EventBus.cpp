#include <tessera/kernel/records/EventBus.hpp>

#include <spdlog/spdlog.h>

namespace tessera::kernel {

namespace {

thread_local EventBus::Transaction* tTransaction = nullptr;

}  // namespace

bool EventBus::matches(const std::string& pattern, const std::string& type) {
    if (pattern.ends_with(".*")) {
        return type.starts_with(pattern.substr(0, pattern.size() - 1));
    }
    return pattern == type || pattern == "*";
}

EventBus::Transaction::Transaction(const EventBus& bus, Poco::Data::Session& session)
    : bus_(bus), session_(session), previous_(tTransaction) {
    tTransaction = this;
}

EventBus::Transaction::~Transaction() {
    tTransaction = previous_;
}

void EventBus::Transaction::committed() {
    if (tTransaction == this) {
        tTransaction = previous_;
    }
    std::vector<sdk::Event> events;
    events.swap(events_);
    if (events.empty()) {
        return;
    }
    if (auto recorder = bus_.recorder(); recorder.committed) {
        try {
            recorder.committed();
        } catch (const std::exception& e) {
            spdlog::error("waking the outbox failed: {}", e.what());
        }
    }
    for (const auto& event : events) {
        bus_.deliver(event);
    }
}

void EventBus::subscribe(const std::string& plugin, const std::string& type,
                         sdk::EventHandler handler) {
    std::lock_guard lock(mutex_);
    entries_.push_back({plugin, {type, std::move(handler)}});
}

EventBus::Recorder EventBus::recorder() const {
    std::lock_guard lock(mutex_);
    return recorder_;
}

void EventBus::setRecorder(Recorder recorder) {
    std::lock_guard lock(mutex_);
    recorder_ = std::move(recorder);
}

Poco::Data::Session* EventBus::transactionSession() const {
    for (Transaction* open = tTransaction; open; open = open->previous_) {
        if (&open->bus_ == this) {
            return &open->session_;
        }
    }
    return nullptr;
}

void EventBus::publish(const sdk::Event& event) const {
    Recorder recorder = this->recorder();
    for (Transaction* open = tTransaction; open; open = open->previous_) {
        if (&open->bus_ == this) {
            if (recorder.record) {
                recorder.record(&open->session_, event);  // fails the transaction if it fails
            }
            open->events_.push_back(event);
            return;
        }
    }
    if (recorder.record) {
        recorder.record(nullptr, event);
        if (recorder.committed) {
            recorder.committed();
        }
    }
    deliver(event);
}

void EventBus::deliver(const sdk::Event& event) const {
    std::vector<std::pair<std::string, sdk::EventHandler>> handlers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [plugin, entry] : entries_) {
            if (matches(entry.first, event.type)) {
                handlers.emplace_back(plugin, entry.second);
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
    std::erase_if(entries_, [&](const auto& e) { return e.first == plugin; });
}

}  // namespace tessera::kernel
