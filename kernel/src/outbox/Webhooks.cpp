#include <tessera/kernel/outbox/Webhooks.hpp>

#include <memory>
#include <mutex>
#include <regex>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/URI.h>
#ifdef TESSERA_HAVE_NETSSL
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#endif
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

constexpr std::int64_t kWebhookTablesLock = 0x7465737377656201;  // "tessweb" + 1
constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxTypes = 50;

[[noreturn]] void invalid(const std::string& field, const std::string& why) {
    throw sdk::PluginError(sdk::Error{"validation", field + ": " + why, {{field, why}}});
}

std::vector<std::string> splitTypes(const std::string& text) {
    std::string spaced = text;
    for (char& c : spaced) {
        if (c == ',' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
            c = ' ';
        }
    }
    std::istringstream words(spaced);
    std::vector<std::string> types;
    for (std::string word; words >> word;) {
        if (std::find(types.begin(), types.end(), word) == types.end()) {
            types.push_back(word);
        }
    }
    return types;
}

std::string joinTypes(const std::vector<std::string>& types) {
    std::string text;
    for (const auto& type : types) {
        text += (text.empty() ? "" : " ") + type;
    }
    return text;
}

#ifdef TESSERA_HAVE_NETSSL
Poco::Net::Context::Ptr clientContext() {
    static std::once_flag once;
    static Poco::Net::Context::Ptr context;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                         Poco::Net::Context::VERIFY_RELAXED, 9, true);
        // A certificate that does not verify (or names another host) fails the delivery; no
        // handler from an application config is looked for.
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, new Poco::Net::RejectCertificateHandler(false), context);
    });
    return context;
}
#endif

}  // namespace

Webhooks::Webhooks(Database& db, Options options)
    : db_(db), options_(std::move(options)), clock_(clockOrSystem(options_.clock)) {}

bool Webhooks::httpsAvailable() {
#ifdef TESSERA_HAVE_NETSSL
    return true;
#else
    return false;
#endif
}

std::string Webhooks::signature(const std::string& secret, const std::string& timestamp,
                                const std::string& body) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    std::string message = timestamp + "." + body;
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
    return std::string("sha256=") + hex;
}

void Webhooks::ensureTables() {
    Poco::Data::Session s = db_.session();
    auto lock = db_.advisoryLock(s, kWebhookTablesLock);
    SqlDialect dialect(db_.backend());
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_webhooks (" + dialect.idColumn() +
                     ", url TEXT NOT NULL, event_types TEXT NOT NULL, secret TEXT NOT NULL, "
                     "active INTEGER NOT NULL DEFAULT 1, created_at BIGINT NOT NULL)");
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_webhook_log (" + dialect.idColumn() +
                     ", webhook_id BIGINT NOT NULL, outbox_id BIGINT NOT NULL, event_type TEXT "
                     "NOT NULL, attempt INTEGER NOT NULL, status_code INTEGER NOT NULL, "
                     "duration_ms BIGINT NOT NULL, error TEXT, ok INTEGER NOT NULL, created_at "
                     "BIGINT NOT NULL)");
    Sql::execute(db_, s,
                 "CREATE INDEX IF NOT EXISTS tessera_webhook_log_event ON tessera_webhook_log "
                 "(webhook_id, outbox_id)");
}

Webhooks::Subscription Webhooks::subscribe(const std::string& url, const std::string& events) {
    if (url.empty()) {
        invalid("url", "is required: give the http:// or https:// address that receives events");
    }
    if (url.size() > kMaxUrl) {
        invalid("url", "is longer than " + std::to_string(kMaxUrl) + " characters");
    }
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        invalid("url", "'" + url.substr(0, 100) +
                           "' is not a URL: write e.g. "
                           "https://example.com/hooks/tessera");
    }
    std::string scheme = uri.getScheme();
    if (scheme != "http" && scheme != "https") {
        invalid("url", "'" + url.substr(0, 100) + "' " +
                           (scheme.empty() ? "is not a URL"
                                           : "uses " + scheme.substr(0, 20) + "://, not http(s)") +
                           ": write e.g. https://example.com/hooks/tessera");
    }
    if (uri.getHost().empty()) {
        invalid("url", "'" + url.substr(0, 100) +
                           "' names no host: write e.g. "
                           "https://example.com/hooks/tessera");
    }
    for (char c : url) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f ||
            std::string_view("\"<>\\^`{|}").find(c) != std::string_view::npos) {
            invalid("url",
                    "holds a character a URL cannot hold (spaces, quotes, < > { } | \\ ^ `): "
                    "percent-encode it, e.g. %20 for a space");
        }
    }
    if (!uri.getFragment().empty()) {
        invalid("url", "must not end in a #fragment: receivers never see it");
    }
    if (scheme == "https" && !httpsAvailable()) {
        invalid("url",
                "https needs Tessera built with Poco NetSSL (libpoco-dev's NetSSL "
                "library); this build can only post to http:// URLs");
    }
    std::vector<std::string> types = splitTypes(events);
    if (types.empty()) {
        invalid("events", "name at least one event type, e.g. record.* or record.created");
    }
    if (types.size() > kMaxTypes) {
        invalid("events", "name at most " + std::to_string(kMaxTypes) + " event types");
    }
    static const std::regex pattern(R"(\*|[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?)");
    for (const auto& type : types) {
        if (type.size() > 100 || !std::regex_match(type, pattern)) {
            invalid("events", "'" + type.substr(0, 100) +
                                  "' is not an event type: use names such as record.created, "
                                  "record.* or deals.won");
        }
    }
    Subscription created;
    created.url = url;
    created.eventTypes = types;
    created.active = true;
    created.createdAt = epochMillis(clock_());
    created.secret = "whsec_" + randomHex(32);
    Poco::Data::Session s = db_.session();
    created.id =
        asInt(Sql::scalar(db_, s,
                          "INSERT INTO tessera_webhooks (url, event_types, secret, active, "
                          "created_at) VALUES ($1, $2, $3, 1, $4) RETURNING id",
                          {url, joinTypes(types), created.secret, created.createdAt}));
    return created;
}

