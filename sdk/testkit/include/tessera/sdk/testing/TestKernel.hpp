#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/sdk/Records.hpp>

namespace tessera::sdk::testing {

/// One HTTP answer, read whole.
struct HttpAnswer {
    int status = 0;
    /// Lower-case names; repeated headers (Set-Cookie) joined by '\n'.
    std::map<std::string, std::string> headers;
    std::string body;

    std::string header(const std::string& name) const;
    /// The body parsed as JSON (discarded, not thrown, when it is not JSON).
    nlohmann::json json() const;
};

/// A browser-like client of a TestKernel: it keeps the session cookie and adds the session's
/// CSRF token to every form POST (field `csrf`) and JSON write (X-CSRF-Token).
class HttpClient {
public:
    using Fields = std::vector<std::pair<std::string, std::string>>;

    HttpClient(int port, std::string cookie, std::string csrf);

    HttpAnswer get(const std::string& path) const;
    /// An application/x-www-form-urlencoded POST, CSRF field added when signed in.
    HttpAnswer postForm(const std::string& path, Fields fields) const;
    /// A JSON request (body null for none).
    HttpAnswer call(const std::string& method, const std::string& path,
                    const nlohmann::json& body = nullptr) const;
    /// Any request, headers as given; the session cookie is added.
    HttpAnswer send(const std::string& method, const std::string& path, const std::string& body,
                    const std::map<std::string, std::string>& headers) const;

    /// Sends a cookie with every later request, as a browser would after a Set-Cookie.
    void setCookie(const std::string& name, const std::string& value);

    const std::string& csrfToken() const { return csrf_; }
    bool signedIn() const { return !cookie_.empty(); }

private:
    int port_;
    std::string cookie_;
    std::string csrf_;
    std::map<std::string, std::string> extraCookies_;
};

/// Signs in through the sign-in form of the server on loopback `port`; the client carries the
/// session cookie and the CSRF token. Throws std::runtime_error when the sign-in is refused.
HttpClient signInAt(int port, const std::string& login, const std::string& password);

/// A whole Tessera for a plugin's tests: a database of its own (SQLite in a temporary folder
/// unless a URL is given), the given plugins started as `tessera serve` would, and the web
/// application on a free loopback port. Destroying it stops everything and removes the folder.
class TestKernel {
public:
    struct Options {
        /// Plugin ids to enable (their dependencies must be listed too).
        std::vector<std::string> plugins{};
        /// Folders holding plugin folders (plugins.path).
        std::string pluginPath{};
        /// Empty: SQLite in the temporary folder. Else a postgresql:// URL of an empty database.
        std::string databaseUrl{};
        /// More settings, "key=value" as for `tessera --set`.
        std::vector<std::string> settings{};
    };

    /// Every user made by createUser() has this password.
    static constexpr const char* kPassword = "correct horse battery";

    explicit TestKernel(Options options);
    ~TestKernel();
    TestKernel(const TestKernel&) = delete;
    TestKernel& operator=(const TestKernel&) = delete;

    /// The record API of the running kernel.
    Records& records();
    /// A user with one role (admin, manager, sales_rep, support_agent, marketing or a role
    /// the test made) and the password kPassword; returns the user id.
    std::int64_t createUser(const std::string& login, const std::string& role,
                            const std::vector<std::int64_t>& teams = {});
    /// A client signed in through the sign-in form; throws std::runtime_error when refused.
    HttpClient signIn(const std::string& login) const;
    /// Does on this thread what `tessera serve`'s job and outbox threads do (the kit starts
    /// neither): runs every job run that is due and every outbox delivery that is due, webhooks
    /// included; returns how many runs and delivery attempts it made.
    int runDueJobs();
    /// Loads the enabled plugins' demo data as `tessera demo --scale N` does; returns the
    /// "plugin: message" of each loader that failed (empty when all loaded).
    std::vector<std::string> loadDemoData(int scale = 1);
    /// A client with no session.
    HttpClient anonymous() const;
    int port() const;
    /// Plugin id -> state ("running", "failed: ...") after start-up.
    std::map<std::string, std::string> pluginStates() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tessera::sdk::testing
