#include <tessera/kernel/cli/PluginCommand.hpp>

#include <iostream>

#include <boost/program_options.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/app/Logging.hpp>
#include <tessera/kernel/app/PluginOptions.hpp>
#include <tessera/kernel/app/UsageError.hpp>
#include <tessera/kernel/plugin/PluginLoader.hpp>
#include <tessera/kernel/schema/SchemaFiles.hpp>
#include <tessera/sdk/Version.hpp>

namespace po = boost::program_options;

namespace tessera::kernel {

namespace {

std::string dependencyText(const PluginManifest& manifest) {
    std::string text;
    for (const auto& dep : manifest.depends) {
        if (!text.empty()) {
            text += ", ";
        }
        text += dep.id + " " + dep.version.toString() + (dep.optional ? " (optional)" : "");
    }
    return text;
}

nlohmann::json specJson(const PluginSpec& spec, const std::map<std::string, std::string>& installed) {
    nlohmann::json depends = nlohmann::json::array();
    for (const auto& dep : spec.manifest.depends) {
        depends.push_back(
            {{"id", dep.id}, {"version", dep.version.toString()}, {"optional", dep.optional}});
    }
    return {{"id", spec.id()},
            {"name", spec.manifest.name},
            {"version", spec.state == PluginState::Invalid ? std::string{}
                                                             : spec.manifest.version.toString()},
            {"installedVersion", installed.contains(spec.id()) ? installed.at(spec.id()) : ""},
            {"state", std::string(toString(spec.state))},
            {"autoEnabled", spec.autoEnabled},
            {"phase", spec.failedPhase},
            {"error", spec.error},
            {"directory", spec.directory.string()},
            {"depends", depends}};
}

int listPlugins(const Config& config, bool asJson) {
    Kernel kernel(config);
    kernel.start(Kernel::Options{});
    PluginManager& manager = kernel.plugins();
    auto installed = kernel.appliedVersions();
    if (asJson) {
        nlohmann::json plugins = nlohmann::json::array();
        for (const PluginSpec* spec : manager.plugins()) {
            plugins.push_back(specJson(*spec, installed));
        }
        nlohmann::json out = {{"plugins", plugins},
                              {"order", manager.order()},
                              {"problems", manager.problems()},
                              {"trace", manager.trace()}};
        kernel.stop();
        out["trace"] = manager.trace();
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    auto plugins = manager.plugins();
    if (plugins.empty()) {
        std::cout << "No plugins found on plugins.path ("
                  << config.getString("plugins.path") << ").\n";
    } else {
        fmt::print("{:<24} {:<10} {:<12} {}\n", "ID", "VERSION", "STATE", "DEPENDS ON");
        for (const PluginSpec* spec : plugins) {
            std::string version =
                spec->state == PluginState::Invalid ? "-" : spec->manifest.version.toString();
            std::string state(toString(spec->state));
            if (spec->autoEnabled) {
                state += "*";
            }
            fmt::print("{:<24} {:<10} {:<12} {}\n", spec->id(), version, state,
                       dependencyText(spec->manifest));
            if (!spec->error.empty()) {
                fmt::print("    error: {}\n", spec->error);
            }
        }
        if (std::any_of(plugins.begin(), plugins.end(),
                        [](const PluginSpec* s) { return s->autoEnabled; })) {
            std::cout << "* enabled automatically: a bridge whose dependencies are all enabled\n";
        }
    }
    for (const auto& problem : manager.problems()) {
        std::cout << "problem: " << problem << "\n";
    }
    return 0;
}

/// Checks a plugin folder the way the kernel would load it, without starting the kernel.
int checkPlugin(const std::filesystem::path& dir) {
    std::vector<std::string> problems;
    std::optional<PluginManifest> manifest;
    try {
        manifest = PluginManifest::read(dir / "plugin.json");
    } catch (const ManifestError& e) {
        problems.push_back(e.what());
    }
    if (manifest) {
        sdk::SemVer sdkVersion(sdk::kSdkVersionMajor, sdk::kSdkVersionMinor,
                               sdk::kSdkVersionPatch);
        if (!manifest->sdk.contains(sdkVersion)) {
            problems.push_back("\"sdk\": \"" + manifest->sdk.text() +
                               "\" does not include this kernel's SDK " + sdkVersion.toString());
        }
        try {
            auto instance = PluginLoader::load(*manifest);
        } catch (const std::exception& e) {
            problems.push_back(e.what());
        }
        class SyntaxOnly final : public sdk::SchemaBuilder {
        public:
            void entity(const nlohmann::json&) override {}
            void extend(const std::string&, const std::string&, const nlohmann::json&) override {}
        } syntaxOnly;
        try {
            readSchemaFiles(dir, syntaxOnly);
        } catch (const std::exception& e) {
            problems.push_back(e.what());
        }
    }
    if (problems.empty()) {
        std::cout << "ok: " << manifest->id << " " << manifest->version.toString() << " ("
                  << PluginLoader::libraryPath(*manifest).string() << ")\n";
        return 0;
    }
    for (const auto& problem : problems) {
        std::cout << "problem: " << problem << "\n";
    }
    std::cout << problems.size() << (problems.size() == 1 ? " problem" : " problems")
              << " in " << dir.string() << "\n";
    return 1;
}

}  // namespace

int runPluginCommand(const GlobalOptions& global, const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage:\n"
        "  tessera plugin list [--json]   every plugin found, its version, state, dependencies\n"
        "                                 and the reason it failed, if it did\n"
        "  tessera plugin check DIR       check a plugin folder (manifest, library, ABI,\n"
        "                                 schema files) before installing it\n";
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")("json", "print JSON instead of a table");
    po::options_description hidden;
    hidden.add_options()("dir", po::value<std::string>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("dir", 1);
    std::vector<std::string> rest(args.begin() + 1, args.end());
    po::variables_map vm;
    po::store(po::command_line_parser(rest).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << kUsage << "\n" << options;
        return 0;
    }
    const std::string& sub = args[0];
    if (sub == "list") {
        if (vm.count("dir")) {
            throw UsageError("'plugin list' takes no argument, got '" +
                             vm["dir"].as<std::string>() + "'");
        }
        Config config = Config::load(global.config, global.sets);
        setUpLogging(config);
        return listPlugins(config, vm.count("json") > 0);
    }
    if (sub == "check") {
        if (!vm.count("dir")) {
            throw UsageError("'plugin check' needs the plugin folder: tessera plugin check DIR");
        }
        std::filesystem::path dir = vm["dir"].as<std::string>();
        if (!std::filesystem::is_directory(dir)) {
            throw UsageError("'" + dir.string() + "' is not a folder");
        }
        Config config = Config::load(global.config, global.sets);
        setUpLogging(config);
        return checkPlugin(dir);
    }
    throw UsageError("unknown plugin command '" + sub + "'\n" + kUsage);
}

}  // namespace tessera::kernel
