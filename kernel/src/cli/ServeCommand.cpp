#include <tessera/kernel/cli/ServeCommand.hpp>

#include <csignal>
#include <iostream>

#include <boost/program_options.hpp>
#include <spdlog/spdlog.h>

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/app/UsageError.hpp>
#include <tessera/kernel/http/HttpServer.hpp>
#include <tessera/kernel/http/WebApplication.hpp>

namespace po = boost::program_options;

namespace tessera::kernel {

int runServeCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    po::options_description options("tessera serve\n\nServes the web application and the JSON "
                                    "API until SIGTERM or SIGINT.\nSettings: server.bind, "
                                    "server.port, server.threads, server.max_body, "
                                    "server.secure, jobs.enabled, jobs.workers\n\nOptions");
    options.add_options()("help,h", "show this help");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(options).run(), vm);
    } catch (const po::error& e) {
        throw UsageError(std::string("serve: ") + e.what());
    }
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    Config config = Config::load(global.config, global.sets);
    setUpLogging(config);
    std::string onError = config.getString("plugins.on_error");
    if (onError != "fail" && onError != "skip") {
        throw UsageError("setting 'plugins.on_error' must be fail or skip, not '" + onError + "'");
    }
    HttpServer::Options serverOptions;
    serverOptions.bind = config.getString("server.bind");
    serverOptions.port = static_cast<int>(config.getNumber("server.port", 8080, 0, 65535));
    serverOptions.threads = static_cast<int>(config.getNumber("server.threads", 64, 2, 4096));
    serverOptions.maxBody = static_cast<std::size_t>(
        config.getNumber("server.max_body", 1024 * 1024, 1024, 1024 * 1024 * 1024));
    serverOptions.secure = config.getBool("server.secure");
    WebApplication::Options appOptions;
    appOptions.secureCookies = serverOptions.secure;
    appOptions.passwordStrength =
        PasswordHasher::parseStrength(config.getString("auth.password_hash"));

    // Blocked before any thread starts, so every thread inherits the mask and sigwait sees them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // A client that hangs up mid-answer must cost an exception, not the process.
    std::signal(SIGPIPE, SIG_IGN);

    Kernel kernel(config);
    kernel.start(Kernel::Options{});
    if (kernel.plugins().hasFailures()) {
        for (const PluginSpec* spec : kernel.plugins().plugins()) {
            if (spec->state == PluginState::Failed ||
                (spec->state == PluginState::Invalid && !spec->error.empty())) {
                std::cerr << "plugin " << spec->id() << " failed: " << spec->error << "\n";
            }
        }
        for (const auto& problem : kernel.plugins().problems()) {
            std::cerr << "problem: " << problem << "\n";
        }
        if (onError == "fail") {
            std::cerr << "tessera: not serving while an enabled plugin failed; fix the reasons "
                         "above, disable the plugin, or set plugins.on_error = skip\n";
            return 1;
        }
        std::cerr << "tessera: serving without the failed plugins (plugins.on_error = skip)\n";
    }
    appOptions.theme = config.getString("theme");
    appOptions.kernel = &kernel;
    WebApplication app(kernel.database(), kernel.records(), kernel.access(), appOptions);
    HttpServer server(serverOptions,
                      [&app](HttpRequest& request, HttpResponse& response) {
                          app.handle(request, response);
                      });
    server.start();
    kernel.startBackground();
    std::cout << "Tessera serving on http://" << serverOptions.bind << ":" << server.port()
              << "/ (stop with Ctrl-C)" << std::endl;
    spdlog::info("serving on {}:{} with {} threads", serverOptions.bind, server.port(),
                 serverOptions.threads);
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {} received: finishing requests under way", received);
    server.stop();
    kernel.stopBackground();
    kernel.stop();
    std::cout << "Tessera stopped." << std::endl;
    return 0;
}

}  // namespace tessera::kernel
