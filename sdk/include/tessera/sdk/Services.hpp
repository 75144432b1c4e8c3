#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/config.hpp>
#include <nlohmann/json.hpp>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Hooks.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::sdk {

// ---------------------------------------------------------------------------------------------
// Jobs

/// One run of a job, handed to its handler. Thread-safe for the handler's own threads.
class BOOST_SYMBOL_VISIBLE JobRun {
public:
    virtual ~JobRun() = default;
    virtual std::int64_t runId() const = 0;
    /// The arguments given to JobService::enqueue ({} for scheduled runs).
    virtual const nlohmann::json& arguments() const = 0;
    /// The record API; act as Caller::systemCaller() unless the job works for a user.
    virtual Records& records() = 0;
    /// Reports progress a page can show ("1,200 of 5,000"); also renews the run's lease.
    virtual void progress(std::int64_t done, std::int64_t total) = 0;
    /// True once an admin asked the run to stop; a long handler should check it and return.
    virtual bool stopRequested() = 0;
};

using JobHandler = std::function<void(JobRun&)>;

/// A job a plugin registers. Scheduled jobs run on their cron expression on exactly one node
/// (leased through the database); every job can also be queued with arguments.
struct JobDefinition {
    /// "<plugin id>.<name>", e.g. "activities.reminders".
    std::string id;
    std::string label;
    /// Five fields (minute hour day-of-month month day-of-week), e.g. "*/5 * * * *"; empty for
    /// a job that only runs when queued.
    std::string cron;
    /// A run that does not renew its lease (progress()) for this long is taken as dead and run
    /// again.
    std::chrono::seconds lease{300};
    /// Attempts before a queued run is marked failed.
    int maxAttempts = 3;
    JobHandler handler;
};

/// What a page shows about one run.
struct JobRunStatus {
    std::int64_t runId = 0;
    std::string jobId;
    std::string state;  ///< queued, running, done, failed, stopped
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string error;
    std::string startedAt;   ///< ISO 8601 UTC, empty when not started
    std::string finishedAt;  ///< ISO 8601 UTC, empty when not finished
};

class BOOST_SYMBOL_VISIBLE JobService {
public:
    virtual ~JobService() = default;
    /// Queues a run of a registered job; returns its id. Inside a record API transaction (a
    /// hook) the run is queued with the commit.
    virtual std::int64_t enqueue(const std::string& jobId, const nlohmann::json& arguments) = 0;
    /// "not_found" PluginError for an unknown run.
    virtual JobRunStatus status(std::int64_t runId) = 0;
};

// ---------------------------------------------------------------------------------------------
// Asynchronous event consumers (the outbox)

/// Handles one event from the outbox, at least once: it may see an event again after a crash,
/// so it must be idempotent (use the event's outbox id). Throwing schedules a retry with
/// exponential backoff; after the consumer's attempts the delivery is dead-lettered and shown
/// to admins.
using OutboxHandler = std::function<void(std::int64_t outboxId, const Event& event)>;

struct OutboxConsumer {
    /// "<plugin id>.<name>".
    std::string id;
    /// Event types, with "record.*"-style prefixes.
    std::vector<std::string> eventTypes;
    int maxAttempts = 8;
    OutboxHandler handler;
};

// ---------------------------------------------------------------------------------------------
// Files

struct FileInfo {
    std::int64_t id = 0;
    std::string entity;          ///< the record the file is attached to
    std::int64_t recordId = 0;
    std::string name;            ///< the uploaded file name, cleaned
    std::string contentType;
    std::int64_t size = 0;
    std::string sha256;          ///< hex; the blob's address in the store
    std::int64_t uploadedBy = 0;
    std::string uploadedAt;      ///< ISO 8601 UTC
};

/// Files attached to records. Every call checks the caller's permission on the record: read to
/// list and download, update to attach and remove. Limits (size, types) come from the config;
/// breaking one is a "validation" PluginError naming the limit.
class BOOST_SYMBOL_VISIBLE FileService {
public:
    virtual ~FileService() = default;
    virtual FileInfo attach(const Caller& caller, const std::string& entity,
                            std::int64_t recordId, const std::string& name,
                            const std::string& contentType, const std::string& bytes) = 0;
    virtual std::vector<FileInfo> list(const Caller& caller, const std::string& entity,
                                       std::int64_t recordId) = 0;
    virtual FileInfo info(const Caller& caller, std::int64_t fileId) = 0;
    virtual std::string read(const Caller& caller, std::int64_t fileId) = 0;
    virtual void remove(const Caller& caller, std::int64_t fileId) = 0;
};

// ---------------------------------------------------------------------------------------------
// Notifications and mail

struct MailMessage {
    std::vector<std::string> to;
    std::vector<std::string> cc;
    std::string subject;
    std::string text;  ///< plain text body
    std::string html;  ///< optional HTML body
    std::string replyTo;
    /// Extra headers ("X-Tessera-Record: Deal/12").
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Sends mail through the configured SMTP server, queued through the outbox so a commit and
/// its mail go together and a failing server is retried.
class BOOST_SYMBOL_VISIBLE MailService {
public:
    virtual ~MailService() = default;
    /// Queues the message; "validation" PluginError for a bad address or an empty message.
    virtual void send(const MailMessage& message) = 0;
    /// Renders `templateName` (the plugin's, looked up like page templates) with `data` into the
    /// text (and `<name>.html.tpl`, when it exists, into the HTML body) and queues it.
    virtual void sendTemplate(const std::vector<std::string>& to, const std::string& subject,
                              const std::string& templateName, const nlohmann::json& data) = 0;
};

struct Notification {
    std::int64_t userId = 0;
    /// "<plugin id>.<kind>", e.g. "leads.assigned"; users choose per type how they are told.
    std::string type;
    std::string title;
    std::string body;
    std::string link;  ///< a local path, e.g. "/r/leads/12"
};

/// Tells a user something: in the notification center (the bell), by e-mail, both or neither,
/// as the user chose for the notification's type (default: in the app).
class BOOST_SYMBOL_VISIBLE NotificationService {
public:
    virtual ~NotificationService() = default;
    /// Declares a type users can choose for, with a label for their settings page.
    virtual void declareType(const std::string& type, const std::string& label) = 0;
    virtual void notify(const Notification& notification) = 0;
};

}  // namespace tessera::sdk
