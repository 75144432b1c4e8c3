#include <tessera/kernel/outbox/Outbox.hpp>

#include <regex>

#include <spdlog/spdlog.h>

#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

constexpr std::int64_t kOutboxTablesLock = 0x746573736f757401;  // "tessout" + 1
constexpr int kDispatchBatch = 200;

[[noreturn]] void invalidConsumer(const std::string& id, const std::string& field,
                                  const std::string& why) {
    throw sdk::PluginError(
        sdk::Error{"validation",
                   "outbox consumer '" + id.substr(0, 100) + "': " + field + " " + why,
                   {{field, why}}});
}

}  // namespace

/// A delivery this process holds the lease of.
struct Outbox::Claim {
    std::int64_t id = 0;
    std::int64_t outboxId = 0;
    std::string consumer;
    int attempts = 0;
    int maxAttempts = 1;
    std::string token;
    sdk::Event event;
    sdk::OutboxHandler handler;
};

Outbox::Outbox(Database& db, Options options)
    : db_(db), options_(std::move(options)), clock_(clockOrSystem(options_.clock)) {
    if (options_.node.empty()) {
        options_.node = defaultNodeName();
    }
}

Outbox::~Outbox() {
    stop();
}

void Outbox::ensureTables() {
    Poco::Data::Session s = db_.session();
    auto lock = db_.advisoryLock(s, kOutboxTablesLock);
    SqlDialect dialect(db_.backend());
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_outbox (" + dialect.idColumn() +
                     ", event_type TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT "
                     "NULL, dispatched INTEGER NOT NULL DEFAULT 0)");
    Sql::execute(db_, s,
                 "CREATE INDEX IF NOT EXISTS tessera_outbox_new ON tessera_outbox (dispatched, "
                 "id)");
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_outbox_deliveries (" + dialect.idColumn() +
                     ", outbox_id BIGINT NOT NULL, consumer_id TEXT NOT NULL, state TEXT NOT "
                     "NULL, attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL, "
                     "next_attempt_at BIGINT NOT NULL, lease_owner TEXT, lease_until BIGINT, "
                     "last_error TEXT, created_at BIGINT NOT NULL, finished_at BIGINT, "
                     "UNIQUE (outbox_id, consumer_id))");
    Sql::execute(db_, s,
                 "CREATE INDEX IF NOT EXISTS tessera_outbox_deliveries_due ON "
                 "tessera_outbox_deliveries (state, next_attempt_at)");
}

void Outbox::write(Poco::Data::Session* session, const sdk::Event& event) {
    std::string payload =
        event.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const char* sql =
        "INSERT INTO tessera_outbox (event_type, payload, created_at) VALUES ($1, $2, $3)";
    if (session) {
        Sql::execute(db_, *session, sql, {event.type, payload, nowMs()});
    } else {
        Poco::Data::Session s = db_.session();
        Sql::execute(db_, s, sql, {event.type, payload, nowMs()});
    }
}

void Outbox::addConsumer(const std::string& pluginId, sdk::OutboxConsumer consumer) {
    addConsumer(pluginId, std::move(consumer), {});
}

void Outbox::addConsumer(const std::string& pluginId, sdk::OutboxConsumer consumer,
                         std::function<bool(const std::string& eventType)> wants) {
    static const std::regex idPattern("[a-z][a-z0-9_.-]*");
    if (!consumer.id.starts_with(pluginId + ".") || consumer.id.size() == pluginId.size() + 1 ||
        !std::regex_match(consumer.id, idPattern) || consumer.id.size() > 100) {
        invalidConsumer(consumer.id, "id",
                        "must be '" + pluginId + ".<name>' in lower case (a-z, 0-9, _ . -)");
    }
    if (consumer.eventTypes.empty()) {
        invalidConsumer(consumer.id, "eventTypes",
                        "is empty: name the event types, e.g. \"record.*\"");
    }
    for (const auto& type : consumer.eventTypes) {
        if (type.empty()) {
            invalidConsumer(consumer.id, "eventTypes", "holds an empty type");
        }
    }
    if (!consumer.handler) {
        invalidConsumer(consumer.id, "handler",
                        "is missing: give the function that handles events");
    }
    if (consumer.maxAttempts < 1 || consumer.maxAttempts > 100) {
        invalidConsumer(consumer.id, "maxAttempts",
                        "must be from 1 to 100, not " + std::to_string(consumer.maxAttempts));
    }
    std::lock_guard lock(mutex_);
    if (auto it = consumers_.find(consumer.id); it != consumers_.end()) {
        invalidConsumer(consumer.id, "id", "is already registered by '" + it->second.plugin + "'");
    }
    std::string id = consumer.id;
    consumers_.emplace(id, Registered{pluginId, std::move(consumer), std::move(wants)});
}

