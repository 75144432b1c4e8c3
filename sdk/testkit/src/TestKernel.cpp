#include <tessera/sdk/testing/TestKernel.hpp>

#include <csignal>
#include <filesystem>
#include <random>
#include <stdexcept>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/DemoData.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/auth/PasswordHasher.hpp>
#include <tessera/kernel/http/HttpServer.hpp>
#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/FormData.hpp>

namespace tessera::sdk::testing {

namespace {

std::string lowerCase(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::filesystem::path makeTempFolder() {
    std::random_device random;
    auto folder = std::filesystem::temp_directory_path() /
                  ("tessera-testkit-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(folder);
    return folder;
}

std::string cookieValue(const std::string& setCookie, const std::string& name) {
    std::string prefix = name + "=";
    for (std::size_t start = 0; start < setCookie.size();) {
        std::size_t end = setCookie.find('\n', start);
        std::string line = setCookie.substr(start, end == std::string::npos ? end : end - start);
        if (line.starts_with(prefix)) {
            return line.substr(prefix.size(), line.find(';') - prefix.size());
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return {};
}

/// The value of the first `name="csrf" value="..."` in a page.
std::string csrfInPage(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
    auto it = headers.find(lowerCase(name));
    return it == headers.end() ? std::string{} : it->second;
}

nlohmann::json HttpAnswer::json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

HttpClient::HttpClient(int port, std::string cookie, std::string csrf)
    : port_(port), cookie_(std::move(cookie)), csrf_(std::move(csrf)) {}

HttpAnswer HttpClient::send(const std::string& method, const std::string& path,
                            const std::string& body,
                            const std::map<std::string, std::string>& headers) const {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    std::string cookies;
    if (!cookie_.empty()) {
        cookies = std::string(kernel::WebApplication::kSessionCookie) + "=" + cookie_;
    }
    for (const auto& [name, value] : extraCookies_) {
        cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!cookies.empty()) {
        request.set("Cookie", cookies);
    }
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    if (!body.empty() || method != "GET") {
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpAnswer answer;
    answer.status = static_cast<int>(response.getStatus());
    for (const auto& [name, value] : response) {
        auto& slot = answer.headers[lowerCase(name)];
        slot += (slot.empty() ? "" : "\n") + value;
    }
    Poco::StreamCopier::copyToString(in, answer.body);
    return answer;
}

void HttpClient::setCookie(const std::string& name, const std::string& value) {
    extraCookies_[name] = value;
}

HttpAnswer HttpClient::get(const std::string& path) const { return send("GET", path, "", {}); }

HttpAnswer HttpClient::postForm(const std::string& path, Fields fields) const {
    if (!csrf_.empty()) {
        fields.emplace_back("csrf", csrf_);
    }
    return send("POST", path, kernel::FormData::encode(fields),
                {{"Content-Type", "application/x-www-form-urlencoded"}});
}

HttpAnswer HttpClient::call(const std::string& method, const std::string& path,
                            const nlohmann::json& body) const {
    std::map<std::string, std::string> headers;
    if (!csrf_.empty()) {
        headers["X-CSRF-Token"] = csrf_;
    }
    if (!body.is_null()) {
        headers["Content-Type"] = "application/json";
    }
    return send(method, path, body.is_null() ? "" : body.dump(), headers);
}

struct TestKernel::Impl {
    std::filesystem::path folder;
    kernel::Config config;
    std::unique_ptr<kernel::Kernel> kernel;
    std::unique_ptr<kernel::WebApplication> app;
    std::unique_ptr<kernel::HttpServer> server;
    std::string passwordHash;
};

TestKernel::TestKernel(Options options) : impl_(std::make_unique<Impl>()) {
    std::signal(SIGPIPE, SIG_IGN);
    impl_->folder = makeTempFolder();
    std::string enabled;
    for (const auto& id : options.plugins) {
        enabled += (enabled.empty() ? "" : " ") + id;
    }
    std::vector<std::string> settings = {
        "db.url=" + (options.databaseUrl.empty()
                         ? "sqlite:" + (impl_->folder / "tessera.db").string()
                         : options.databaseUrl),
        "plugins.path=" + options.pluginPath,
        "plugins.enabled=" + enabled,
        "files.path=" + (impl_->folder / "files").string(),
        "var.path=" + impl_->folder.string(),
        "auth.password_hash=interactive",
        "log.level=warning"};
    settings.insert(settings.end(), options.settings.begin(), options.settings.end());
    impl_->config = kernel::Config::load(std::nullopt, settings);
    kernel::setUpLogging(impl_->config);
    impl_->kernel = std::make_unique<kernel::Kernel>(impl_->config);
    impl_->kernel->start({});
    kernel::WebApplication::Options appOptions;
    appOptions.passwordStrength = kernel::PasswordHasher::Strength::Interactive;
    appOptions.theme = impl_->config.getString("theme");
    appOptions.kernel = impl_->kernel.get();
    impl_->app = std::make_unique<kernel::WebApplication>(
        impl_->kernel->database(), impl_->kernel->records(), impl_->kernel->access(), appOptions);
    kernel::HttpServer::Options serverOptions;
    serverOptions.bind = "127.0.0.1";
    serverOptions.port = 0;
    serverOptions.threads = 8;
    serverOptions.maxBody = static_cast<std::size_t>(impl_->config.getNumber(
        "server.max_body", 1024 * 1024, 1024, std::int64_t{1} << 32));
    impl_->server = std::make_unique<kernel::HttpServer>(
        serverOptions, [app = impl_->app.get()](kernel::HttpRequest& request,
                                                kernel::HttpResponse& response) {
            app->handle(request, response);
        });
    impl_->server->start();
}

TestKernel::~TestKernel() {
    impl_->server.reset();
    impl_->app.reset();
    impl_->kernel->stop();
    impl_->kernel.reset();
    std::error_code ignored;
    std::filesystem::remove_all(impl_->folder, ignored);
}

Records& TestKernel::records() { return impl_->kernel->records(); }

std::int64_t TestKernel::createUser(const std::string& login, const std::string& role,
                                    const std::vector<std::int64_t>& teams) {
    std::int64_t id =
        impl_->kernel->access().createUser(login, login, login + "@example.org", {role}, teams);
    if (impl_->passwordHash.empty()) {
        impl_->passwordHash = impl_->app->hasher().hash(kPassword);
    }
    impl_->app->credentials().setPasswordHash(id, impl_->passwordHash);
    return id;
}

HttpClient signInAt(int port, const std::string& login, const std::string& password) {
    HttpClient visitor(port, "", "");
    HttpAnswer answer =
        visitor.postForm("/login", {{"login", login}, {"password", password}, {"next", "/"}});
    std::string cookie = cookieValue(answer.header("set-cookie"),
                                     kernel::WebApplication::kSessionCookie);
    if (answer.status != 303 || cookie.empty()) {
        throw std::runtime_error("signing in as '" + login + "' answered " +
                                 std::to_string(answer.status) + ": " + answer.body.substr(0, 300));
    }
    HttpClient signedIn(port, cookie, "");
    std::string csrf = csrfInPage(signedIn.get("/account").body);
    return HttpClient(port, cookie, csrf);
}

HttpClient TestKernel::signIn(const std::string& login) const {
    return signInAt(port(), login, kPassword);
}

int TestKernel::runDueJobs() {
    kernel::Kernel& running = *impl_->kernel;
    int count = static_cast<int>(running.jobs()->runDueOnce().size());
    return count + running.outbox()->deliverDue();
}

std::vector<std::string> TestKernel::loadDemoData(int scale) {
    kernel::DemoData demo(*impl_->kernel, kernel::PasswordHasher::Strength::Interactive);
    return demo.load(scale, true).failures;
}

HttpClient TestKernel::anonymous() const { return HttpClient(port(), "", ""); }

int TestKernel::port() const { return impl_->server->port(); }

std::map<std::string, std::string> TestKernel::pluginStates() const {
    std::map<std::string, std::string> states;
    for (const kernel::PluginSpec* spec : impl_->kernel->plugins().plugins()) {
        std::string state(kernel::toString(spec->state));
        states[spec->id()] = spec->error.empty() ? state : state + ": " + spec->error;
    }
    return states;
}

}  // namespace tessera::sdk::testing
