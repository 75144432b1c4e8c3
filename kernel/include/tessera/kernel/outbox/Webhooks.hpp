#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kernel/jobs/JobClock.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>
#include <tessera/sdk/Services.hpp>

namespace tessera::kernel {

/// Outgoing webhooks, a kernel feature: admins subscribe URLs to event types; the outbox
/// consumer "kernel.webhooks" POSTs each matching event to each active subscription, signed
/// with the subscription's secret (docs/webhooks.md):
///   X-Tessera-Event: <type>, X-Tessera-Delivery: <outbox id>-<subscription id> (the same for
///   every retry, for idempotency), X-Tessera-Timestamp: <unix seconds>,
///   X-Tessera-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed by the secret>.
/// A non-2xx answer, a refused connection or no answer within the timeout is a failure: the
/// outbox retries the event with backoff, and subscriptions that already accepted it are not
/// posted to again. Every attempt is logged in `tessera_webhook_log`.
///
/// HTTPS needs Poco NetSSL at build time (httpsAvailable()); without it https URLs are refused
/// when subscribing, with that reason. Thread-safe.
class Webhooks {
public:
    static constexpr const char* kConsumerId = "kernel.webhooks";

    struct Options {
        /// Connect, send and answer timeout of one POST (`webhooks.timeout`, seconds, in the
        /// config).
        std::chrono::milliseconds timeout{10000};
        /// Attempts of an event before the outbox dead-letters it (`webhooks.attempts`).
        int maxAttempts = 8;
        JobClock clock;
    };

    struct Subscription {
        std::int64_t id = 0;
        std::string url;
        std::vector<std::string> eventTypes;
        bool active = true;
        std::int64_t createdAt = 0;  ///< epoch ms
        /// Set only by subscribe(): the secret is shown once.
        std::string secret;
    };

    struct Attempt {
        std::int64_t id = 0;
        std::int64_t webhookId = 0;
        std::int64_t outboxId = 0;
        std::string eventType;
        int attempt = 0;
        int statusCode = 0;  ///< 0 when no answer came
        std::int64_t durationMs = 0;
        std::string error;
        bool ok = false;
        std::int64_t at = 0;  ///< epoch ms
    };

    Webhooks(Database& db, Options options);

    /// Creates the tables when missing (under a database lock).
    void ensureTables();

    /// Checks and stores a subscription with a new secret. `eventTypes` is a list separated by
    /// commas, spaces or lines ("record.*, deals.won"). Throws sdk::PluginError ("validation",
    /// with the field: url or events) and stores nothing for bad input.
    Subscription subscribe(const std::string& url, const std::string& eventTypes);
    /// Every subscription, newest first (without secrets).
    std::vector<Subscription> list();
    std::optional<Subscription> find(std::int64_t id);
    /// false when there is no such subscription.
    bool setActive(std::int64_t id, bool active);
    /// Deletes the subscription and its log; false when there is none.
    bool remove(std::int64_t id);
    /// The newest attempts of one subscription first.
    std::vector<Attempt> log(std::int64_t webhookId, int limit);

    /// Deletes log entries written before `before`; returns how many.
    std::int64_t purge(std::chrono::system_clock::time_point before);

    /// The outbox consumer to register with plugin id "kernel", with wants() as its filter.
    sdk::OutboxConsumer consumer();
    /// Whether an active subscription matches `eventType`: events nobody subscribed to get no
    /// delivery, so an import of a hundred thousand records does not queue as many no-ops.
    bool wants(const std::string& eventType);
    /// Posts the event to every active matching subscription that has not accepted it yet;
    /// throws naming the failures when any failed.
    void deliver(std::int64_t outboxId, const sdk::Event& event);

    static bool httpsAvailable();
    /// The X-Tessera-Signature value: "sha256=" + hex HMAC-SHA256("<timestamp>.<body>").
    static std::string signature(const std::string& secret, const std::string& timestamp,
                                 const std::string& body);

private:
    struct Answer {
        int status = 0;
        std::string error;
    };
    Answer post(const std::string& url, const std::string& body,
                const std::vector<std::pair<std::string, std::string>>& headers);
    std::vector<Subscription> select(const std::string& where, const std::vector<SqlValue>& params);

    Database& db_;
    Options options_;
    JobClock clock_;
};

}  // namespace tessera::kernel
