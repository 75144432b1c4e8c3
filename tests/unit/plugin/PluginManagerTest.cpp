#include <algorithm>

#include <gtest/gtest.h>

#include <tessera/kernel/plugin/PluginManager.hpp>
#include <tessera/sdk/Version.hpp>

using tessera::kernel::PluginManager;
using tessera::kernel::PluginManagerOptions;
using tessera::kernel::PluginSpec;
using tessera::kernel::PluginState;

namespace {

const std::filesystem::path kFixtures = TESSERA_FIXTURE_PLUGIN_DIR;

class PluginManagerTest : public ::testing::Test {
protected:
    PluginManager& start(std::vector<std::string> enabled) {
        PluginManagerOptions options;
        options.searchPath = {kFixtures};
        options.enabled = std::move(enabled);
        manager_ = std::make_unique<PluginManager>(std::move(options));
        manager_->startAll();
        return *manager_;
    }

    const PluginSpec& spec(const std::string& id) {
        const PluginSpec* found = manager_->find(id);
        if (!found) {
            throw std::runtime_error("no plugin '" + id + "' was discovered");
        }
        return *found;
    }

    /// Asserts the plugin failed in `phase` with an error that contains every one of `parts`.
    void expectFailed(const std::string& id, const std::string& phase,
                      std::initializer_list<std::string> parts) {
        const PluginSpec& s = spec(id);
        EXPECT_EQ(s.state, PluginState::Failed) << id << ": " << s.error;
        EXPECT_EQ(s.failedPhase, phase) << id << ": " << s.error;
        for (const auto& part : parts) {
            EXPECT_NE(s.error.find(part), std::string::npos)
                << id << ": the error does not mention '" << part << "': " << s.error;
        }
    }

    long position(const std::string& entry) {
        const auto& trace = manager_->trace();
        auto it = std::find(trace.begin(), trace.end(), entry);
        EXPECT_NE(it, trace.end()) << "not in the trace: " << entry;
        return it - trace.begin();
    }

    std::string libraryOf(const std::string& folder, const std::string& library) {
        return (kFixtures / folder / ("lib" + library + ".so")).string();
    }

    std::unique_ptr<PluginManager> manager_;
};

}  // namespace

TEST_F(PluginManagerTest, GoodPluginsRunInDependencyOrder) {
    auto& manager = start({"fixture.dependent", "fixture.base"});
    EXPECT_EQ(spec("fixture.base").state, PluginState::Running) << spec("fixture.base").error;
    EXPECT_EQ(spec("fixture.dependent").state, PluginState::Running)
        << spec("fixture.dependent").error;
    EXPECT_FALSE(manager.hasFailures());

    // initialize in dependency order, extensionsInitialized in reverse.
    EXPECT_LT(position("load fixture.base"), position("load fixture.dependent"));
    EXPECT_LT(position("declareSchema fixture.base"), position("declareSchema fixture.dependent"));
    EXPECT_LT(position("initialize fixture.base"), position("initialize fixture.dependent"));
    EXPECT_LT(position("initialize fixture.dependent"),
              position("extensionsInitialized fixture.dependent"));
    EXPECT_LT(position("extensionsInitialized fixture.dependent"),
              position("extensionsInitialized fixture.base"));

    manager.shutdown();
    EXPECT_EQ(spec("fixture.base").state, PluginState::Stopped);
    EXPECT_LT(position("aboutToShutdown fixture.base"),
              position("aboutToShutdown fixture.dependent"));
    EXPECT_LT(position("aboutToShutdown fixture.dependent"), position("destroy fixture.dependent"));
    EXPECT_LT(position("destroy fixture.dependent"), position("destroy fixture.base"));
    EXPECT_TRUE(manager.services().ids().empty()) << "services outlived their plugins";
}

TEST_F(PluginManagerTest, ServicesAreTaggedAndShared) {
    auto& manager = start({"fixture.base", "fixture.dependent"});
    auto ids = manager.services().ids();
    EXPECT_EQ(ids, (std::vector<std::string>{"fixture.base.greeting", "fixture.dependent.greeting"}));
    auto greeting = std::static_pointer_cast<std::string>(manager.services().find("fixture.base.greeting"));
    ASSERT_TRUE(greeting);
    EXPECT_EQ(*greeting, "hello from fixture.base");
}