std::vector<Webhooks::Subscription> Webhooks::select(const std::string& where,
                                                     const std::vector<SqlValue>& params) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT id, url, event_types, active, created_at FROM "
                              "tessera_webhooks " +
                                  where + " ORDER BY id DESC",
                              params);
    std::vector<Subscription> result;
    for (const auto& row : rows.rows) {
        Subscription sub;
        sub.id = asInt(row[0]);
        sub.url = asString(row[1]);
        sub.eventTypes = splitTypes(asString(row[2]));
        sub.active = asBool(row[3]);
        sub.createdAt = asInt(row[4]);
        result.push_back(std::move(sub));
    }
    return result;
}

std::vector<Webhooks::Subscription> Webhooks::list() {
    return select("", {});
}

std::optional<Webhooks::Subscription> Webhooks::find(std::int64_t id) {
    auto found = select("WHERE id = $1", {id});
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

bool Webhooks::setActive(std::int64_t id, bool active) {
    Poco::Data::Session s = db_.session();
    return Sql::execute(db_, s, "UPDATE tessera_webhooks SET active = $1 WHERE id = $2",
                        {static_cast<std::int64_t>(active ? 1 : 0), id}) == 1;
}

bool Webhooks::remove(std::int64_t id) {
    Poco::Data::Session s = db_.session();
    return db_.withTransaction(s, [&](Poco::Data::Session& tx) {
        Sql::execute(db_, tx, "DELETE FROM tessera_webhook_log WHERE webhook_id = $1", {id});
        return Sql::execute(db_, tx, "DELETE FROM tessera_webhooks WHERE id = $1", {id}) == 1;
    });
}

std::vector<Webhooks::Attempt> Webhooks::log(std::int64_t webhookId, int limit) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT id, webhook_id, outbox_id, event_type, attempt, "
                              "status_code, duration_ms, error, ok, created_at FROM "
                              "tessera_webhook_log WHERE webhook_id = $1 ORDER BY id DESC "
                              "LIMIT $2",
                              {webhookId, static_cast<std::int64_t>(limit)});
    std::vector<Attempt> result;
    for (const auto& row : rows.rows) {
        result.push_back(Attempt{asInt(row[0]), asInt(row[1]), asInt(row[2]), asString(row[3]),
                                 static_cast<int>(asInt(row[4])), static_cast<int>(asInt(row[5])),
                                 asInt(row[6]), asString(row[7]), asBool(row[8]), asInt(row[9])});
    }
    return result;
}

std::int64_t Webhooks::purge(std::chrono::system_clock::time_point before) {
    Poco::Data::Session s = db_.session();
    return static_cast<std::int64_t>(Sql::execute(
        db_, s, "DELETE FROM tessera_webhook_log WHERE created_at < $1", {epochMillis(before)}));
}

sdk::OutboxConsumer Webhooks::consumer() {
    sdk::OutboxConsumer consumer;
    consumer.id = kConsumerId;
    consumer.eventTypes = {"*"};
    consumer.maxAttempts = options_.maxAttempts;
    consumer.handler = [this](std::int64_t outboxId, const sdk::Event& event) {
        deliver(outboxId, event);
    };
    return consumer;
}

bool Webhooks::wants(const std::string& eventType) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s, "SELECT event_types FROM tessera_webhooks WHERE active = 1");
    return std::any_of(rows.rows.begin(), rows.rows.end(), [&](const auto& row) {
        auto types = splitTypes(asString(row[0]));
        return std::any_of(types.begin(), types.end(),
                           [&](const auto& p) { return EventBus::matches(p, eventType); });
    });
}

