#include <regex>

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/kernel/web/FormData.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "IsolatedDatabase.hpp"
#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::testing::HttpAnswer;
using sdk::testing::HttpClient;
using sdk::testing::TestKernel;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

constexpr const char* kReports = "/p/fixture.web/reports";  // needs fixture.web.reports

/// The named permissions fixture.web declares (fixture.web.reports by default for manager and
/// the missing role no_such_role, fixture.web.audit for nobody) on the role page of a whole
/// kernel, restarted on the same database where the test needs it.
class RolePermissionsTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::IsolatedDatabase>(GetParam());
        database_->close();
        start();
        kernel_->createUser("admin", "admin");
        kernel_->createUser("boss", "manager");
        kernel_->createUser("rep", "sales_rep");
    }

    void start(std::vector<std::string> plugins = {"fixture.base", "fixture.web"}) {
        kernel_.reset();
        TestKernel::Options options;
        options.plugins = std::move(plugins);
        options.pluginPath = TESSERA_FIXTURE_PLUGIN_DIR;
        options.databaseUrl = database_->url();
        kernel_ = std::make_unique<TestKernel>(options);
    }

    /// The checkbox of `permission` on the page, or "" when there is none.
    static std::string checkbox(const std::string& page, const std::string& permission) {
        std::smatch match;
        std::regex pattern("<input type=\"checkbox\" name=\"permission\" value=\"" +
                           std::regex_replace(permission, std::regex("\\."), "\\.") + "\"[^>]*>");
        return std::regex_search(page, match, pattern) ? match.str() : std::string{};
    }

    static bool checked(const std::string& page, const std::string& permission) {
        return contains(checkbox(page, permission), " checked");
    }

    /// Saves the role page with the boxes in `ticked` checked, both fixture permissions listed.
    static HttpAnswer save(const HttpClient& client, const std::string& role,
                           const std::vector<std::string>& ticked, HttpClient::Fields extra = {}) {
        HttpClient::Fields fields = {{"permission.listed", "fixture.web.reports"},
                                     {"permission.listed", "fixture.web.audit"}};
        for (const auto& name : ticked) {
            fields.emplace_back("permission", name);
        }
        fields.insert(fields.end(), extra.begin(), extra.end());
        return client.postForm("/admin/roles/" + role, fields);
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
};

}  // namespace

TEST_P(RolePermissionsTest, TheRolePageListsDeclaredPermissionsByPluginWithTheirLabels) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer page = admin.get("/admin/roles/manager");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "<legend>Web fixture</legend>"));
    EXPECT_TRUE(contains(page.body, "See the widget reports"));
    EXPECT_TRUE(contains(page.body, "Audit &lt;widgets&gt; &amp; their owners"));
    EXPECT_TRUE(checked(page.body, "fixture.web.reports")) << "the plugin's default for manager";
    ASSERT_FALSE(checkbox(page.body, "fixture.web.audit").empty());
    EXPECT_FALSE(checked(page.body, "fixture.web.audit"));

    HttpAnswer rep = admin.get("/admin/roles/sales_rep");
    EXPECT_FALSE(checked(rep.body, "fixture.web.reports"));
    EXPECT_TRUE(contains(admin.get("/admin/roles/admin").body, "every named permission"));
    EXPECT_EQ(kernel_->signIn("boss").get("/admin/roles/manager").status, 403);
}

TEST_P(RolePermissionsTest, SavingGrantsAndRevokesForTheRolesUsersAtOnce) {
    HttpClient admin = kernel_->signIn("admin");
    HttpClient boss = kernel_->signIn("boss");
    HttpClient rep = kernel_->signIn("rep");
    EXPECT_EQ(boss.get(kReports).status, 200) << "manager holds the default grant";
    EXPECT_EQ(rep.get(kReports).status, 403);

    HttpAnswer saved = save(admin, "sales_rep", {"fixture.web.reports", "fixture.web.audit"});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), "/admin/roles/sales_rep");
    EXPECT_EQ(rep.get(kReports).body, "reports") << "no stale cached permissions";
    HttpAnswer page = admin.get("/admin/roles/sales_rep");
    EXPECT_TRUE(checked(page.body, "fixture.web.reports"));
    EXPECT_TRUE(checked(page.body, "fixture.web.audit"));

    ASSERT_EQ(save(admin, "sales_rep", {"fixture.web.audit"}).status, 303);
    EXPECT_EQ(rep.get(kReports).status, 403) << "an unticked box revokes";
    EXPECT_TRUE(checked(admin.get("/admin/roles/sales_rep").body, "fixture.web.audit"));

    // The scope grid alone (no permission list in the form) keeps the permissions.
    ASSERT_EQ(admin.postForm("/admin/roles/sales_rep", {{"g.*.read", "team"}}).status, 303);
    EXPECT_TRUE(checked(admin.get("/admin/roles/sales_rep").body, "fixture.web.audit"));
}

