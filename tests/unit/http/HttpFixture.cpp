#include "HttpFixture.hpp"

#include <csignal>
#include <mutex>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <tessera/kernel/auth/PasswordHasher.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::test {

namespace {

/// One hash for every test user, made once: argon2id is slow on purpose.
const std::string& passwordHash(const char* password) {
    static std::once_flag once;
    static std::string hash;
    std::call_once(once, [&] {
        hash = kernel::PasswordHasher(kernel::PasswordHasher::Strength::Interactive).hash(password);
    });
    return hash;
}

}  // namespace

nlohmann::json Answer::json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string Answer::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

void HttpTest::SetUp() {
    std::signal(SIGPIPE, SIG_IGN);
    RecordTest::SetUp();
    kernel::WebApplication::Options options = webOptions_;
    options.passwordStrength = kernel::PasswordHasher::Strength::Interactive;
    app_ = std::make_unique<kernel::WebApplication>(database_->db(), *records_, *access_, options);
    const std::string& hash = passwordHash(kPassword);
    for (const auto& [login, id] : users_) {
        app_->credentials().setPasswordHash(id, hash);
    }
    kernel::HttpServer::Options serverOptions;
    serverOptions.port = 0;
    serverOptions.threads = 8;
    serverOptions.maxBody = kMaxBody;
    server_ = std::make_unique<kernel::HttpServer>(
        serverOptions, [this](kernel::HttpRequest& request, kernel::HttpResponse& response) {
            app_->handle(request, response);
        });
    server_->start();
}

void HttpTest::TearDown() {
    server_.reset();
    app_.reset();
    RecordTest::TearDown();
}

Answer HttpTest::send(const std::string& method, const std::string& path, const std::string& body,
                      const std::map<std::string, std::string>& headers, const Client* client,
                      bool chunked) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (client) {
        if (!client->cookie.empty()) {
            request.set("Cookie", std::string(kernel::WebApplication::kSessionCookie) + "=" +
                                      client->cookie);
        }
        if (!client->csrf.empty()) {
            request.set("X-CSRF-Token", client->csrf);
        }
        if (!client->bearer.empty()) {
            request.set("Authorization", "Bearer " + client->bearer);
        }
    }
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    if (chunked) {
        request.setChunkedTransferEncoding(true);
    } else if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    std::ostream& out = session.sendRequest(request);
    out << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer;
    answer.status = static_cast<int>(response.getStatus());
    for (const auto& [name, value] : response) {
        std::string lower = name;
        for (auto& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        auto& slot = answer.headers[lower];
        slot += (slot.empty() ? "" : "\n") + value;
    }
    Poco::StreamCopier::copyToString(in, answer.body);
    return answer;
}

Answer HttpTest::call(const Client& client, const std::string& method, const std::string& path,
                      const nlohmann::json& body) {
    std::map<std::string, std::string> headers;
    std::string text;
    if (!body.is_null()) {
        headers["Content-Type"] = "application/json";
        text = body.dump();
    }
    return send(method, path, text, headers, &client);
}

Answer HttpTest::trySignIn(const std::string& login, const std::string& password,
                           const std::string& totp, const Client* previous) {
    nlohmann::json body = {{"login", login}, {"password", password}};
    if (!totp.empty()) {
        body["totp"] = totp;
    }
    return send("POST", "/api/v1/session", body.dump(), {{"Content-Type", "application/json"}},
                previous);
}

Client HttpTest::signIn(const std::string& login, const std::string& password,
                        const std::string& totp) {
    Answer answer = trySignIn(login, password, totp);
    EXPECT_EQ(answer.status, 200) << answer.body;
    Client client;
    std::string cookie = answer.header("set-cookie");
    std::string prefix = std::string(kernel::WebApplication::kSessionCookie) + "=";
    if (cookie.starts_with(prefix)) {
        client.cookie = cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
    }
    client.csrf = answer.json().value("csrfToken", "");
    return client;
}

std::int64_t HttpTest::countAll(const std::string& entity) {
    sdk::Query query;
    query.entity = entity;
    query.trash = sdk::Trash::Include;
    return records_->count(sdk::Caller::systemCaller(), query);
}

}  // namespace tessera::test