void Outbox::removeOwnedBy(const std::string& pluginId) {
    std::lock_guard lock(mutex_);
    std::erase_if(consumers_, [&](const auto& entry) { return entry.second.plugin == pluginId; });
}

void Outbox::dispatch() {
    struct Target {
        std::string id;
        std::vector<std::string> types;
        int maxAttempts;
        std::function<bool(const std::string&)> wants;
        std::map<std::string, bool> answers;  ///< of `wants`, per event type, for one batch
    };
    std::vector<Target> consumers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, entry] : consumers_) {
            consumers.push_back(
                {id, entry.consumer.eventTypes, entry.consumer.maxAttempts, entry.wants, {}});
        }
    }
    auto wanted = [](Target& target, const std::string& type) {
        if (!std::any_of(target.types.begin(), target.types.end(),
                         [&](const auto& p) { return EventBus::matches(p, type); })) {
            return false;
        }
        if (!target.wants) {
            return true;
        }
        auto [it, fresh] = target.answers.try_emplace(type, false);
        if (fresh) {
            it->second = target.wants(type);
        }
        return it->second;
    };
    bool postgres = db_.backend() == Backend::Postgres;
    Poco::Data::Session s = db_.session();
    if (Sql::query(db_, s, "SELECT id FROM tessera_outbox WHERE dispatched = 0 LIMIT 1").empty()) {
        return;
    }
    while (true) {
        std::size_t batch = db_.withTransaction(s, [&](Poco::Data::Session& tx) {
            SqlRows rows = Sql::query(db_, tx,
                                      std::string("SELECT id, event_type FROM tessera_outbox "
                                                  "WHERE dispatched = 0 ORDER BY id LIMIT ") +
                                          std::to_string(kDispatchBatch) +
                                          (postgres ? " FOR UPDATE SKIP LOCKED" : ""));
            std::int64_t now = nowMs();
            for (auto& target : consumers) {
                target.answers.clear();
            }
            for (const auto& row : rows.rows) {
                std::int64_t outboxId = asInt(row[0]);
                std::string type = asString(row[1]);
                for (auto& target : consumers) {
                    if (wanted(target, type)) {
                        Sql::execute(db_, tx,
                                     "INSERT INTO tessera_outbox_deliveries (outbox_id, "
                                     "consumer_id, state, attempts, max_attempts, "
                                     "next_attempt_at, created_at) VALUES ($1, $2, 'pending', 0, "
                                     "$3, $4, $5) ON CONFLICT (outbox_id, consumer_id) DO NOTHING",
                                     {outboxId, target.id,
                                      static_cast<std::int64_t>(target.maxAttempts), now, now});
                    }
                }
                Sql::execute(db_, tx, "UPDATE tessera_outbox SET dispatched = 1 WHERE id = $1",
                             {outboxId});
            }
            return rows.size();
        });
        if (batch < static_cast<std::size_t>(kDispatchBatch)) {
            return;
        }
    }
}

