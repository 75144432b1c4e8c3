#include "ServiceKernel.hpp"

#include <csignal>
#include <stdexcept>

#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/auth/PasswordHasher.hpp>

namespace tessera::test {

namespace {

constexpr const char* kPassword = "correct horse battery";

}  // namespace

ServiceKernel::ServiceKernel(kernel::Backend backend, std::vector<std::string> settings)
    : database_(backend), filesRoot_(folder_.path() / "files") {
    std::signal(SIGPIPE, SIG_IGN);
    database_.close();
    std::vector<std::string> all = {"db.url=" + database_.url(),
                                    std::string("plugins.path=") + TESSERA_FIXTURE_PLUGIN_DIR,
                                    "plugins.enabled=fixture.base",
                                    "files.path=" + filesRoot_.string(),
                                    "var.path=" + folder_.path().string(),
                                    "auth.password_hash=interactive",
                                    "log.level=error"};
    all.insert(all.end(), settings.begin(), settings.end());
    config_ = kernel::Config::load(std::nullopt, all);
    kernel::setUpLogging(config_);
    kernel_ = std::make_unique<kernel::Kernel>(config_);
    kernel_->start({});
    kernel::WebApplication::Options appOptions;
    appOptions.passwordStrength = kernel::PasswordHasher::Strength::Interactive;
    appOptions.kernel = kernel_.get();
    app_ = std::make_unique<kernel::WebApplication>(kernel_->database(), kernel_->records(),
                                                    kernel_->access(), appOptions);
    kernel::HttpServer::Options serverOptions;
    serverOptions.port = 0;
    serverOptions.threads = 8;
    serverOptions.maxBody = 1024 * 1024;
    server_ = std::make_unique<kernel::HttpServer>(
        serverOptions,
        [app = app_.get()](kernel::HttpRequest& request, kernel::HttpResponse& response) {
            app->handle(request, response);
        });
    server_->start();
}

ServiceKernel::~ServiceKernel() {
    server_.reset();
    app_.reset();
    kernel_->stop();
    kernel_.reset();
}

std::int64_t ServiceKernel::createUser(const std::string& login, const std::string& role) {
    std::int64_t id =
        kernel_->access().createUser(login, login, login + "@example.org", {role}, {});
    if (passwordHash_.empty()) {
        passwordHash_ = app_->hasher().hash(kPassword);
    }
    app_->credentials().setPasswordHash(id, passwordHash_);
    return id;
}

sdk::testing::HttpClient ServiceKernel::signIn(const std::string& login) const {
    return sdk::testing::signInAt(port(), login, kPassword);
}

std::vector<std::filesystem::path> ServiceKernel::blobs() const {
    std::vector<std::filesystem::path> out;
    if (!std::filesystem::exists(filesRoot_)) {
        return out;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(filesRoot_)) {
        if (entry.is_regular_file() && entry.path().parent_path().filename() != "tmp") {
            out.push_back(entry.path());
        }
    }
    return out;
}

}  // namespace tessera::test
