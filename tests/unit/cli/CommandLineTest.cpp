#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../TempDir.hpp"

namespace {

struct Run {
    int status;
    std::string output;
};

/// Runs the real tessera binary with `args` (shell words) in `dir`, stdout and stderr together.
Run runTessera(const std::string& args, const std::filesystem::path& dir = ".",
            const std::string& environment = "") {
    std::string command = "cd '" + dir.string() + "' && " + environment + " '" TESSERA_BINARY
                          "' " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
        output.append(buffer.data(), n);
    }
    int raw = pclose(pipe);
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, output};
}

const std::string kFixtures = TESSERA_FIXTURE_PLUGIN_DIR;

nlohmann::json pluginNamed(const nlohmann::json& list, const std::string& id) {
    for (const auto& p : list["plugins"]) {
        if (p["id"] == id) {
            return p;
        }
    }
    ADD_FAILURE() << "no plugin " << id << " in " << list.dump();
    return {};
}

class CommandLineTest : public ::testing::Test {
protected:
    tessera::test::TempDir dir_;
};

}  // namespace

TEST_F(CommandLineTest, VersionAndHelp) {
    auto version = runTessera("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_NE(version.output.find("tessera 0."), std::string::npos) << version.output;
    EXPECT_NE(version.output.find("ABI 1"), std::string::npos);

    auto help = runTessera("--help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.output.find("plugin list"), std::string::npos);

    auto pluginHelp = runTessera("plugin --help");
    EXPECT_EQ(pluginHelp.status, 0);
    EXPECT_NE(pluginHelp.output.find("tessera plugin check DIR"), std::string::npos);

    auto listHelp = runTessera("plugin list --help");
    EXPECT_EQ(listHelp.status, 0);
    EXPECT_NE(listHelp.output.find("--json"), std::string::npos);
}

TEST_F(CommandLineTest, UsageMistakesExitTwoWithAClearMessage) {
    struct Case {
        std::string args;
        std::string expected;
    };
    const Case cases[] = {
        {"", "Usage: tessera"},
        {"frobnicate", "unknown command 'frobnicate'"},
        {"plugin", "tessera plugin list"},
        {"plugin explode", "unknown plugin command 'explode'"},
        {"plugin list --bogus", "unrecognised option '--bogus'"},
        {"plugin check", "needs the plugin folder"},
        {"plugin check /no/such/folder", "'/no/such/folder' is not a folder"},
        {"--set novalue plugin list", "--set 'novalue' is not of the form key=value"},
        {"--config /no/such.ini plugin list", "config file '/no/such.ini' does not exist"},
        {"--set log.level=loud plugin list", "log.level 'loud' is not one of"},
    };
    for (const auto& c : cases) {
        auto run = runTessera(c.args, dir_.path());
        EXPECT_EQ(run.status, 2) << c.args << "\n" << run.output;
        EXPECT_NE(run.output.find(c.expected), std::string::npos)
            << c.args << "\nexpected: " << c.expected << "\ngot: " << run.output;
        EXPECT_EQ(run.output.find("terminate called"), std::string::npos) << run.output;
    }
}

TEST_F(CommandLineTest, PluginListShowsStatesAndErrors) {
    auto run = runTessera("--set plugins.path=" + kFixtures +
                           " --set 'plugins.enabled=fixture.base, fixture.missing_dep' plugin list",
                       dir_.path());
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("fixture.base             1.2.0      running"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("fixture.missing_dep      1.0.0      failed"), std::string::npos);
    EXPECT_NE(run.output.find("error: needs plugin 'fixture.nowhere' 1.0.0"), std::string::npos);
    EXPECT_NE(run.output.find("fixture.cycle.a          1.0.0      disabled"), std::string::npos);
}

TEST_F(CommandLineTest, ConfigFileEnvironmentAndSetAreLayered) {
    auto ini = dir_.path() / "custom.ini";
    std::ofstream(ini) << "[plugins]\npath = " << kFixtures
                       << "\nenabled = fixture.missing_dep\n[var]\npath = state\n";
    // The file enables missing_dep, the environment overrides it with base, --set adds optional.
    auto run = runTessera("--config custom.ini plugin list --json", dir_.path(),
                       "TESSERA_PLUGINS_ENABLED=fixture.base");
    ASSERT_EQ(run.status, 0) << run.output;
    auto list = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    EXPECT_EQ(pluginNamed(list, "fixture.base")["state"], "running");
    EXPECT_EQ(pluginNamed(list, "fixture.missing_dep")["state"], "disabled");

    run = runTessera("--config custom.ini --set 'plugins.enabled=fixture.base fixture.optional' "
                  "plugin list --json",
                  dir_.path(), "TESSERA_PLUGINS_ENABLED=fixture.base");
    ASSERT_EQ(run.status, 0) << run.output;
    list = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    EXPECT_EQ(pluginNamed(list, "fixture.optional")["state"], "running");
    // The installed versions were recorded under var.path from the file.
    std::ifstream recorded(dir_.path() / "state" / "installed-plugins.json");
    ASSERT_TRUE(recorded) << "no installed-plugins.json under var.path";
    auto versions = nlohmann::json::parse(recorded);
    EXPECT_EQ(versions["fixture.base"], "1.2.0");
    EXPECT_EQ(versions["fixture.optional"], "1.0.0");
    EXPECT_EQ(pluginNamed(list, "fixture.base")["installedVersion"], "1.2.0");
}

TEST_F(CommandLineTest, PluginCheckAcceptsAGoodFolder) {
    auto run = runTessera("plugin check " + kFixtures + "/fixture.base", dir_.path());
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("ok: fixture.base 1.2.0"), std::string::npos) << run.output;
}

TEST_F(CommandLineTest, PluginCheckListsEveryProblem) {
    struct Case {
        std::string folder;
        std::string expected;
    };
    const Case cases[] = {
        {"fixture.bad_abi", "was built for SDK ABI 999"},
        {"fixture.future_sdk", "\"sdk\": \">=2.0 <3\" does not include this kernel's SDK 1.0.0"},
        {"fixture.not_a_plugin", "is not a Tessera plugin"},
        {"missing_so", "does not exist"},
        {"bad_json", "is not valid JSON"},
        {"fixture.throw.create", "threw: create failed on purpose"},
    };
    for (const auto& c : cases) {
        auto run = runTessera("plugin check " + kFixtures + "/" + c.folder, dir_.path());
        EXPECT_EQ(run.status, 1) << c.folder << "\n" << run.output;
        EXPECT_NE(run.output.find("problem: "), std::string::npos) << run.output;
        EXPECT_NE(run.output.find(c.expected), std::string::npos)
            << c.folder << "\nexpected: " << c.expected << "\ngot: " << run.output;
    }
}

TEST_F(CommandLineTest, PluginCheckReadsSchemaFiles) {
    auto folder = dir_.path() / "copy";
    std::filesystem::copy(kFixtures + "/fixture.base", folder,
                          std::filesystem::copy_options::recursive);
    std::ofstream(folder / "schema" / "entities" / "Broken.json") << "{ not json";
    auto run = runTessera("plugin check copy", dir_.path());
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_NE(run.output.find("Broken.json: is not valid JSON"), std::string::npos) << run.output;
}