std::optional<Outbox::Claim> Outbox::claim() {
    std::vector<std::string> ids;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, entry] : consumers_) {
            ids.push_back(id);
        }
    }
    if (ids.empty()) {
        return std::nullopt;
    }
    bool postgres = db_.backend() == Backend::Postgres;
    while (true) {
        std::int64_t now = nowMs();
        std::vector<SqlValue> params = {now};
        std::string in;
        for (const auto& id : ids) {
            params.emplace_back(id);
            in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
        }
        bool again = false;
        Poco::Data::Session s = db_.session();
        // A plain read first, so an idle node does not take SQLite's write lock every poll.
        if (Sql::query(db_, s,
                       "SELECT id FROM tessera_outbox_deliveries WHERE consumer_id IN (" + in +
                           ") AND state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS "
                           "NULL OR lease_until < $1) LIMIT 1",
                       params)
                .empty()) {
            return std::nullopt;
        }
        auto claimed = db_.withTransaction(s, [&](Poco::Data::Session& tx) -> std::optional<Claim> {
            SqlRows rows = Sql::query(
                db_, tx,
                "SELECT id, outbox_id, consumer_id, attempts, max_attempts FROM "
                "tessera_outbox_deliveries WHERE consumer_id IN (" +
                    in +
                    ") AND state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL "
                    "OR lease_until < $1) ORDER BY id LIMIT 1" +
                    (postgres ? " FOR UPDATE SKIP LOCKED" : ""),
                params);
            if (rows.empty()) {
                return std::nullopt;
            }
            const auto& row = rows.rows.front();
            Claim c;
            c.id = asInt(row[0]);
            c.outboxId = asInt(row[1]);
            c.consumer = asString(row[2]);
            c.attempts = static_cast<int>(asInt(row[3])) + 1;
            c.maxAttempts = static_cast<int>(asInt(row[4]));
            {
                std::lock_guard lock(mutex_);
                auto it = consumers_.find(c.consumer);
                if (it == consumers_.end()) {
                    return std::nullopt;
                }
                c.handler = it->second.consumer.handler;
            }
            if (c.attempts > c.maxAttempts) {
                Sql::execute(db_, tx,
                             "UPDATE tessera_outbox_deliveries SET state = 'dead', lease_owner = "
                             "NULL, lease_until = NULL, finished_at = $1, last_error = $2 WHERE "
                             "id = $3",
                             {now,
                              "attempt " + std::to_string(c.maxAttempts) +
                                  " stopped renewing its lease (its process ended?)",
                              c.id});
                again = true;
                return std::nullopt;
            }
            SqlRows event =
                Sql::query(db_, tx, "SELECT event_type, payload FROM tessera_outbox WHERE id = $1",
                           {c.outboxId});
            if (event.empty()) {
                Sql::execute(db_, tx,
                             "UPDATE tessera_outbox_deliveries SET state = 'dead', last_error = "
                             "'the event is gone from the outbox' WHERE id = $1",
                             {c.id});
                again = true;
                return std::nullopt;
            }
            c.event.type = asString(event.rows[0][0]);
            c.event.payload = nlohmann::json::parse(asString(event.rows[0][1]), nullptr, false);
            {
                std::lock_guard lock(mutex_);
                c.token = options_.node + "#" + std::to_string(++claims_);
            }
            std::size_t changed = Sql::execute(
                db_, tx,
                "UPDATE tessera_outbox_deliveries SET attempts = $1, lease_owner = $2, "
                "lease_until = $3 WHERE id = $4 AND attempts = $5",
                {static_cast<std::int64_t>(c.attempts), c.token, now + options_.lease.count(), c.id,
                 static_cast<std::int64_t>(c.attempts - 1)});
            if (changed != 1) {
                again = true;
                return std::nullopt;
            }
            return c;
        });
        if (claimed || !again) {
            return claimed;
        }
    }
}

void Outbox::execute(Claim& claim) {
    std::string error;
    bool ok = false;
    try {
        claim.handler(claim.outboxId, claim.event);
        ok = true;
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = "the consumer threw an exception that is not a std::exception";
    }
    std::int64_t now = nowMs();
    Poco::Data::Session s = db_.session();
    if (ok) {
        Sql::execute(db_, s,
                     "UPDATE tessera_outbox_deliveries SET state = 'done', finished_at = $1, "
                     "lease_owner = NULL, lease_until = NULL WHERE id = $2 AND lease_owner = $3",
                     {now, claim.id, claim.token});
    } else if (claim.attempts >= claim.maxAttempts) {
        spdlog::error("outbox: {} gave up on event {} ({}) after {} attempts: {}", claim.consumer,
                      claim.outboxId, claim.event.type, claim.attempts, error);
        Sql::execute(db_, s,
                     "UPDATE tessera_outbox_deliveries SET state = 'dead', finished_at = $1, "
                     "lease_owner = NULL, lease_until = NULL, last_error = $2 WHERE id = $3 AND "
                     "lease_owner = $4",
                     {now, error, claim.id, claim.token});
    } else {
        auto delay = backoffDelay(claim.attempts, options_.backoff, options_.maxBackoff);
        spdlog::warn("outbox: {} failed on event {} ({}), attempt {} of {}, retrying in {} ms: {}",
                     claim.consumer, claim.outboxId, claim.event.type, claim.attempts,
                     claim.maxAttempts, delay.count(), error);
        Sql::execute(db_, s,
                     "UPDATE tessera_outbox_deliveries SET next_attempt_at = $1, lease_owner = "
                     "NULL, lease_until = NULL, last_error = $2 WHERE id = $3 AND lease_owner = $4",
                     {now + delay.count(), error, claim.id, claim.token});
    }
}

