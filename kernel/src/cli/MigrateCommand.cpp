#include <tessera/kernel/cli/MigrateCommand.hpp>

#include <algorithm>
#include <iostream>

#include <boost/program_options.hpp>

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/app/UsageError.hpp>

namespace po = boost::program_options;

namespace tessera::kernel {

namespace {

po::variables_map parse(const std::vector<std::string>& args, po::options_description& options,
                        const char* command) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(options).run(), vm);
    } catch (const po::error& e) {
        throw UsageError(std::string(command) + ": " + e.what());
    }
    return vm;
}

/// Prints every failed plugin; true when there was one.
bool reportFailures(PluginManager& plugins) {
    bool any = false;
    for (const PluginSpec* spec : plugins.plugins()) {
        if (spec->state == PluginState::Failed) {
            std::cerr << "plugin " << spec->id() << " failed: " << spec->error << "\n";
            any = true;
        }
    }
    for (const auto& problem : plugins.problems()) {
        std::cerr << "problem: " << problem << "\n";
        any = true;
    }
    return any;
}

}  // namespace

int runMigrateCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    po::options_description options("tessera migrate [--status]\n\nOptions");
    options.add_options()("help,h", "show this help")(
        "status", "only show what a migration would do and what it cannot resolve");
    po::variables_map vm = parse(args, options, "migrate");
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    Config config = Config::load(global.config, global.sets);
    setUpLogging(config);
    bool statusOnly = vm.count("status") > 0;
    Kernel kernel(config);
    kernel.start(Kernel::Options{.migrate = !statusOnly, .initializePlugins = false});
    bool failed = reportFailures(kernel.plugins());
    const MigrationPlan& plan = kernel.migration();
    if (plan.steps.empty()) {
        std::cout << "The database is up to date with the enabled plugins.\n";
    } else {
        std::cout << (statusOnly ? "Pending:" : "Applied:") << "\n";
        for (const auto& step : plan.steps) {
            std::cout << "  " << step.description << "\n";
        }
    }
    for (const auto& notice : plan.notices) {
        std::cout << "note: " << notice << "\n";
    }
    auto applied = kernel.appliedVersions();
    if (!applied.empty()) {
        std::cout << "Plugin versions migrated for:\n";
        for (const auto& [plugin, version] : applied) {
            std::cout << "  " << plugin << " " << version << "\n";
        }
    }
    return failed ? 1 : 0;
}

int runSchemaCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    if (std::any_of(args.begin(), args.end(),
                    [](const std::string& a) { return a == "--help" || a == "-h"; })) {
        std::cout << "tessera schema dump   the merged schema of the enabled plugins as JSON\n";
        return 0;
    }
    if (args.empty() || args[0] != "dump") {
        throw UsageError("usage: tessera schema dump");
    }
    if (args.size() > 1) {
        throw UsageError("'schema dump' takes no argument, got '" + args[1] + "'");
    }
    Config config = Config::load(global.config, global.sets);
    setUpLogging(config);
    Kernel kernel(config);
    kernel.start(Kernel::Options{.migrate = false, .initializePlugins = false});
    bool failed = reportFailures(kernel.plugins());
    std::cout << kernel.schema().toJson().dump(2) << "\n";
    return failed ? 1 : 0;
}

}  // namespace tessera::kernel
