#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <tessera/kernel/jobs/JobClock.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/sdk/Services.hpp>

namespace tessera::kernel {

/// The transactional outbox (DESIGN §5): every event is written to `tessera_outbox` in the
/// transaction of the write that caused it (EventBus's recorder calls write()), then delivered
/// to each consumer whose event types match, at least once, from `tessera_outbox_deliveries`.
///
/// Delivery: deliverDue() first dispatches new events (one delivery row per matching consumer
/// this node knows, claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL), then claims due
/// deliveries one at a time with a lease, as job runs are claimed, so two nodes never hand the
/// same delivery to consumers at once and one that died holding it is retried after the lease.
/// A consumer that throws is retried after an exponential backoff; after its maxAttempts the
/// delivery is dead and waits for an admin's retry (/admin/outbox).
///
/// Kernel consumers register with plugin id "kernel" ("kernel.webhooks"). Thread-safe; start()
/// runs a delivery thread that wake() (called after each commit that wrote events) rouses.
class Outbox {
public:
    struct Options {
        /// Delay before the first retry; doubled for each further one.
        std::chrono::milliseconds backoff{10000};
        std::chrono::milliseconds maxBackoff{std::chrono::hours(1)};
        /// How long a node may hold a delivery before others take it as abandoned.
        std::chrono::milliseconds lease{120000};
        /// How often the delivery thread looks for due retries without being woken.
        std::chrono::milliseconds poll{1000};
        std::string node;
        JobClock clock;
    };

    /// One delivery, as the admin page shows it.
    struct Delivery {
        std::int64_t id = 0;
        std::int64_t outboxId = 0;
        std::string consumer;
        std::string eventType;
        std::string state;  ///< pending, done, dead
        int attempts = 0;
        int maxAttempts = 0;
        std::int64_t nextAttemptAt = 0;  ///< epoch ms
        std::int64_t createdAt = 0;      ///< of the event, epoch ms
        std::string lastError;
    };

    Outbox(Database& db, Options options);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    /// Creates the tables when missing (under a database lock).
    void ensureTables();

    /// Writes one event: with `session`'s open transaction, or on its own when it is null.
    /// One INSERT.
    void write(Poco::Data::Session* session, const sdk::Event& event);

    /// Registers a consumer; its id must start with "<pluginId>.". Throws sdk::PluginError
    /// ("validation", naming the field) for a bad definition or a duplicate id.
    void addConsumer(const std::string& pluginId, sdk::OutboxConsumer consumer);
    /// As above, for a consumer that wants only some events of its types at the moment they are
    /// dispatched (webhooks without a matching subscription): events `wants` refuses get no
    /// delivery. `wants` is asked once per event type and dispatch batch.
    void addConsumer(const std::string& pluginId, sdk::OutboxConsumer consumer,
                     std::function<bool(const std::string& eventType)> wants);
    void removeOwnedBy(const std::string& pluginId);

    /// Dispatches new events and hands every due delivery to its consumer, on this thread;
    /// returns how many deliveries it attempted.
    int deliverDue();

    /// Deliveries in `state`, newest first.
    std::vector<Delivery> deliveries(const std::string& state, int limit);
    /// state -> count, plus "undispatched" for events not yet fanned out.
    std::map<std::string, std::int64_t> counts();
    /// Makes a dead delivery pending again with fresh attempts; false when it is not dead.
    bool retry(std::int64_t deliveryId);
    /// retry() for every dead delivery; returns how many.
    std::int64_t retryAllDead();
    /// Deletes delivered deliveries finished before `before` and the events none of whose
    /// deliveries is left (pending and dead ones stay); returns how many rows went.
    std::int64_t purge(std::chrono::system_clock::time_point before);

    void start();
    void stop();
    void wake();

private:
    struct Registered {
        std::string plugin;
        sdk::OutboxConsumer consumer;
        std::function<bool(const std::string&)> wants;
    };
    struct Claim;

    std::int64_t nowMs() const { return epochMillis(clock_()); }
    void dispatch();
    std::optional<Claim> claim();
    void execute(Claim& claim);
    void loop();

    Database& db_;
    Options options_;
    JobClock clock_;
    std::int64_t claims_ = 0;

    mutable std::mutex mutex_;
    std::map<std::string, Registered> consumers_;

    std::mutex threadMutex_;
    std::condition_variable wakeUp_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

}  // namespace tessera::kernel
