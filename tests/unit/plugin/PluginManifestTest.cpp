#include <fstream>

#include <gtest/gtest.h>

#include <tessera/kernel/plugin/PluginManifest.hpp>

#include "../TempDir.hpp"

using tessera::kernel::ManifestError;
using tessera::kernel::PluginManifest;

namespace {

class PluginManifestTest : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& text) {
        auto file = dir_.path() / "plugin.json";
        std::ofstream(file) << text;
        return file;
    }

    /// The message read() throws for `text`; fails the test when it does not throw.
    std::string errorFor(const std::string& text) {
        auto file = write(text);
        try {
            PluginManifest::read(file);
        } catch (const ManifestError& e) {
            std::string message = e.what();
            EXPECT_NE(message.find(file.string()), std::string::npos)
                << "message does not name the file: " << message;
            return message;
        }
        ADD_FAILURE() << "accepted: " << text;
        return {};
    }

    tessera::test::TempDir dir_;
};

constexpr const char* kValid = R"({
  "id": "vendor.deals", "name": "Deals", "version": "1.4.0", "compatVersion": "1.1.0",
  "sdk": ">=1.0 <2", "library": "vendor_deals", "category": "Sales", "description": "Pipelines",
  "depends": [{"id": "contacts", "version": "1.0.0"},
              {"id": "activities", "version": "1.2.0", "type": "optional"}],
  "autoInstall": false, "config": {"defaultPipeline": "sales"}
})";

}  // namespace

TEST_F(PluginManifestTest, ReadsEveryKey) {
    auto m = PluginManifest::read(write(kValid));
    EXPECT_EQ(m.id, "vendor.deals");
    EXPECT_EQ(m.name, "Deals");
    EXPECT_EQ(m.version.toString(), "1.4.0");
    EXPECT_EQ(m.compatVersion.toString(), "1.1.0");
    EXPECT_EQ(m.sdk.text(), ">=1.0 <2");
    EXPECT_EQ(m.library, "vendor_deals");
    EXPECT_EQ(m.category, "Sales");
    ASSERT_EQ(m.depends.size(), 2u);
    EXPECT_EQ(m.depends[0].id, "contacts");
    EXPECT_FALSE(m.depends[0].optional);
    EXPECT_EQ(m.depends[1].version.toString(), "1.2.0");
    EXPECT_TRUE(m.depends[1].optional);
    EXPECT_EQ(m.config["defaultPipeline"], "sales");
}

TEST_F(PluginManifestTest, CompatVersionDefaultsToVersion) {
    auto m = PluginManifest::read(write(
        R"({"id": "a", "name": "A", "version": "2.1.0", "sdk": "^1.0", "library": "a"})"));
    EXPECT_EQ(m.compatVersion.toString(), "2.1.0");
}

TEST_F(PluginManifestTest, NamesTheKeyAndTheFix) {
    struct Case {
        std::string json;
        std::string expected;
    };
    const Case cases[] = {
        {R"({"name": "A", "version": "1.0.0", "sdk": "^1", "library": "a"})",
         "the required key \"id\" is missing"},
        {R"({"id": "Deals!", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a"})",
         "key \"id\": 'Deals!' is not a valid plugin id"},
        {R"({"id": 7, "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a"})",
         "key \"id\": must be a string, not number"},
        {R"({"id": "a", "name": "A", "version": "1.0", "sdk": "^1", "library": "a"})",
         "key \"version\": '1.0' is not a version of the form MAJOR.MINOR.PATCH"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "compatVersion": "2.0.0", "sdk": "^1", "library": "a"})",
         "key \"compatVersion\": '2.0.0' is newer than \"version\""},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "lots", "library": "a"})",
         "key \"sdk\": 'lots' is not a version comparator"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "../evil"})",
         "key \"library\": '../evil' must be a plain library name"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a", "depends": {}})",
         "key \"depends\": must be an array"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a", "depends": [{"id": "b"}]})",
         "key \"depends[0].version\": is missing"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a", "depends": [{"id": "b", "version": "1.0.0", "type": "soft"}]})",
         "key \"depends[0].type\": 'soft' is not a dependency type"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a", "depends": [{"id": "a", "version": "1.0.0"}]})",
         "a plugin cannot depend on itself"},
        {R"({"id": "a", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a", "autoInstall": "yes"})",
         "key \"autoInstall\": must be true or false"},
        {R"([1, 2])", "must hold a JSON object, not array"},
        {R"({"id": "a", "name": )", "is not valid JSON: parse error at line 1, column 21"},
    };
    for (const auto& c : cases) {
        std::string message = errorFor(c.json);
        EXPECT_NE(message.find(c.expected), std::string::npos)
            << "for " << c.json << "\nexpected: " << c.expected << "\ngot: " << message;
    }
}