TEST_F(PluginManagerTest, BridgeEnablesItselfWhenAllItsDependenciesAre) {
    start({"fixture.base", "fixture.dependent"});
    EXPECT_EQ(spec("fixture.bridge").state, PluginState::Running) << spec("fixture.bridge").error;
    EXPECT_TRUE(spec("fixture.bridge").autoEnabled);
    EXPECT_LT(position("initialize fixture.dependent"), position("initialize fixture.bridge"));

    start({"fixture.base"});
    EXPECT_EQ(spec("fixture.bridge").state, PluginState::Disabled);
    EXPECT_EQ(spec("fixture.dependent").state, PluginState::Disabled);
}

TEST_F(PluginManagerTest, AbsentOptionalDependencyIsFine) {
    start({"fixture.optional"});
    EXPECT_EQ(spec("fixture.optional").state, PluginState::Running) << spec("fixture.optional").error;

    // A present optional dependency is ordered first.
    start({"fixture.optional", "fixture.base"});
    EXPECT_LT(position("initialize fixture.base"), position("initialize fixture.optional"));
}

TEST_F(PluginManagerTest, CycleIsNamedInOrder) {
    auto& manager = start({"fixture.cycle.a", "fixture.cycle.b", "fixture.cycle.c", "fixture.base"});
    for (const char* id : {"fixture.cycle.a", "fixture.cycle.b", "fixture.cycle.c"}) {
        expectFailed(id, "resolve",
                     {"dependency cycle: fixture.cycle.a -> fixture.cycle.b -> fixture.cycle.c -> "
                      "fixture.cycle.a"});
    }
    EXPECT_EQ(spec("fixture.base").state, PluginState::Running);
    EXPECT_TRUE(manager.hasFailures());
}

TEST_F(PluginManagerTest, MissingAndTooOldDependencies) {
    start({"fixture.missing_dep", "fixture.old_dep", "fixture.base"});
    expectFailed("fixture.missing_dep", "resolve",
                 {"needs plugin 'fixture.nowhere' 1.0.0", "not installed"});
    expectFailed("fixture.old_dep", "resolve",
                 {"needs plugin 'fixture.base' 2.0.0", "the installed one is 1.2.0"});
    EXPECT_EQ(spec("fixture.base").state, PluginState::Running);
}

TEST_F(PluginManagerTest, DependencyNotEnabled) {
    start({"fixture.dependent"});
    expectFailed("fixture.dependent", "resolve",
                 {"needs plugin 'fixture.base'", "not enabled", "plugins.enabled"});
}

TEST_F(PluginManagerTest, SdkRangeThatExcludesThisKernel) {
    start({"fixture.future_sdk"});
    expectFailed("fixture.future_sdk", "resolve", {"needs SDK >=2.0 <3", "\"sdk\"", tessera::sdk::kSdkVersion});
}

TEST_F(PluginManagerTest, BinaryGateRefusesMismatches) {
    start({"fixture.bad_abi", "fixture.bad_toolchain", "fixture.id_mismatch",
           "fixture.not_a_plugin", "fixture.missing_so", "fixture.base"});
    expectFailed("fixture.bad_abi", "load",
                 {libraryOf("fixture.bad_abi", "fixture_bad_abi"), "SDK ABI 999",
                  "this kernel has SDK ABI 1", "rebuild"});
    expectFailed("fixture.bad_toolchain", "load",
                 {libraryOf("fixture.bad_toolchain", "fixture_bad_toolchain"),
                  "built with othercc 99.1", "this kernel with gcc", "same compiler"});
    expectFailed("fixture.id_mismatch", "load",
                 {libraryOf("fixture.id_mismatch", "fixture_id_mismatch"),
                  "contains plugin 'fixture.someone_else'", "\"id\": \"fixture.id_mismatch\""});
    expectFailed("fixture.not_a_plugin", "load",
                 {libraryOf("fixture.not_a_plugin", "fixture_not_a_plugin"),
                  "is not a Tessera plugin"});
    expectFailed("fixture.missing_so", "load",
                 {libraryOf("missing_so", "fixture_missing_so"), "does not exist",
                  "\"library\": \"fixture_missing_so\""});
    EXPECT_EQ(spec("fixture.base").state, PluginState::Running);
}

