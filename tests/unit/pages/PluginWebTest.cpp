#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "IsolatedDatabase.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::testing::HttpAnswer;
using sdk::testing::HttpClient;
using sdk::testing::TestKernel;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// fixture.web adds routes, menu items, panels and demo data through its context; the kernel
/// must put them behind the session, CSRF and permission checks.
class PluginWebTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::IsolatedDatabase>(GetParam());
        database_->close();
        TestKernel::Options options;
        options.plugins = {"fixture.base", "fixture.web"};
        options.pluginPath = TESSERA_FIXTURE_PLUGIN_DIR;
        options.databaseUrl = database_->url();
        kernel_ = std::make_unique<TestKernel>(options);
        kernel_->createUser("admin", "admin");
        kernel_->createUser("rep", "sales_rep");
        kernel_->createUser("agent", "support_agent");
    }

    sdk::Record widget(const std::string& title) {
        return kernel_->records().create(sdk::Caller::systemCaller(), "Widget", {{"title", title}});
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
};

}  // namespace

TEST_P(PluginWebTest, APluginPageRendersItsTemplateEscapedInTheLayout) {
    widget("<script>alert(1)</script>");
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer page = admin.get("/p/fixture.web/hello?name=%3Cb%3Eyou%3C%2Fb%3E");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "class=\"fixture-hello\">Hello, &lt;b&gt;you&lt;/b&gt;"));
    EXPECT_TRUE(contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(contains(page.body, "<script>alert"));
    EXPECT_TRUE(contains(page.body, "class=\"topbar\""));
    EXPECT_TRUE(contains(page.body, "name=\"csrf\" value=\"" + admin.csrfToken() + "\""));
    EXPECT_TRUE(contains(page.body, "aria-label=\"Breadcrumb\""));
}

TEST_P(PluginWebTest, RoutesAnswerOnlyWhoTheirPermissionAllows) {
    HttpClient admin = kernel_->signIn("admin");
    HttpClient rep = kernel_->signIn("rep");
    HttpAnswer visitor = kernel_->anonymous().get("/p/fixture.web/hello");
    EXPECT_EQ(visitor.status, 303);
    EXPECT_TRUE(visitor.header("location").starts_with("/login?next="));
    EXPECT_EQ(kernel_->anonymous().get("/api/v1/p/fixture.web/count").status, 401);

    EXPECT_EQ(admin.get("/p/fixture.web/settings").status, 200);
    HttpAnswer denied = rep.get("/p/fixture.web/settings");
    EXPECT_EQ(denied.status, 403);
    EXPECT_TRUE(contains(denied.body, "ask an administrator"));
    EXPECT_EQ(rep.get("/p/fixture.web/reports").status, 403);
    EXPECT_EQ(admin.get("/p/fixture.web/reports").body, "reports");

    EXPECT_EQ(kernel_->anonymous().get("/p/fixture.web/public").body, "anyone");
    EXPECT_EQ(rep.get("/p/fixture.web/public").body, "signed in");
}

TEST_P(PluginWebTest, PluginJsonRoutesAnswerWithTheApiErrorShape) {
    widget("One");
    widget("Two");
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer count = admin.call("GET", "/api/v1/p/fixture.web/count");
    ASSERT_EQ(count.status, 200) << count.body;
    EXPECT_EQ(count.json()["count"], 2);

    HttpAnswer invalid = admin.call("POST", "/api/v1/p/fixture.web/check", {{"colour", "red"}});
    EXPECT_EQ(invalid.status, 422);
    EXPECT_EQ(invalid.json()["error"]["fields"]["size"], "required");

    HttpAnswer withoutToken =
        admin.send("POST", "/api/v1/p/fixture.web/check", R"({"size": 1})",
                   {{"Content-Type", "application/json"}});
    EXPECT_EQ(withoutToken.status, 403);
    EXPECT_EQ(withoutToken.json()["error"]["code"], "csrf");

    HttpAnswer missing = admin.get("/p/fixture.web/widgets/999999");
    EXPECT_EQ(missing.status, 404);
}

