#include <tessera/kernel/cli/CommandLine.hpp>

#include <iostream>

#include <boost/program_options.hpp>

#include <tessera/kernel/app/UsageError.hpp>
#include <tessera/kernel/cli/DemoCommand.hpp>
#include <tessera/kernel/cli/MigrateCommand.hpp>
#include <tessera/kernel/cli/PluginCommand.hpp>
#include <tessera/kernel/cli/ServeCommand.hpp>
#include <tessera/kernel/cli/UserCommand.hpp>
#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/kernel/storage/StorageError.hpp>
#include <tessera/sdk/Version.hpp>

namespace po = boost::program_options;

namespace tessera::kernel {

namespace {

constexpr const char* kCommands =
    "Commands:\n"
    "  init            first start: migrate; on an empty database create the admin and load "
    "the demo data\n"
    "  demo            load the enabled plugins' demo data and the demo users\n"
    "  plugin list     every plugin found: version, state, dependencies, error\n"
    "  plugin check    check a plugin folder before installing it\n"
    "  migrate         bring the database up to the enabled plugins' schema (--status: show)\n"
    "  schema dump     the merged schema as JSON\n"
    "  serve           serve the web application and the JSON API\n"
    "  user            add a user, change a password, list users\n"
    "\n"
    "Run 'tessera COMMAND --help' for a command's options.\n";

}  // namespace

int runCommandLine(int argc, char** argv) {
    po::options_description global("Global options");
    global.add_options()("help,h", "show this help")("version", "print the version")(
        "config", po::value<std::string>()->value_name("FILE"),
        "settings file (default: config/tessera.ini)")(
        "set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
        "override a setting (repeatable)");
    po::options_description hidden;
    hidden.add_options()("command", po::value<std::string>())(
        "args", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(global).add(hidden);
    po::positional_options_description positional;
    positional.add("command", 1).add("args", -1);

    try {
        po::parsed_options parsed = po::command_line_parser(argc, argv)
                                        .options(all)
                                        .positional(positional)
                                        .allow_unregistered()
                                        .run();
        po::variables_map vm;
        po::store(parsed, vm);
        po::notify(vm);
        if (vm.count("version")) {
            std::cout << "tessera " << TESSERA_VERSION << " (SDK " << sdk::kSdkVersion << ", ABI "
                      << sdk::kAbiVersion << ")\n";
            return 0;
        }
        if (!vm.count("command")) {
            std::cout << "Usage: tessera [global options] COMMAND [options]\n\n"
                      << global << "\n"
                      << kCommands;
            return vm.count("help") ? 0 : 2;
        }
        GlobalOptions options;
        if (vm.count("config")) {
            options.config = vm["config"].as<std::string>();
        }
        if (vm.count("set")) {
            options.sets = vm["set"].as<std::vector<std::string>>();
        }
        // Everything after the command name, including options the global parser did not know.
        std::vector<std::string> rest = po::collect_unrecognized(parsed.options, po::include_positional);
        rest.erase(rest.begin());
        if (vm.count("help")) {
            rest.push_back("--help");
        }
        std::string command = vm["command"].as<std::string>();
        if (command == "plugin") {
            return runPluginCommand(options, rest);
        }
        if (command == "migrate") {
            return runMigrateCommand(options, rest);
        }
        if (command == "serve") {
            return runServeCommand(options, rest);
        }
        if (command == "user") {
            return runUserCommand(options, rest);
        }
        if (command == "demo") {
            return runDemoCommand(options, rest);
        }
        if (command == "init") {
            return runInitCommand(options, rest);
        }
        if (command == "schema") {
            return runSchemaCommand(options, rest);
        }
        std::cerr << "tessera: unknown command '" << command << "'\n\n" << kCommands;
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "tessera: " << e.what() << "\n";
        return 2;
    } catch (const po::error& e) {
        std::cerr << "tessera: " << e.what() << " (see 'tessera --help')\n";
        return 2;
    } catch (const SchemaError& e) {
        std::cerr << "tessera: the schema is not valid: " << e.what() << "\n";
        return 1;
    } catch (const StorageError& e) {
        std::cerr << "tessera: database: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "tessera: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace tessera::kernel
