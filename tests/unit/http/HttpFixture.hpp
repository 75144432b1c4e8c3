#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <tessera/kernel/http/HttpServer.hpp>
#include <tessera/kernel/http/WebApplication.hpp>

#include "RecordFixture.hpp"

namespace tessera::test {

/// One answer, read whole.
struct Answer {
    int status = 0;
    std::map<std::string, std::string> headers;  ///< lower-case names; Set-Cookie joined by '\n'
    std::string body;
    nlohmann::json json() const;
    std::string header(const std::string& name) const;
};

/// A client holding the session cookie and CSRF token it was given.
struct Client {
    std::string cookie;
    std::string csrf;
    std::string bearer;
};

/// The real server on a free loopback port, in front of the record fixture's database, users
/// (all with password kPassword) and entities Client (/api/v1/clients) and Project.
class HttpTest : public RecordTest {
protected:
    static constexpr const char* kPassword = "correct horse battery";
    static constexpr std::size_t kMaxBody = 64 * 1024;

    void SetUp() override;
    void TearDown() override;

    /// Sends a request; `headers` are added as they are.
    Answer send(const std::string& method, const std::string& path, const std::string& body = "",
                const std::map<std::string, std::string>& headers = {},
                const Client* client = nullptr, bool chunked = false);
    /// JSON request with the client's cookie/CSRF token or bearer token.
    Answer call(const Client& client, const std::string& method, const std::string& path,
                const nlohmann::json& body = nullptr);
    /// Signs in; fails the test when it does not answer 200.
    Client signIn(const std::string& login, const std::string& password = kPassword,
                  const std::string& totp = "");
    Answer trySignIn(const std::string& login, const std::string& password,
                     const std::string& totp = "", const Client* previous = nullptr);
    /// Rows of an entity as the system sees them, trash included.
    std::int64_t countAll(const std::string& entity);

    /// Set before HttpTest::SetUp() to serve with other options (a theme, say).
    kernel::WebApplication::Options webOptions_{};
    std::unique_ptr<kernel::WebApplication> app_;
    std::unique_ptr<kernel::HttpServer> server_;
};

}  // namespace tessera::test