TEST_F(PluginManifestTest, ValidIds) {
    EXPECT_TRUE(PluginManifest::isValidId("contacts"));
    EXPECT_TRUE(PluginManifest::isValidId("acme.mail-sync_2"));
    EXPECT_FALSE(PluginManifest::isValidId("2fa"));
    EXPECT_FALSE(PluginManifest::isValidId("Contacts"));
    EXPECT_FALSE(PluginManifest::isValidId(""));
    EXPECT_FALSE(PluginManifest::isValidId("a/b"));
    EXPECT_FALSE(PluginManifest::isValidId(std::string(65, 'a')));
}

TEST_F(PluginManifestTest, ReadsDeclaredPermissionsWithTheirDefaultRoles) {
    auto m = PluginManifest::read(write(R"({
      "id": "vendor.deals", "name": "Deals", "version": "1.0.0", "sdk": "^1", "library": "d",
      "permissions": [
        {"name": "vendor.deals.approve", "label": "Approve discounts", "roles": ["manager", "ops"]},
        {"name": "vendor.deals.export-all", "label": "Export every deal"}
      ]})"));
    ASSERT_EQ(m.permissions.size(), 2u);
    EXPECT_EQ(m.permissions[0].plugin, "vendor.deals");
    EXPECT_EQ(m.permissions[0].name, "vendor.deals.approve");
    EXPECT_EQ(m.permissions[0].label, "Approve discounts");
    EXPECT_EQ(m.permissions[0].defaultRoles, (std::vector<std::string>{"manager", "ops"}));
    EXPECT_EQ(m.permissions[1].name, "vendor.deals.export-all");
    EXPECT_TRUE(m.permissions[1].defaultRoles.empty()) << "roles are optional";
    EXPECT_TRUE(PluginManifest::read(write(kValid)).permissions.empty());
}

TEST_F(PluginManifestTest, BadPermissionsNameTheKeyAndTheFix) {
    const std::string head =
        R"({"id": "deals", "name": "A", "version": "1.0.0", "sdk": "^1", "library": "a", )";
    struct Case {
        std::string permissions;
        std::string expected;
    };
    const Case cases[] = {
        {R"("permissions": {})", "key \"permissions\": must be an array"},
        {R"("permissions": ["deals.x"])", "key \"permissions[0]\": must be an object"},
        {R"("permissions": [{"label": "X"}])", "key \"permissions[0].name\": is missing"},
        {R"("permissions": [{"name": "deals.x"}])", "key \"permissions[0].label\": is missing"},
        {R"("permissions": [{"name": "leads.manage", "label": "X"}])",
         "key \"permissions[0].name\": 'leads.manage' must be the plugin id, a dot"},
        {R"("permissions": [{"name": "deals", "label": "X"}])",
         "key \"permissions[0].name\": 'deals' must be the plugin id"},
        {R"("permissions": [{"name": "deals.Approve", "label": "X"}])",
         "key \"permissions[0].name\": 'deals.Approve' must be"},
        {R"("permissions": [{"name": 5, "label": "X"}])",
         "key \"permissions[0].name\": must be a string, not number"},
        {R"("permissions": [{"name": "deals.a", "label": "A"}, {"name": "deals.a", "label": "B"}])",
         "key \"permissions[1].name\": 'deals.a' is declared twice"},
        {R"("permissions": [{"name": "deals.a", "label": "  "}])",
         "key \"permissions[0].label\": must say in 1 to 200 characters"},
        {R"("permissions": [{"name": "deals.a", "label": "A", "roles": "manager"}])",
         "key \"permissions[0].roles\": must be an array of role names"},
        {R"("permissions": [{"name": "deals.a", "label": "A", "roles": ["manager", "Sales Rep"]}])",
         "key \"permissions[0].roles[1]\": must be a role name"},
        {R"("permissions": [{"name": "deals.a", "label": "A", "roles": [3]}])",
         "key \"permissions[0].roles[0]\": must be a role name"},
    };
    for (const auto& c : cases) {
        std::string json = head + c.permissions + "}";
        std::string message = errorFor(json);
        EXPECT_NE(message.find(c.expected), std::string::npos)
            << "for " << json << "\nexpected: " << c.expected << "\ngot: " << message;
    }
}