TEST_P(RolePermissionsTest, RefusedSavesChangeNothing) {
    HttpClient admin = kernel_->signIn("admin");
    HttpClient boss = kernel_->signIn("boss");

    HttpAnswer bogus = save(admin, "manager", {"fixture.web.audit", "fixture.web.everything"},
                            {{"g.*.read", "own"}});
    EXPECT_EQ(bogus.status, 422) << bogus.body;
    EXPECT_TRUE(contains(bogus.body, "fixture.web.everything")) << bogus.body;
    EXPECT_TRUE(contains(bogus.body, "not a permission any running plugin declares"));
    HttpAnswer page = admin.get("/admin/roles/manager");
    EXPECT_FALSE(checked(page.body, "fixture.web.audit"));
    EXPECT_TRUE(checked(page.body, "fixture.web.reports"));
    EXPECT_TRUE(contains(page.body, "<option value=\"all\" selected>all</option>"))
        << "the grid cell in the same form was not saved either";

    EXPECT_EQ(admin.postForm("/admin/roles/manager", {{"permission.listed", "other.thing"}}).status,
              422);
    EXPECT_EQ(save(boss, "manager", {}).status, 403) << "only admins edit roles";
    HttpAnswer forged =
        admin.send("POST", "/admin/roles/manager",
                   kernel::FormData::encode({{"permission.listed", "fixture.web.reports"}}),
                   {{"content-type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(forged.status, 403) << "no CSRF field";
    EXPECT_EQ(save(admin, "admin", {}).status, 409) << "an admin role holds everything";
    EXPECT_EQ(boss.get(kReports).status, 200);
}

TEST_P(RolePermissionsTest, ARevokedDefaultStaysRevokedAfterARestart) {
    HttpClient admin = kernel_->signIn("admin");
    ASSERT_EQ(save(admin, "manager", {}).status, 303);
    EXPECT_EQ(kernel_->signIn("boss").get(kReports).status, 403);

    start();  // a second start on the same database applies no default twice
    EXPECT_EQ(kernel_->signIn("boss").get(kReports).status, 403);
    EXPECT_FALSE(
        checked(kernel_->signIn("admin").get("/admin/roles/manager").body, "fixture.web.reports"));
    kernel_->createUser("boss2", "manager");
    EXPECT_EQ(kernel_->signIn("boss2").get(kReports).status, 403);
}

TEST_P(RolePermissionsTest, APermissionOfADisabledPluginStaysRevocable) {
    ASSERT_EQ(save(kernel_->signIn("admin"), "sales_rep", {"fixture.web.audit"}).status, 303);
    start({"fixture.base"});
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer page = admin.get("/admin/roles/sales_rep");
    EXPECT_TRUE(contains(page.body, "<legend>Declared by no running plugin</legend>"));
    EXPECT_TRUE(checked(page.body, "fixture.web.audit"));
    EXPECT_TRUE(checkbox(page.body, "fixture.web.reports").empty());

    EXPECT_EQ(
        admin.postForm("/admin/roles/sales_rep", {{"permission", "fixture.web.reports"}}).status,
        422)
        << "neither declared nor held";
    ASSERT_EQ(admin.postForm("/admin/roles/sales_rep", {{"permission.listed", "fixture.web.audit"}})
                  .status,
              303);
    page = admin.get("/admin/roles/sales_rep");
    EXPECT_TRUE(checkbox(page.body, "fixture.web.audit").empty());
    EXPECT_TRUE(contains(page.body, "No running plugin declares a named permission."));
}

INSTANTIATE_TEST_SUITE_P(Backends, RolePermissionsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
