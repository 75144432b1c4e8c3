#include <tessera/kernel/cli/DemoCommand.hpp>

#include <iostream>

#include <boost/program_options.hpp>

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/DemoData.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/app/UsageError.hpp>
#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/UserCredentials.hpp>

namespace po = boost::program_options;

namespace tessera::kernel {

namespace {

po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& options, const std::string& command) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(options).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(command + ": " + e.what());
    }
    return vm;
}

PasswordHasher::Strength strengthOf(const Config& config) {
    return PasswordHasher::parseStrength(config.getString("auth.password_hash"));
}

/// Prints what was loaded; true when every plugin's demo data loaded.
bool printReport(const DemoData::Report& report) {
    for (const auto& id : report.loaded) {
        std::cout << "Demo data loaded: " << id << "\n";
    }
    for (const auto& id : report.skipped) {
        std::cout << "Demo data already there: " << id << " (--force loads it again)\n";
    }
    if (report.loaded.empty() && report.skipped.empty() && report.failures.empty()) {
        std::cout << "No enabled plugin has demo data (see plugins.enabled).\n";
    }
    if (!report.users.empty()) {
        std::cout << "Demo users:";
        for (const auto& login : report.users) {
            std::cout << " " << login;
        }
        std::cout << "\nTheir password: " << report.usersPassword << " (shown once)\n";
    }
    for (const auto& failure : report.failures) {
        std::cerr << "tessera: demo data failed: " << failure << "\n";
    }
    return report.failures.empty();
}

int parseScale(const po::variables_map& vm) {
    int scale = vm["scale"].as<int>();
    if (scale < 1 || scale > 1000) {
        throw UsageError("demo: --scale must be from 1 to 1000, not " + std::to_string(scale));
    }
    return scale;
}

}  // namespace

int runDemoCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    po::options_description options(
        "tessera demo\n\nLoads the demo data of every enabled plugin that has not loaded it "
        "yet, and the demo users.\n\nOptions");
    options.add_options()("help,h", "show this help")(
        "scale", po::value<int>()->default_value(1)->value_name("N"),
        "multiply the amount of demo data (1 to 1000)")("force", "load again what was loaded");
    po::variables_map vm = parse(args, options, "demo");
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    int scale = parseScale(vm);
    Config config = Config::load(global.config, global.sets);
    setUpLogging(config);
    Kernel kernel(config);
    kernel.start({});
    DemoData demo(kernel, strengthOf(config));
    bool ok = printReport(demo.load(scale, vm.count("force") > 0));
    kernel.stop();
    return ok ? 0 : 1;
}

int runInitCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    po::options_description options(
        "tessera init\n\nMigrates the database; on an empty one creates the admin (the password "
        "is printed once) and loads the demo data.\n\nOptions");
    options.add_options()("help,h", "show this help")("no-demo", "do not load demo data");
    po::variables_map vm = parse(args, options, "init");
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    Config config = Config::load(global.config, global.sets);
    setUpLogging(config);
    Kernel kernel(config);
    kernel.start({});
    UserCredentials credentials(kernel.database());
    credentials.ensureTables();
    std::string url = "http://" + config.getString("server.bind") + ":" +
                      config.getString("server.port") + "/";
    if (!credentials.users().empty()) {
        std::cout << "The database is up to date. Sign in at " << url << "\n";
        kernel.stop();
        return 0;
    }
    std::string password = randomHex(9);
    std::int64_t admin =
        kernel.access().createUser("admin", "Administrator", "", {"admin"});
    credentials.setPasswordHash(admin, PasswordHasher(strengthOf(config)).hash(password));
    bool ok = true;
    if (!vm.count("no-demo")) {
        ok = printReport(DemoData(kernel, strengthOf(config)).load(1, false));
    }
    std::cout << "\nTessera is ready.\n"
              << "  Open      " << url << "\n"
              << "  Login     admin\n"
              << "  Password  " << password << "\n"
              << "The password is shown only now: change it under 'Your account'.\n";
    kernel.stop();
    return ok ? 0 : 1;
}

}  // namespace tessera::kernel