int Outbox::deliverDue() {
    dispatch();
    int attempted = 0;
    while (auto c = claim()) {
        ++attempted;
        execute(*c);
    }
    return attempted;
}

std::vector<Outbox::Delivery> Outbox::deliveries(const std::string& state, int limit) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(
        db_, s,
        "SELECT d.id, d.outbox_id, d.consumer_id, o.event_type, d.state, d.attempts, "
        "d.max_attempts, d.next_attempt_at, o.created_at, d.last_error FROM "
        "tessera_outbox_deliveries d JOIN tessera_outbox o ON o.id = d.outbox_id WHERE d.state = "
        "$1 ORDER BY d.id DESC LIMIT $2",
        {state, static_cast<std::int64_t>(limit)});
    std::vector<Delivery> result;
    for (const auto& row : rows.rows) {
        result.push_back(Delivery{asInt(row[0]), asInt(row[1]), asString(row[2]), asString(row[3]),
                                  asString(row[4]), static_cast<int>(asInt(row[5])),
                                  static_cast<int>(asInt(row[6])), asInt(row[7]), asInt(row[8]),
                                  asString(row[9])});
    }
    return result;
}

std::map<std::string, std::int64_t> Outbox::counts() {
    Poco::Data::Session s = db_.session();
    std::map<std::string, std::int64_t> result{{"pending", 0}, {"done", 0}, {"dead", 0}};
    for (const auto& row : Sql::query(db_, s,
                                      "SELECT state, COUNT(*) FROM tessera_outbox_deliveries "
                                      "GROUP BY state")
                               .rows) {
        result[asString(row[0])] = asInt(row[1]);
    }
    result["undispatched"] =
        asInt(Sql::scalar(db_, s, "SELECT COUNT(*) FROM tessera_outbox WHERE dispatched = 0"));
    return result;
}

bool Outbox::retry(std::int64_t deliveryId) {
    Poco::Data::Session s = db_.session();
    bool changed = Sql::execute(db_, s,
                                "UPDATE tessera_outbox_deliveries SET state = 'pending', attempts "
                                "= 0, next_attempt_at = $1, lease_owner = NULL, lease_until = "
                                "NULL, finished_at = NULL WHERE id = $2 AND state = 'dead'",
                                {nowMs(), deliveryId}) == 1;
    if (changed) {
        wake();
    }
    return changed;
}

std::int64_t Outbox::retryAllDead() {
    Poco::Data::Session s = db_.session();
    auto changed = static_cast<std::int64_t>(
        Sql::execute(db_, s,
                     "UPDATE tessera_outbox_deliveries SET state = 'pending', attempts = 0, "
                     "next_attempt_at = $1, lease_owner = NULL, lease_until = NULL, finished_at "
                     "= NULL WHERE state = 'dead'",
                     {nowMs()}));
    if (changed > 0) {
        wake();
    }
    return changed;
}

std::int64_t Outbox::purge(std::chrono::system_clock::time_point before) {
    std::int64_t cutoff = epochMillis(before);
    Poco::Data::Session s = db_.session();
    return db_.withTransaction(s, [&](Poco::Data::Session& tx) {
        auto deliveries = Sql::execute(db_, tx,
                                       "DELETE FROM tessera_outbox_deliveries WHERE state = "
                                       "'done' AND finished_at < $1",
                                       {cutoff});
        auto events = Sql::execute(db_, tx,
                                   "DELETE FROM tessera_outbox WHERE dispatched = 1 AND "
                                   "created_at < $1 AND NOT EXISTS (SELECT 1 FROM "
                                   "tessera_outbox_deliveries d WHERE d.outbox_id = "
                                   "tessera_outbox.id)",
                                   {cutoff});
        return static_cast<std::int64_t>(deliveries + events);
    });
}

void Outbox::start() {
    std::lock_guard lock(threadMutex_);
    if (thread_.joinable()) {
        return;
    }
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void Outbox::stop() {
    {
        std::lock_guard lock(threadMutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Outbox::wake() {
    {
        std::lock_guard lock(threadMutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

void Outbox::loop() {
    std::unique_lock lock(threadMutex_);
    while (!stopping_) {
        woken_ = false;
        lock.unlock();
        try {
            deliverDue();
        } catch (const std::exception& e) {
            spdlog::error("outbox: delivering events failed: {}", e.what());
        }
        lock.lock();
        wakeUp_.wait_for(lock, options_.poll, [&] { return stopping_ || woken_; });
    }
}

}  // namespace tessera::kernel