void Webhooks::deliver(std::int64_t outboxId, const sdk::Event& event) {
    std::vector<std::pair<Subscription, std::string>> due;  // with the secret
    {
        Poco::Data::Session s = db_.session();
        SqlRows rows = Sql::query(db_, s,
                                  "SELECT id, url, event_types, secret FROM tessera_webhooks "
                                  "WHERE active = 1 ORDER BY id");
        for (const auto& row : rows.rows) {
            Subscription sub;
            sub.id = asInt(row[0]);
            sub.url = asString(row[1]);
            sub.eventTypes = splitTypes(asString(row[2]));
            bool wanted =
                std::any_of(sub.eventTypes.begin(), sub.eventTypes.end(),
                            [&](const auto& p) { return EventBus::matches(p, event.type); });
            if (wanted) {
                due.emplace_back(std::move(sub), asString(row[3]));
            }
        }
    }
    if (due.empty()) {
        return;
    }
    nlohmann::json envelope = {{"id", outboxId}, {"type", event.type}, {"data", event.payload}};
    std::string body = envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string failures;
    for (const auto& [sub, secret] : due) {
        SqlRows before;
        {
            Poco::Data::Session s = db_.session();  // not held while posting
            before = Sql::query(db_, s,
                                "SELECT COUNT(*), COALESCE(MAX(ok), 0) FROM tessera_webhook_log "
                                "WHERE webhook_id = $1 AND outbox_id = $2",
                                {sub.id, outboxId});
        }
        if (asInt(before.rows[0][1]) == 1) {
            continue;  // accepted on an earlier attempt
        }
        int attempt = static_cast<int>(asInt(before.rows[0][0])) + 1;
        auto started = std::chrono::steady_clock::now();
        std::string timestamp = std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count());
        Answer answer =
            post(sub.url, body,
                 {{"X-Tessera-Event", event.type},
                  {"X-Tessera-Delivery", std::to_string(outboxId) + "-" + std::to_string(sub.id)},
                  {"X-Tessera-Timestamp", timestamp},
                  {"X-Tessera-Signature", signature(secret, timestamp, body)}});
        auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        bool ok = answer.error.empty() && answer.status >= 200 && answer.status < 300;
        if (answer.error.empty() && !ok) {
            answer.error = "answered HTTP " + std::to_string(answer.status);
        }
        Poco::Data::Session s = db_.session();
        Sql::execute(db_, s,
                     "INSERT INTO tessera_webhook_log (webhook_id, outbox_id, event_type, attempt, "
                     "status_code, duration_ms, error, ok, created_at) VALUES ($1, $2, $3, $4, $5, "
                     "$6, $7, $8, $9)",
                     {sub.id, outboxId, event.type, static_cast<std::int64_t>(attempt),
                      static_cast<std::int64_t>(answer.status), static_cast<std::int64_t>(duration),
                      ok ? SqlValue{} : SqlValue{answer.error},
                      static_cast<std::int64_t>(ok ? 1 : 0), epochMillis(clock_())});
        if (!ok) {
            failures += (failures.empty() ? "" : "; ") + std::string("webhook ") +
                        std::to_string(sub.id) + " (" + sub.url.substr(0, 200) +
                        "): " + answer.error;
        }
    }
    if (!failures.empty()) {
        throw std::runtime_error(failures);
    }
}

Webhooks::Answer Webhooks::post(const std::string& url, const std::string& body,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
    Answer answer;
    try {
        Poco::URI uri(url);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
#ifdef TESSERA_HAVE_NETSSL
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                                      clientContext());
#else
            answer.error = "https needs Tessera built with Poco NetSSL";
            return answer;
#endif
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(options_.timeout.count()) *
                               1000);
        session->setTimeout(timeout, timeout, timeout);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST,
                                       uri.getPathEtc().empty() ? "/" : uri.getPathEtc(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        request.set("User-Agent", std::string("Tessera-Webhooks/") + TESSERA_VERSION);
        for (const auto& [name, value] : headers) {
            request.set(name, value);
        }
        session->sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        answer.status = static_cast<int>(response.getStatus());
        char sink[4096];
        for (std::size_t read = 0; read < 65536 && in.read(sink, sizeof(sink));
             read += sizeof(sink)) {
        }
    } catch (const Poco::TimeoutException&) {
        answer.error = "no answer within " + std::to_string(options_.timeout.count()) +
                       " ms (webhooks.timeout)";
    } catch (const Poco::Exception& e) {
        answer.error = e.displayText();
    } catch (const std::exception& e) {
        answer.error = e.what();
    }
    if (!answer.error.empty()) {
        answer.status = 0;
    }
    return answer;
}

}  // namespace tessera::kernel