TEST_P(PluginWebTest, APluginFormPostNeedsTheCsrfTokenAndRedirectsWithItsMessage) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer moved = admin.postForm("/p/fixture.web/rename", {{"to", "Gadget"}});
    ASSERT_EQ(moved.status, 303) << moved.body;
    EXPECT_EQ(moved.header("location"), "/p/fixture.web/hello");
    std::string flash = moved.header("set-cookie");
    EXPECT_TRUE(contains(flash, "tessera_flash=m."));

    HttpAnswer refused = admin.send("POST", "/p/fixture.web/rename", "to=x",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(refused.status, 403);
    HttpClient agent = kernel_->signIn("agent");
    EXPECT_EQ(agent.postForm("/p/fixture.web/rename", {{"to", "x"}}).status, 403);
}

TEST_P(PluginWebTest, AFailingHandlerShowsNoInternalsAndAForeignRedirectIsRefused) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer boom = admin.get("/p/fixture.web/boom");
    EXPECT_EQ(boom.status, 500);
    EXPECT_FALSE(contains(boom.body, "secret internal detail"));
    HttpAnswer away = admin.get("/p/fixture.web/away");
    EXPECT_EQ(away.status, 500);
    EXPECT_TRUE(away.header("location").empty());
    EXPECT_EQ(admin.get("/p/fixture.web/public").status, 200);
}

TEST_P(PluginWebTest, MenuItemsAndPanelsFollowPermissions) {
    sdk::Record gadget = widget("Gadget");
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer home = admin.get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, ">Reports</h2>"));
    EXPECT_TRUE(contains(home.body, "href=\"/p/fixture.web/hello\""));
    EXPECT_TRUE(contains(home.body, "href=\"/p/fixture.web/settings\""));
    EXPECT_TRUE(contains(home.body, "href=\"/admin\""));
    EXPECT_TRUE(contains(home.body, "class=\"fixture-home\">1 widgets"));

    HttpClient agent = kernel_->signIn("agent");
    HttpAnswer agentHome = agent.get("/");
    EXPECT_FALSE(contains(agentHome.body, "href=\"/p/fixture.web/settings\""));
    EXPECT_FALSE(contains(agentHome.body, "href=\"/admin\""));

    HttpAnswer detail = admin.get("/r/widgets/" + gadget["id"].dump());
    ASSERT_EQ(detail.status, 200) << detail.body;
    EXPECT_TRUE(contains(detail.body, "class=\"fixture-panel\">Widget Gadget has 6 letters."));
    // The panel that throws is replaced by a notice; the page still renders.
    EXPECT_TRUE(contains(detail.body, "This panel could not be shown"));
    EXPECT_FALSE(contains(detail.body, "failed on purpose"));
}

TEST_P(PluginWebTest, PluginStaticFilesAreServedAndNothingOutsideTheirFolder) {
    HttpClient visitor = kernel_->anonymous();
    HttpAnswer css = visitor.get("/plugins/fixture.web/fixture.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_TRUE(contains(css.body, "fixture-hello"));
    EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(visitor.get("/plugins/fixture.web/..%2Fplugin.json").status, 404);
    EXPECT_EQ(visitor.get("/plugins/fixture.nothing/fixture.css").status, 404);
    EXPECT_EQ(visitor.get("/themes/dark/theme.css").status, 200);
    EXPECT_EQ(visitor.get("/themes/nothing/style.css").status, 200);  // falls back to default
}

TEST_P(PluginWebTest, AUserChoosesATheme) {
    HttpClient rep = kernel_->signIn("rep");
    EXPECT_EQ(rep.postForm("/account/theme", {{"theme", "../etc"}}).status, 422);
    HttpAnswer chosen = rep.postForm("/account/theme", {{"theme", "dark"}});
    ASSERT_EQ(chosen.status, 303);
    EXPECT_TRUE(contains(chosen.header("set-cookie"), "tessera_theme=dark"));
    // A new sign-in brings the choice back from the user's settings.
    HttpAnswer again = kernel_->anonymous().postForm(
        "/login", {{"login", "rep"}, {"password", TestKernel::kPassword}});
    EXPECT_TRUE(contains(again.header("set-cookie"), "tessera_theme=dark"));
    rep.setCookie("tessera_theme", "dark");
    HttpAnswer home = rep.get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, "class=\"theme-dark\""));
    EXPECT_TRUE(contains(home.body, "/themes/dark/theme.css"));
    rep.setCookie("tessera_theme", "no-such-theme");
    EXPECT_TRUE(contains(rep.get("/").body, "class=\"theme-default\""));
}

INSTANTIATE_TEST_SUITE_P(Backends, PluginWebTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) {
                             return info.param == Backend::Sqlite ? std::string("Sqlite")
                                                                  : std::string("Postgres");
                         });
