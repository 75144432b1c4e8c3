#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/sdk/Services.hpp>

namespace ctemplate {
class TemplateCache;
}

namespace tessera::kernel {

/// How the queue reaches the SMTP server (config `mail.*`).
struct SmtpSettings {
    std::string host = "localhost";
    int port = 25;
    /// The envelope and From: address.
    std::string from = "tessera@localhost";
    /// Empty: no authentication.
    std::string user;
    std::string password;
    /// none, starttls (upgrade a plain connection) or tls (TLS from the first byte, port 465).
    std::string security = "none";
    /// Connect, read and write timeout.
    std::chrono::seconds timeout{30};
    /// Tries before a message is marked failed.
    int maxAttempts = 5;
    /// Wait after the first failed try; doubles with every further one (at most an hour).
    std::chrono::seconds retryDelay{60};
};

/// The kernel's mail service: send() checks the message (addresses, subject, body) and stores
/// it in `tessera_mail_queue`; deliverPending() sends what is due through SMTP, retrying with
/// exponential backoff and marking a message failed, with the server's error, after
/// SmtpSettings::maxAttempts tries. Several nodes may deliver at once: a message is claimed
/// (state `sending`, with a lease) before it is sent. Thread-safe.
class MailQueue final : public sdk::MailService {
public:
    /// One queued message, as the admin pages and tests see it.
    struct Entry {
        std::int64_t id = 0;
        std::string state;  ///< pending, sending, sent, failed
        int attempts = 0;
        std::string lastError;
        std::string nextAttemptAt;
        sdk::MailMessage message;
    };

    /// `templateDirs` are searched in order by sendTemplate() (plugins' `templates/`, then the
    /// kernel's).
    MailQueue(Database& db, SmtpSettings settings, std::vector<std::filesystem::path> templateDirs);
    ~MailQueue() override;

    /// Creates the queue table and its index when missing.
    void ensureTables();

    void send(const sdk::MailMessage& message) override;
    void sendTemplate(const std::vector<std::string>& to, const std::string& subject,
                      const std::string& templateName, const nlohmann::json& data) override;

    /// Sends every message due at `now`; returns how many were sent. A failure of one message
    /// does not stop the others. Called by the `kernel.mail` job.
    int deliverPending(std::chrono::system_clock::time_point now);
    int deliverPending() { return deliverPending(std::chrono::system_clock::now()); }

    /// The newest messages first.
    std::vector<Entry> recent(int limit);
    std::optional<Entry> find(std::int64_t id);

    const SmtpSettings& settings() const { return settings_; }

    /// Where the transaction open on this thread is (a record API hook's), so a message queued
    /// from a hook commits or rolls back with it; null outside one. Set once at start-up.
    void setTransactionSource(std::function<Poco::Data::Session*()> source) {
        transaction_ = std::move(source);
    }

    /// Whether `address` is a plain e-mail address (local@domain, no spaces, no angle
    /// brackets, no line breaks).
    static bool validAddress(const std::string& address);
    /// Throws the "validation" PluginError naming the field for a bad message.
    static void validate(const sdk::MailMessage& message);

private:
    std::optional<std::string> renderTemplate(const std::string& fileName, bool html,
                                              const nlohmann::json& data);
    void deliver(const sdk::MailMessage& message, std::int64_t id);

    Database& db_;
    SmtpSettings settings_;
    std::vector<std::filesystem::path> templateDirs_;
    std::mutex templateMutex_;
    std::unique_ptr<ctemplate::TemplateCache> templates_;
    std::set<std::string> loaded_;
    std::function<Poco::Data::Session*()> transaction_;
};

}  // namespace tessera::kernel
