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

    for (const char* command : {"plugin check --help", "migrate --help", "schema --help",
                                "schema dump --help"}) {
        auto help = runTessera(command);
        EXPECT_EQ(help.status, 0) << command << "\n" << help.output;
        EXPECT_NE(help.output.find("tessera"), std::string::npos) << command;
    }
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
                       << "\nenabled = fixture.missing_dep\n[db]\nurl = sqlite:state/tessera.db\n";
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
    // The database named in the file holds the versions the plugins were installed at.
    EXPECT_TRUE(std::filesystem::exists(dir_.path() / "state" / "tessera.db"));
    EXPECT_EQ(pluginNamed(list, "fixture.base")["installedVersion"], "1.2.0");
    EXPECT_EQ(pluginNamed(list, "fixture.optional")["installedVersion"], "1.0.0");
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
        {"fixture.future_sdk", "\"sdk\": \">=2.0 <3\" does not include this kernel's SDK"},
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

TEST_F(CommandLineTest, MigrateShowsThenAppliesThePlan) {
    std::string base = "--set plugins.path=" + kFixtures +
                       " --set 'plugins.enabled=fixture.base fixture.dependent' ";
    auto status = runTessera(base + "migrate --status", dir_.path());
    EXPECT_EQ(status.status, 0) << status.output;
    EXPECT_NE(status.output.find("Pending:"), std::string::npos) << status.output;
    EXPECT_NE(status.output.find("create table widget for Widget"), std::string::npos);

    auto applied = runTessera(base + "migrate", dir_.path());
    EXPECT_EQ(applied.status, 0) << applied.output;
    EXPECT_NE(applied.output.find("Applied:"), std::string::npos);
    EXPECT_NE(applied.output.find("fixture.base 1.2.0"), std::string::npos);

    auto again = runTessera(base + "migrate --status", dir_.path());
    EXPECT_NE(again.output.find("The database is up to date"), std::string::npos) << again.output;

    // Without the dependent plugin its field is no longer declared, and its data is kept.
    auto fewer = runTessera("--set plugins.path=" + kFixtures +
                                " --set plugins.enabled=fixture.base migrate --status",
                            dir_.path());
    EXPECT_NE(fewer.output.find("note: column widget.colour is no longer declared"),
              std::string::npos)
        << fewer.output;
}

TEST_F(CommandLineTest, SchemaDumpShowsTheMergedSchema) {
    auto run = runTessera("--set plugins.path=" + kFixtures +
                              " --set 'plugins.enabled=fixture.base fixture.dependent' schema dump",
                          dir_.path());
    ASSERT_EQ(run.status, 0) << run.output;
    auto schema = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    const auto& widget = schema["entities"]["Widget"];
    EXPECT_EQ(widget["plugin"], "fixture.base");
    EXPECT_EQ(widget["fields"]["title"]["required"], true);
    EXPECT_EQ(widget["fields"]["colour"]["plugin"], "fixture.dependent");
    EXPECT_TRUE(widget["fields"].contains("owner_id"));
}

TEST_F(CommandLineTest, DatabaseProblemsAreClearErrors) {
    auto badUrl = runTessera("--set db.url=mysql://x migrate", dir_.path());
    EXPECT_EQ(badUrl.status, 2) << badUrl.output;
    EXPECT_NE(badUrl.output.find("db.url"), std::string::npos) << badUrl.output;
    auto unreachable = runTessera(
        "--set db.url=postgresql://nobody@127.0.0.1:1/none migrate", dir_.path());
    EXPECT_EQ(unreachable.status, 1) << unreachable.output;
    EXPECT_NE(unreachable.output.find("tessera: "), std::string::npos);
    EXPECT_EQ(unreachable.output.find("terminate called"), std::string::npos);
}

TEST_F(CommandLineTest, InitCreatesTheAdminAndLoadsTheDemoDataOnce) {
    std::string base = "--set plugins.path=" + kFixtures +
                       " --set 'plugins.enabled=fixture.base fixture.web'"
                       " --set auth.password_hash=interactive ";
    auto first = runTessera(base + "init", dir_.path());
    ASSERT_EQ(first.status, 0) << first.output;
    EXPECT_NE(first.output.find("Open      http://127.0.0.1:8080/"), std::string::npos)
        << first.output;
    EXPECT_NE(first.output.find("Login     admin"), std::string::npos);
    EXPECT_NE(first.output.find("Password  "), std::string::npos);
    EXPECT_NE(first.output.find("Demo data loaded: fixture.web"), std::string::npos);
    EXPECT_NE(first.output.find("Demo users: manager sales sales2 support marketing"),
              std::string::npos);

    auto users = runTessera(base + "user list", dir_.path());
    EXPECT_NE(users.output.find("admin"), std::string::npos);
    EXPECT_NE(users.output.find("sales2"), std::string::npos);

    auto again = runTessera(base + "init", dir_.path());
    EXPECT_EQ(again.status, 0) << again.output;
    EXPECT_NE(again.output.find("The database is up to date"), std::string::npos);
    EXPECT_EQ(again.output.find("Password"), std::string::npos);

    auto demo = runTessera(base + "demo", dir_.path());
    EXPECT_EQ(demo.status, 0) << demo.output;
    EXPECT_NE(demo.output.find("Demo data already there: fixture.web"), std::string::npos);
    EXPECT_EQ(demo.output.find("Demo users"), std::string::npos);

    auto forced = runTessera(base + "demo --force --scale 2", dir_.path());
    EXPECT_EQ(forced.status, 0) << forced.output;
    EXPECT_NE(forced.output.find("Demo data loaded: fixture.web"), std::string::npos);

    auto badScale = runTessera(base + "demo --scale 0", dir_.path());
    EXPECT_EQ(badScale.status, 2);
    EXPECT_NE(badScale.output.find("--scale must be from 1 to 1000"), std::string::npos);
}