TEST_F(PluginManagerTest, BadManifestsAreInvalidWithFileAndKey) {
    auto& manager = start({"bad_json", "missing_key", "bad_id", "fixture.base"});
    auto invalid = [&](const std::string& folder, const std::string& cause) {
        const PluginSpec& s = spec(folder);
        EXPECT_EQ(s.state, PluginState::Invalid);
        EXPECT_NE(s.error.find((kFixtures / folder / "plugin.json").string()), std::string::npos)
            << s.error;
        EXPECT_NE(s.error.find(cause), std::string::npos) << s.error;
    };
    invalid("bad_json", "is not valid JSON: parse error at line 2, column 29");
    invalid("missing_key", "the required key \"version\" is missing");
    invalid("bad_id", "key \"id\": 'Fixture Bad!' is not a valid plugin id");
    EXPECT_EQ(spec("fixture.base").state, PluginState::Running);
    EXPECT_TRUE(manager.hasFailures());
}

TEST_F(PluginManagerTest, ExceptionInEachPhaseFailsThatPluginOnly) {
    start({"fixture.throw.create", "fixture.throw.declare_schema", "fixture.throw.initialize",
           "fixture.throw.extensions_initialized", "fixture.base"});
    expectFailed("fixture.throw.create", "load",
                 {"creating plugin 'fixture.throw.create'", "threw: create failed on purpose"});
    expectFailed("fixture.throw.declare_schema", "declareSchema",
                 {"declareSchema threw: declareSchema failed on purpose"});
    expectFailed("fixture.throw.initialize", "initialize",
                 {"initialize threw: initialize failed on purpose"});
    expectFailed("fixture.throw.extensions_initialized", "extensionsInitialized",
                 {"extensionsInitialized threw: extensionsInitialized failed on purpose"});
    EXPECT_EQ(spec("fixture.base").state, PluginState::Running);
}

TEST_F(PluginManagerTest, ExceptionInShutdownIsRecorded) {
    auto& manager = start({"fixture.throw.about_to_shutdown", "fixture.base"});
    EXPECT_EQ(spec("fixture.throw.about_to_shutdown").state, PluginState::Running);
    manager.shutdown();
    expectFailed("fixture.throw.about_to_shutdown", "aboutToShutdown",
                 {"aboutToShutdown threw: aboutToShutdown failed on purpose"});
    EXPECT_EQ(spec("fixture.base").state, PluginState::Stopped);
    EXPECT_GT(position("destroy fixture.throw.about_to_shutdown"), 0);
}

TEST_F(PluginManagerTest, DependentsOfAFailedPluginFailWithTheReason) {
    start({"fixture.needs_failed", "fixture.throw.initialize"});
    expectFailed("fixture.needs_failed", "initialize",
                 {"needs 'fixture.throw.initialize', which failed: initialize threw: "
                  "initialize failed on purpose"});
    // It never ran its own initialize.
    const auto& trace = manager_->trace();
    EXPECT_EQ(std::count(trace.begin(), trace.end(), "initialize fixture.needs_failed"), 0);
}

TEST_F(PluginManagerTest, SchemaClashNamesBothPlugins) {
    start({"fixture.base", "fixture.schema_clash"});
    expectFailed("fixture.schema_clash", "declareSchema",
                 {"plugin 'fixture.schema_clash' declares entity 'Widget'",
                  "plugin 'fixture.base' already declares"});
}

TEST_F(PluginManagerTest, EnabledButNotFound) {
    auto& manager = start({"fixture.base", "nobody.home"});
    ASSERT_EQ(manager.problems().size(), 1u);
    EXPECT_NE(manager.problems()[0].find("'nobody.home' is in plugins.enabled"), std::string::npos);
    EXPECT_TRUE(manager.hasFailures());
}

TEST_F(PluginManagerTest, MissingSearchFolderIsAProblem) {
    PluginManagerOptions options;
    options.searchPath = {kFixtures / "no-such-folder"};
    PluginManager manager(std::move(options));
    manager.startAll();
    ASSERT_EQ(manager.problems().size(), 1u);
    EXPECT_NE(manager.problems()[0].find("no-such-folder' does not exist"), std::string::npos);
}
