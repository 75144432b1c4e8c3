#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/sdk/Services.hpp>

namespace tessera::kernel {

/// The kernel's notification service: notifications shown under the bell
/// (`tessera_notifications`) and, as each user chose per type (`tessera_notification_prefs`:
/// in_app, email, both or none; in_app by default), sent by e-mail through the mail service.
/// Every read and change takes the user it acts for, so nobody reaches another user's
/// notifications. Thread-safe.
class NotificationCenter final : public sdk::NotificationService {
public:
    /// One stored notification.
    struct Item {
        std::int64_t id = 0;
        std::int64_t userId = 0;
        std::string type;
        std::string title;
        std::string body;
        std::string link;
        std::string createdAt;
        std::string readAt;  ///< "" while unread
    };
    struct Type {
        std::string type;
        std::string label;
    };

    static constexpr const char* kInApp = "in_app";
    static constexpr const char* kEmail = "email";
    static constexpr const char* kBoth = "both";
    static constexpr const char* kNone = "none";

    /// `mail` may be null (no e-mail then; e-mail choices are kept in the app). `linkBase`
    /// ("https://crm.example.org", config `mail.link_base`) makes links in e-mails absolute.
    NotificationCenter(Database& db, sdk::MailService* mail, std::string linkBase);

    void ensureTables();

    void declareType(const std::string& type, const std::string& label) override;
    void notify(const sdk::Notification& notification) override;

    /// The declared types, sorted by type.
    std::vector<Type> types() const;
    /// The user's unread count (one indexed query).
    std::int64_t unreadCount(std::int64_t userId);
    /// The user's notifications, newest first; `limit` + 1 are asked for by the pages to know
    /// whether another page follows.
    std::vector<Item> list(std::int64_t userId, int limit, int offset, bool unreadOnly = false);
    /// The user's notification; nullopt for another user's or a missing one.
    std::optional<Item> find(std::int64_t userId, std::int64_t id);
    /// Marks it read; false when it is not the user's.
    bool markRead(std::int64_t userId, std::int64_t id);
    /// Marks all of the user's notifications read; returns how many were unread.
    std::int64_t markAllRead(std::int64_t userId);
    /// in_app, email, both or none.
    std::string preference(std::int64_t userId, const std::string& type);
    /// Type -> channel for the types the user chose.
    std::map<std::string, std::string> preferences(std::int64_t userId);
    /// "validation" PluginError for an unknown channel or an undeclared type.
    void setPreference(std::int64_t userId, const std::string& type, const std::string& channel);

    static bool validChannel(const std::string& channel);

    /// Where the transaction open on this thread is (a record API hook's), so a notification
    /// made from a hook commits or rolls back with it; null outside one. Set once at start-up.
    void setTransactionSource(std::function<Poco::Data::Session*()> source) {
        transaction_ = std::move(source);
    }

private:
    Database& db_;
    sdk::MailService* mail_;
    std::string linkBase_;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> types_;
    std::function<Poco::Data::Session*()> transaction_;
};

}  // namespace tessera::kernel
