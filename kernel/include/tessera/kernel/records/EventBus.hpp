#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/sdk/Hooks.hpp>

namespace tessera::kernel {

/// Events: recorded durably through the recorder (the kernel's outbox) and delivered to
/// in-process subscribers after their transaction commits. A subscriber's exception is logged
/// and does not stop the others. Thread-safe.
class EventBus {
public:
    /// Writes events durably. `record` gets the session of the open transaction the event
    /// belongs to (written with it, gone if it rolls back), or null for an event published
    /// outside any transaction (written on its own); `committed` runs after a commit that
    /// recorded events, and after an event recorded on its own.
    struct Recorder {
        std::function<void(Poco::Data::Session* session, const sdk::Event& event)> record;
        std::function<void()> committed;
    };

    /// A transaction that events wait for (the record API's): while one is open on this thread,
    /// publish() records events in its session and holds their in-process delivery until
    /// committed(). Destroyed without committed(), it drops them (rollback). Nests: an inner
    /// one on the same thread is not expected (the record API joins the open transaction).
    class Transaction {
    public:
        Transaction(const EventBus& bus, Poco::Data::Session& session);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        /// Call after the commit: delivers the held events in-process.
        void committed();

    private:
        friend class EventBus;
        const EventBus& bus_;
        Poco::Data::Session& session_;
        std::vector<sdk::Event> events_;
        Transaction* previous_;
    };

    /// `type` may end in ".*" to receive every event with that prefix ("record.*").
    void subscribe(const std::string& plugin, const std::string& type, sdk::EventHandler handler);
    /// Records the event and delivers it: inside a Transaction on this thread, with its commit;
    /// otherwise at once.
    void publish(const sdk::Event& event) const;
    void removeOwnedBy(const std::string& plugin);
    /// Set by the kernel once the outbox exists; an empty one records nothing.
    void setRecorder(Recorder recorder);
    /// The session of the Transaction open on this thread for this bus (a hook's), or null.
    Poco::Data::Session* transactionSession() const;

    /// Whether `pattern` ("record.created", "record.*", "*") covers the event type `type`.
    static bool matches(const std::string& pattern, const std::string& type);

private:
    void deliver(const sdk::Event& event) const;
    Recorder recorder() const;

    mutable std::mutex mutex_;
    std::vector<std::pair<std::string, std::pair<std::string, sdk::EventHandler>>> entries_;
    Recorder recorder_;
};

}  // namespace tessera::kernel
