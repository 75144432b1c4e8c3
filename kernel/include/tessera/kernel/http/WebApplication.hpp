#pragma once

#include <memory>
#include <string>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/auth/ApiTokenStore.hpp>
#include <tessera/kernel/auth/LoginThrottle.hpp>
#include <tessera/kernel/auth/PasswordHasher.hpp>
#include <tessera/kernel/auth/SessionStore.hpp>
#include <tessera/kernel/auth/UserCredentials.hpp>
#include <tessera/kernel/http/Router.hpp>
#include <tessera/kernel/records/RecordStore.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

class Kernel;

/// The web side of the kernel: the routes of the JSON API and the middleware in front of them
/// (session cookie or bearer token, CSRF on every non-GET that uses the cookie). Owns the auth
/// stores; borrows the database, the record API and access control, which must outlive it.
/// handle() is thread-safe once constructed.
class WebApplication {
public:
    struct Options {
        /// Adds Secure to cookies (server.secure).
        bool secureCookies = false;
        PasswordHasher::Strength passwordStrength = PasswordHasher::Strength::Moderate;
        /// The theme users get until they choose one (setting `theme`).
        std::string theme = "default";
        /// The running kernel, when there is one: its plugins' routes, menus, panels and
        /// templates, and the admin pages that need it (plugins, custom fields). Tests that
        /// build the pieces by hand leave it null.
        Kernel* kernel = nullptr;
    };

    static constexpr const char* kSessionCookie = "tessera_session";

    WebApplication(Database& db, RecordStore& records, AccessControl& access, Options options);

    /// Routes, authenticates and runs one request; failures are thrown as HttpError or
    /// sdk::PluginError for HttpServer to answer.
    void handle(HttpRequest& request, HttpResponse& response);

    Router& router() { return router_; }
    Database& db() { return db_; }
    RecordStore& records() { return records_; }
    AccessControl& access() { return access_; }
    SessionStore& sessions() { return sessions_; }
    LoginThrottle& throttle() { return throttle_; }
    ApiTokenStore& tokens() { return tokens_; }
    UserCredentials& credentials() { return credentials_; }
    const PasswordHasher& hasher() const { return hasher_; }
    const Options& options() const { return options_; }

    /// The Set-Cookie value for a session cookie (empty value and Max-Age=0 to clear it). It
    /// ends with the browser unless `remember`, then it lasts SessionStore::kRememberSeconds.
    std::string sessionCookie(const std::string& value, bool clear = false,
                              bool remember = false) const;

private:
    std::optional<Principal> authenticate(const HttpRequest& request);

    Database& db_;
    RecordStore& records_;
    AccessControl& access_;
    Options options_;
    SessionStore sessions_;
    LoginThrottle throttle_;
    ApiTokenStore tokens_;
    UserCredentials credentials_;
    PasswordHasher hasher_;
    Router router_;
};

}  // namespace tessera::kernel
