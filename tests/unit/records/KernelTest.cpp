#include <tessera/kernel/app/Kernel.hpp>

#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

/// The whole start-up: fixture plugins declare Widget (fixture.base) and extend it
/// (fixture.dependent); the kernel migrates a database of the test's own.
class KernelTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override { database_ = std::make_unique<test::IsolatedDatabase>(GetParam()); }

    kernel::Config config(const std::string& enabled = "fixture.base fixture.dependent") {
        return kernel::Config::load(std::nullopt,
                                    {"db.url=" + database_->url(),
                                     "plugins.path=" TESSERA_FIXTURE_PLUGIN_DIR,
                                     "plugins.enabled=" + enabled});
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
};

}  // namespace

TEST_P(KernelTest, StartsPluginsMigratesAndServesRecords) {
    auto settings = config();
    kernel::Kernel kernel(settings);
    kernel.start({});
    EXPECT_FALSE(kernel.plugins().hasFailures());
    const auto& widget = kernel.schema().require("Widget");
    EXPECT_EQ(widget.field("colour")->plugin, "fixture.dependent");
    auto created = kernel.records().create(sdk::Caller::systemCaller(), "Widget",
                                           {{"title", "First"}, {"colour", "red"}});
    EXPECT_EQ(created["colour"], "red");
    EXPECT_EQ(kernel.appliedVersions()["fixture.base"], "1.2.0");
    EXPECT_TRUE(kernel.migration().notices.empty());
}

TEST_P(KernelTest, CustomFieldsAreRealColumnsThatSurviveARestart) {
    auto settings = config();
    std::int64_t id = 0;
    {
        kernel::Kernel kernel(settings);
        kernel.start({});
        kernel.addCustomField("Widget", "batch_no", {{"type", "integer"}, {"min", 1}});
        auto w = kernel.records().create(sdk::Caller::systemCaller(), "Widget",
                                         {{"title", "Custom"}, {"batch_no", 7}});
        id = w["id"];
        EXPECT_EQ(w["batch_no"], 7);
        EXPECT_EQ(kernel.schema().require("Widget").field("batch_no")->plugin, "custom");
        try {
            kernel.addCustomField("Widget", "title", {{"type", "text"}});
            ADD_FAILURE() << "a custom field may not take a declared field's name";
        } catch (const sdk::PluginError& e) {
            EXPECT_EQ(e.error().code, "validation");
            EXPECT_NE(std::string(e.what()).find("already declared by plugin 'fixture.base'"),
                      std::string::npos);
        }
        try {
            kernel.addCustomField("Widget", "bad", {{"type", "colour"}});
            ADD_FAILURE() << "an unknown type was accepted";
        } catch (const sdk::PluginError& e) {
            EXPECT_NE(std::string(e.what()).find("is not a field type"), std::string::npos);
        }
        auto error = [&] {
            try {
                kernel.records().create(sdk::Caller::systemCaller(), "Widget",
                                        {{"title", "x"}, {"batch_no", 0}});
            } catch (const sdk::PluginError& e) {
                return e.error().fields.at("batch_no");
            }
            return std::string("accepted");
        }();
        EXPECT_EQ(error, "must be at least 1");
    }
    kernel::Kernel again(settings);
    again.start({});
    EXPECT_NE(again.schema().require("Widget").field("batch_no"), nullptr);
    EXPECT_EQ(again.records().get(sdk::Caller::systemCaller(), "Widget", id)["batch_no"], 7);
}

TEST_P(KernelTest, AFailingPluginLeavesTheOthersRunning) {
    auto settings = config("fixture.base fixture.schema_clash");
    kernel::Kernel kernel(settings);
    kernel.start({});
    EXPECT_TRUE(kernel.plugins().hasFailures());
    EXPECT_EQ(kernel.plugins().find("fixture.schema_clash")->state, kernel::PluginState::Failed);
    EXPECT_EQ(kernel.schema().require("Widget").plugin, "fixture.base");
}

INSTANTIATE_TEST_SUITE_P(Backends, KernelTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         test::backendName);
