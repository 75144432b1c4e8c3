#include <gtest/gtest.h>

#include <regex>

#include <tessera/kernel/web/FormData.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "HttpFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::testing::HttpAnswer;
using sdk::testing::TestKernel;

namespace {

/// The admin pages through a browser's eyes, on the HTTP fixture (no running kernel): form
/// posts with the session cookie and the CSRF token read from the page.
class AdminPagesTest : public test::HttpTest {
protected:
    using Pairs = std::vector<std::pair<std::string, std::string>>;

    test::Answer get(const test::Client& client, const std::string& path) {
        return send("GET", path, "", {}, &client);
    }
    test::Answer post(const test::Client& client, const std::string& path, Pairs fields,
                      bool withCsrf = true) {
        if (withCsrf) {
            fields.emplace_back("csrf", client.csrf);
        }
        return send("POST", path, kernel::FormData::encode(fields),
                    {{"Content-Type", "application/x-www-form-urlencoded"}}, &client);
    }
    /// Signs in through the form; the client keeps only the cookie, as a browser does, and
    /// the CSRF token read from a page.
    test::Client browserSignIn(const std::string& login, const std::string& password = kPassword) {
        test::Answer answer = send(
            "POST", "/login", kernel::FormData::encode({{"login", login}, {"password", password}}),
            {{"Content-Type", "application/x-www-form-urlencoded"}});
        EXPECT_EQ(answer.status, 303) << answer.body;
        test::Client client;
        std::string prefix = std::string(kernel::WebApplication::kSessionCookie) + "=";
        std::string cookies = answer.header("set-cookie");
        auto at = cookies.find(prefix);
        if (at != std::string::npos) {
            auto end = cookies.find(';', at);
            client.cookie = cookies.substr(at + prefix.size(), end - at - prefix.size());
        }
        EXPECT_FALSE(client.cookie.empty());
        test::Answer home = send("GET", "/account", "", {}, &client);
        std::smatch match;
        static const std::regex pattern(R"re(name="csrf" value="([^"]+)")re");
        if (std::regex_search(home.body, match, pattern)) {
            client.csrf = match[1].str();
        }
        EXPECT_FALSE(client.csrf.empty());
        return client;
    }
    /// Forgets the CSRF header the fixture would send: pages read the form field only.
    static test::Client cookieOnly(const test::Client& client) {
        test::Client copy = client;
        copy.csrf.clear();
        return copy;
    }
    static std::string passwordIn(const std::string& html) {
        std::smatch match;
        static const std::regex pattern(
            R"re(<code class="token admin-password">([0-9a-f]+)</code>)re");
        return std::regex_search(html, match, pattern) ? match[1].str() : std::string{};
    }
    std::size_t userCount() { return app_->credentials().users().size(); }
    std::string userPath(const std::string& login) {
        return "/admin/users/" + std::to_string(users_.at(login));
    }
    std::int64_t visibleProjects(const std::string& login) {
        sdk::Query query;
        query.entity = "Project";
        return records_->count(as(login), query);
    }
};

TEST_P(AdminPagesTest, AnAdminSeesEveryPage) {
    test::Client admin = browserSignIn("admin");
    struct Page {
        std::string path;
        std::string text;
    };
    for (const Page& page :
         std::vector<Page>{{"/admin", "href=\"/admin/roles\""},
                           {"/admin/users", "rep1@example.com"},
                           {userPath("rep1"), "action=\"" + userPath("rep1") + "/deactivate\""},
                           {"/admin/teams", "north"},
                           {"/admin/roles", "href=\"/admin/roles/sales_rep\""},
                           {"/admin/roles/sales_rep", "name=\"g.Project.read\""},
                           {"/admin/roles/admin", "<strong>everything</strong>"},
                           {"/admin/audit", "name=\"entity\""}}) {
        test::Answer answer = get(admin, page.path);
        EXPECT_EQ(answer.status, 200) << page.path << answer.body;
        EXPECT_NE(answer.body.find(page.text), std::string::npos) << page.path;
        if (page.path != "/admin") {
            EXPECT_NE(answer.body.find("href=\"/admin\""), std::string::npos) << page.path;
        }
    }
    EXPECT_EQ(get(admin, "/admin/roles/admin").body.find("<select"), std::string::npos);
    // Without a running kernel the plugin and custom field sections say what they need.
    for (const std::string path : {"/admin/plugins", "/admin/fields"}) {
        test::Answer answer = get(admin, path);
        EXPECT_EQ(answer.status, 503) << path;
        EXPECT_NE(answer.body.find("needs the running server"), std::string::npos) << path;
    }
    test::Answer field = post(admin, "/admin/fields",
                              {{"entity", "Project"}, {"name", "batch_no"}, {"type", "integer"}});
    EXPECT_EQ(field.status, 503);
    EXPECT_EQ(records_->schema().require("Project").field("batch_no"), nullptr);
}

TEST_P(AdminPagesTest, EveryoneElseGetsTheForbiddenPage) {
    for (const std::string login : {"rep1", "manager", "support"}) {
        test::Client client = browserSignIn(login);
        for (const std::string& path : std::vector<std::string>{
                 "/admin", "/admin/users", userPath("rep2"), "/admin/teams", "/admin/roles",
                 "/admin/roles/sales_rep", "/admin/audit", "/admin/plugins", "/admin/fields"}) {
            test::Answer answer = get(client, path);
            EXPECT_EQ(answer.status, 403) << login << " " << path;
            EXPECT_NE(answer.body.find("for administrators only"), std::string::npos) << path;
        }
        std::size_t users = userCount();
        EXPECT_EQ(post(client, "/admin/users", {{"login", "sneaky"}, {"name", "Sneaky"}}).status,
                  403);
        EXPECT_EQ(post(client, "/admin/roles/sales_rep", {{"g.*.read", "all"}}).status, 403);
        EXPECT_EQ(post(client, userPath("rep2") + "/deactivate", {}).status, 403);
        EXPECT_EQ(post(client, userPath("rep2") + "/password", {}).status, 403);
        EXPECT_EQ(userCount(), users);
        EXPECT_EQ(visibleProjects("rep2"), 0);
        EXPECT_EQ(trySignIn("rep2", kPassword).status, 200);
    }
    createAs("admin", "Project", {{"title", "Only admins and managers"}});
    EXPECT_EQ(visibleProjects("rep2"), 0) << "the refused grid post changed the scope";
    EXPECT_EQ(send("GET", "/admin/users").status, 303) << "visitors are sent to sign in";
}

TEST_P(AdminPagesTest, ACreatedUserSignsInWithThePasswordShownOnce) {
    test::Client admin = browserSignIn("admin");
    test::Answer created = post(admin, "/admin/users",
                                {{"login", "newbie"},
                                 {"name", "New <b>Bie</b>"},
                                 {"email", "newbie@example.com"},
                                 {"role", "sales_rep"},
                                 {"team", std::to_string(teams_.at("south"))}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string password = passwordIn(created.body);
    ASSERT_EQ(password.size(), 16u) << created.body;
    EXPECT_EQ(trySignIn("newbie", password).status, 200);
    EXPECT_EQ(trySignIn("newbie", "not the password").status, 401);

    test::Answer list = get(admin, "/admin/users");
    EXPECT_NE(list.body.find("New &lt;b&gt;Bie&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(list.body.find(password), std::string::npos) << "the password is shown once only";
    auto id = access_->userIdByLogin("newbie");
    ASSERT_TRUE(id);
    auto context = access_->contextFor(sdk::Caller::user(*id));
    EXPECT_EQ(context->teamIds, std::vector<std::int64_t>{teams_.at("south")});
    EXPECT_EQ(context->grant("Project", sdk::Action::Read).role, "sales_rep");
}

TEST_P(AdminPagesTest, BadUserFormsAreRefusedAndWriteNothing) {
    test::Client admin = browserSignIn("admin");
    std::size_t before = userCount();
    struct Case {
        Pairs fields;
        int status;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {{{"login", "rep1"}, {"name", "Again"}}, 422, "login &#39;rep1&#39; is taken"},
             {{{"login", "fresh"}, {"name", ""}}, 422, "name: enter the person"},
             {{{"login", "fresh"}, {"name", "F"}, {"role", "wizard"}},
              422,
              "&#39;wizard&#39; is not a role"},
             {{{"login", "fresh"}, {"name", "F"}, {"team", "999999"}},
              422,
              "there is no team #999999"},
             {{{"login", "fresh"}, {"name", "F"}, {"team", "north"}},
              400,
              "team must be the positive whole number"},
             {{{"login", std::string(65, 'a')}, {"name", "F"}},
              422,
              "login: use at most 64 characters"},
             {{{"login", "Bad Login"}, {"name", "F"}}, 422, "is not a valid login"},
             {{{"login", "fresh"}, {"name", std::string(201, 'n')}}, 422, "name: use at most 200"},
             {{{"login", "fresh"}, {"name", "F"}, {"email", "not-an-address"}},
              422,
              "is not an e-mail address"}}) {
        test::Answer answer = post(admin, "/admin/users", c.fields);
        EXPECT_EQ(answer.status, c.status) << c.message << answer.body;
        EXPECT_NE(answer.body.find(c.message), std::string::npos) << c.message << answer.body;
        EXPECT_NE(answer.body.find("action=\"/admin/users\""), std::string::npos)
            << "the form comes back with the message";
    }
    EXPECT_EQ(userCount(), before);
    EXPECT_FALSE(access_->userIdByLogin("fresh"));
    test::Answer kept = post(admin, "/admin/users", {{"login", "rep1"}, {"name", "Kept name"}});
    EXPECT_NE(kept.body.find("value=\"Kept name\""), std::string::npos);

    EXPECT_EQ(get(admin, "/admin/users/999999").status, 404);
    EXPECT_EQ(get(admin, "/admin/users/abc").status, 400);
    EXPECT_EQ(post(admin, "/admin/users/-3/deactivate", {}).status, 400);
}

TEST_P(AdminPagesTest, ADeactivatedUserCanNoLongerSignIn) {
    test::Client admin = browserSignIn("admin");
    test::Client rep = browserSignIn("rep1");
    test::Answer off = post(admin, userPath("rep1") + "/deactivate", {});
    ASSERT_EQ(off.status, 303) << off.body;
    EXPECT_EQ(off.header("location"), userPath("rep1"));
    EXPECT_EQ(get(rep, "/").status, 303) << "the user's sessions end";
    EXPECT_EQ(trySignIn("rep1", kPassword).status, 401);
    test::Answer page = get(admin, userPath("rep1"));
    EXPECT_NE(page.body.find("Deactivated: cannot sign in"), std::string::npos);
    EXPECT_NE(page.body.find("/reactivate\""), std::string::npos);

    test::Answer self = post(admin, userPath("admin") + "/deactivate", {});
    EXPECT_EQ(self.status, 409);
    EXPECT_NE(self.body.find("You cannot deactivate your own account"), std::string::npos);
    EXPECT_EQ(get(admin, "/admin").status, 200);

    EXPECT_EQ(post(admin, userPath("rep1") + "/reactivate", {}).status, 303);
    EXPECT_EQ(trySignIn("rep1", kPassword).status, 200);
}

TEST_P(AdminPagesTest, AResetPasswordReplacesTheOldOneAndEndsSessions) {
    test::Client admin = browserSignIn("admin");
    test::Client rep = browserSignIn("rep2");
    test::Answer reset = post(admin, userPath("rep2") + "/password", {});
    ASSERT_EQ(reset.status, 200) << reset.body;
    std::string password = passwordIn(reset.body);
    ASSERT_FALSE(password.empty());
    EXPECT_EQ(get(rep, "/").status, 303);
    EXPECT_EQ(trySignIn("rep2", kPassword).status, 401);
    EXPECT_EQ(trySignIn("rep2", password).status, 200);
    EXPECT_EQ(post(admin, userPath("admin") + "/password", {}).status, 409)
        << "an admin's own password changes on the account page, which asks for the old one";
    EXPECT_EQ(trySignIn("admin", kPassword).status, 200);
}

TEST_P(AdminPagesTest, RolesAndTeamsOfAUserAreEdited) {
    test::Client admin = browserSignIn("admin");
    std::string path = userPath("rep3");
    test::Answer saved = post(
        admin, path + "/access",
        {{"role", "manager"}, {"role", "marketing"}, {"team", std::to_string(teams_.at("north"))}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto context = access_->contextFor(as("rep3"));
    EXPECT_EQ(context->teamIds, std::vector<std::int64_t>{teams_.at("north")});
    EXPECT_EQ(context->grant("Project", sdk::Action::Export).level, kernel::ScopeLevel::All);
    test::Answer list = get(admin, "/admin/users");
    EXPECT_NE(list.body.find("manager, marketing"), std::string::npos);

    test::Answer unknown =
        post(admin, path + "/access", {{"role", "sales_rep"}, {"role", "ghost"}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_NE(unknown.body.find("&#39;ghost&#39; is not a role"), std::string::npos);
    EXPECT_NE(get(admin, "/admin/users").body.find("manager, marketing"), std::string::npos)
        << "nothing changed";

    test::Answer demote = post(admin, userPath("admin") + "/access", {{"role", "manager"}});
    EXPECT_EQ(demote.status, 422);
    EXPECT_NE(demote.body.find("cannot take the admin role away from yourself"), std::string::npos);
    EXPECT_TRUE(access_->contextFor(as("admin"))->admin);
}

TEST_P(AdminPagesTest, TeamsAreCreatedAndTheirMembersChanged) {
    test::Client admin = browserSignIn("admin");
    test::Answer created = post(admin, "/admin/teams", {{"name", "West coast"}});
    ASSERT_EQ(created.status, 303) << created.body;
    std::string location = created.header("location");
    ASSERT_TRUE(location.starts_with("/admin/teams#team-")) << location;
    std::string team = location.substr(std::string("/admin/teams#team-").size());
    EXPECT_EQ(post(admin, "/admin/teams/" + team + "/members",
                   {{"user", std::to_string(users_.at("support"))}})
                  .status,
              303);
    test::Answer page = get(admin, "/admin/teams");
    EXPECT_NE(page.body.find("West coast"), std::string::npos);
    EXPECT_NE(page.body.find("action=\"/admin/teams/" + team + "/members/" +
                             std::to_string(users_.at("support")) + "/remove\""),
              std::string::npos);
    EXPECT_EQ(access_->contextFor(as("support"))->teamIds.size(), 1u);
    EXPECT_EQ(post(admin,
                   "/admin/teams/" + team + "/members/" + std::to_string(users_.at("support")) +
                       "/remove",
                   {})
                  .status,
              303);
    EXPECT_TRUE(access_->contextFor(as("support"))->teamIds.empty());

    EXPECT_EQ(post(admin, "/admin/teams", {{"name", "north"}}).status, 422);
    EXPECT_EQ(post(admin, "/admin/teams", {{"name", "  "}}).status, 422);
    EXPECT_EQ(post(admin, "/admin/teams", {{"name", std::string(101, 'x')}}).status, 422);
    EXPECT_EQ(post(admin, "/admin/teams/999999/members", {{"user", "1"}}).status, 404);
    EXPECT_EQ(post(admin, "/admin/teams/" + team + "/members", {{"user", "x"}}).status, 400);
}

TEST_P(AdminPagesTest, TheRoleGridChangesWhatItsUsersMayList) {
    createAs("admin", "Project", {{"title", "Owned by the admin"}});
    EXPECT_EQ(visibleProjects("rep1"), 0);
    test::Client admin = browserSignIn("admin");
    test::Answer grid = get(admin, "/admin/roles/sales_rep");
    EXPECT_NE(grid.body.find("<option value=\"team\" selected>team</option>"), std::string::npos);

    test::Answer saved = post(admin, "/admin/roles/sales_rep",
                              {{"g.*.read", "team"},
                               {"g.Project.read", "all"},
                               {"g.Client.read", ""},
                               {"g.Project.export", "own"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), "/admin/roles/sales_rep");
    EXPECT_EQ(visibleProjects("rep1"), 1);
    EXPECT_EQ(visibleProjects("rep3"), 1);
    test::Client rep = browserSignIn("rep1");
    EXPECT_NE(get(rep, "/r/projects").body.find("Owned by the admin"), std::string::npos);
    EXPECT_EQ(access_->contextFor(as("rep1"))->grant("Project", sdk::Action::Export).level,
              kernel::ScopeLevel::Own);

    test::Answer bad = post(admin, "/admin/roles/sales_rep",
                            {{"g.Project.read", "team"}, {"g.Project.update", "everything"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("&#39;everything&#39; is not a scope"), std::string::npos);
    EXPECT_EQ(visibleProjects("rep1"), 1) << "a bad cell changes nothing";

    EXPECT_EQ(post(admin, "/admin/roles/sales_rep", {{"g.Project.read", ""}}).status, 303);
    EXPECT_EQ(visibleProjects("rep1"), 0) << "as * follows the first row again";
    EXPECT_EQ(post(admin, "/admin/roles/sales_rep", {{"g.*.read", ""}}).status, 422)
        << "the first row has no row to follow";

    EXPECT_EQ(post(admin, "/admin/roles/admin", {{"g.*.read", "none"}}).status, 409);
    EXPECT_EQ(get(admin, "/admin/roles/ghost").status, 404);
    EXPECT_EQ(post(admin, "/admin/roles/ghost", {{"g.*.read", "none"}}).status, 404);
}

TEST_P(AdminPagesTest, NewRolesStartEmptyAndBadNamesAreRefused) {
    test::Client admin = browserSignIn("admin");
    test::Answer created =
        post(admin, "/admin/roles", {{"name", "key_account"}, {"label", "Key account"}});
    ASSERT_EQ(created.status, 303) << created.body;
    EXPECT_EQ(created.header("location"), "/admin/roles/key_account");
    test::Answer grid = get(admin, "/admin/roles/key_account");
    EXPECT_EQ(grid.status, 200);
    EXPECT_NE(grid.body.find("Key account"), std::string::npos);
    EXPECT_NE(get(admin, "/admin/roles").body.find("href=\"/admin/roles/key_account\""),
              std::string::npos);
    EXPECT_EQ(post(admin, "/admin/roles", {{"name", "key_account"}, {"label", "Again"}}).status,
              422);
    EXPECT_EQ(post(admin, "/admin/roles", {{"name", "Bad Name"}, {"label", "x"}}).status, 422);
    EXPECT_EQ(post(admin, "/admin/roles", {{"name", "unlabelled"}, {"label", ""}}).status, 422);
    EXPECT_EQ(post(admin, "/admin/roles", {{"name", std::string(64, 'r')}, {"label", "x"}}).status,
              422);
    EXPECT_EQ(get(admin, "/admin/roles/unlabelled").status, 404);
}

TEST_P(AdminPagesTest, TheAuditLogIsSearchedByEntityRecordUserActionAndDate) {
    sdk::Record mine = createAs("admin", "Project", {{"title", "Admin project"}});
    sdk::Record theirs = createAs("rep1", "Project", {{"title", "Rep project"}});
    createAs("rep1", "Client", {{"name", "Rep client"}});
    records_->update(as("rep1"), "Project", theirs["id"].get<std::int64_t>(), 1,
                     {{"title", "Rep project, renamed"}});
    test::Client admin = browserSignIn("admin");

    test::Answer all = get(admin, "/admin/audit");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_LT(all.body.find("Rep project, renamed"), all.body.find("Admin project"))
        << "newest first";
    EXPECT_NE(all.body.find("<del>Rep project</del> → <ins>Rep project, renamed</ins>"),
              std::string::npos);

    test::Answer byUser = get(admin, "/admin/audit?user=rep1");
    EXPECT_NE(byUser.body.find("Rep client"), std::string::npos);
    EXPECT_EQ(byUser.body.find("Admin project"), std::string::npos);
    test::Answer byEntity = get(admin, "/admin/audit?entity=Client");
    EXPECT_NE(byEntity.body.find("Rep client"), std::string::npos);
    EXPECT_EQ(byEntity.body.find("Rep project"), std::string::npos);
    test::Answer byAction = get(admin, "/admin/audit?entity=Project&action=update");
    EXPECT_NE(byAction.body.find("Rep project, renamed"), std::string::npos);
    EXPECT_EQ(byAction.body.find("Admin project"), std::string::npos);
    EXPECT_NE(byAction.body.find("<option value=\"update\" selected>"), std::string::npos);
    test::Answer byRecord = get(admin, "/admin/audit?entity=Project&record=" + mine["id"].dump());
    EXPECT_NE(byRecord.body.find("Admin project"), std::string::npos);
    EXPECT_EQ(byRecord.body.find("Rep project"), std::string::npos);
    EXPECT_NE(byRecord.body.find("href=\"/r/projects/" + mine["id"].dump() + "\""),
              std::string::npos);
    test::Answer today = get(admin, "/admin/audit?from=2000-01-01&to=2999-12-31");
    EXPECT_NE(today.body.find("Admin project"), std::string::npos);
    test::Answer later = get(admin, "/admin/audit?from=2999-01-01");
    EXPECT_EQ(later.body.find("Admin project"), std::string::npos);
    EXPECT_NE(later.body.find("No entries match."), std::string::npos);
    test::Answer earlier = get(admin, "/admin/audit?to=2000-01-01");
    EXPECT_NE(earlier.body.find("No entries match."), std::string::npos);
    EXPECT_NE(get(admin, "/admin/audit?user=nobody").body.find("No entries match."),
              std::string::npos);

    for (const std::string& bad : std::vector<std::string>{
             "entity=Ghost", "record=abc", "record=-1", "action=explode", "from=25.11.2026",
             "to=2026-13-01", "before=x", "user=" + std::string(65, 'u')}) {
        test::Answer answer = get(admin, "/admin/audit?" + bad);
        EXPECT_EQ(answer.status, 400) << bad;
        EXPECT_NE(answer.body.find(bad.substr(0, bad.find('='))), std::string::npos) << bad;
    }
}

TEST_P(AdminPagesTest, TheAuditLogIsPagedNewestFirst) {
    for (int i = 0; i < 53; ++i) {
        createAs("admin", "Client", {{"name", "Paged client " + std::to_string(i)}});
    }
    test::Client admin = browserSignIn("admin");
    test::Answer first = get(admin, "/admin/audit?entity=Client");
    EXPECT_NE(first.body.find("Paged client 52<"), std::string::npos);
    EXPECT_NE(first.body.find("Paged client 3<"), std::string::npos);
    EXPECT_EQ(first.body.find("Paged client 2<"), std::string::npos);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(
        first.body, match,
        std::regex(R"re(href="(/admin/audit\?entity=Client&amp;before=[0-9]+)" rel="next")re")))
        << first.body;
    std::string next = std::regex_replace(match[1].str(), std::regex("&amp;"), "&");
    test::Answer second = get(admin, next);
    EXPECT_EQ(second.status, 200);
    EXPECT_NE(second.body.find("Paged client 2<"), std::string::npos);
    EXPECT_NE(second.body.find("Paged client 0<"), std::string::npos);
    EXPECT_EQ(second.body.find("Paged client 3<"), std::string::npos);
    EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);
    EXPECT_NE(second.body.find("Newest entries"), std::string::npos);
}

TEST_P(AdminPagesTest, FormsWithoutTheCsrfFieldAreRefused) {
    test::Client admin = browserSignIn("admin");
    test::Client forged = cookieOnly(admin);
    std::size_t before = userCount();
    test::Answer answer =
        post(forged, "/admin/users", {{"login", "forged"}, {"name", "Forged"}}, false);
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(
        post(forged, "/admin/users", {{"csrf", "wrong"}, {"login", "forged"}, {"name", "F"}}, false)
            .status,
        403);
    EXPECT_EQ(userCount(), before);
    EXPECT_EQ(post(forged, userPath("rep1") + "/deactivate", {}, false).status, 403);
    EXPECT_EQ(trySignIn("rep1", kPassword).status, 200);
    EXPECT_EQ(post(forged, "/admin/roles/sales_rep", {{"g.*.read", "all"}}, false).status, 403);
    EXPECT_EQ(visibleProjects("rep1"), 0);
    EXPECT_EQ(post(forged, "/admin/teams", {{"name", "Forged team"}}, false).status, 403);
    EXPECT_EQ(get(admin, "/admin/teams").body.find("Forged team"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminPagesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

/// The sections that need the running kernel, on a whole one started as `tessera serve` does,
/// with fixture.base (entity Widget) enabled among the fixture plugins.
class AdminKernelPagesTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::IsolatedDatabase>(GetParam());
        database_->close();
        TestKernel::Options options;
        options.plugins = {"fixture.base"};
        options.pluginPath = TESSERA_FIXTURE_PLUGIN_DIR;
        options.databaseUrl = database_->url();
        kernel_ = std::make_unique<TestKernel>(options);
        kernel_->createUser("admin", "admin");
        kernel_->createUser("rep", "sales_rep");
    }
    HttpAnswer addField(const sdk::testing::HttpClient& admin,
                        std::vector<std::pair<std::string, std::string>> fields) {
        return admin.postForm("/admin/fields", std::move(fields));
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
};

TEST_P(AdminKernelPagesTest, ThePluginsPageShowsEveryPluginsStateVersionAndError) {
    auto admin = kernel_->signIn("admin");
    HttpAnswer page = admin.get("/admin/plugins");
    ASSERT_EQ(page.status, 200) << page.body;
    std::smatch row;
    ASSERT_TRUE(std::regex_search(page.body, row,
                                  std::regex(R"re(<code>fixture\.base</code>[\s\S]*?</tr>)re")));
    EXPECT_NE(row.str().find("Base fixture"), std::string::npos);
    EXPECT_NE(row.str().find("1.2.0"), std::string::npos);
    EXPECT_NE(row.str().find(">running<"), std::string::npos);
    ASSERT_TRUE(std::regex_search(
        page.body, row, std::regex(R"re(<code>fixture\.dependent</code>[\s\S]*?</tr>)re")));
    EXPECT_NE(row.str().find(">disabled<"), std::string::npos);
    EXPECT_NE(row.str().find("fixture.base 1."), std::string::npos) << "its dependency";
    ASSERT_TRUE(std::regex_search(page.body, row,
                                  std::regex(R"re(class="admin-state-invalid"[\s\S]*?</tr>)re")));
    EXPECT_NE(row.str().find("class=\"admin-error\""), std::string::npos)
        << "a broken manifest shows its reason";
    EXPECT_EQ(kernel_->signIn("rep").get("/admin/plugins").status, 403);
}

TEST_P(AdminKernelPagesTest, ACustomFieldIsAddedAndItsErrorsShowOnTheForm) {
    auto admin = kernel_->signIn("admin");
    HttpAnswer page = admin.get("/admin/fields");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("<option value=\"Widget\""), std::string::npos);

    HttpAnswer added = addField(admin, {{"entity", "Widget"},
                                        {"name", "batch_no"},
                                        {"type", "integer"},
                                        {"label", "Batch number"},
                                        {"required", "on"}});
    ASSERT_EQ(added.status, 303) << added.body;
    page = admin.get("/admin/fields");
    EXPECT_NE(page.body.find("<code>batch_no</code>"), std::string::npos);
    EXPECT_NE(page.body.find("Batch number"), std::string::npos);
    sdk::Record widget = kernel_->records().create(sdk::Caller::systemCaller(), "Widget",
                                                   {{"title", "With batch"}, {"batch_no", 7}});
    EXPECT_EQ(widget["batch_no"], 7);
    EXPECT_EQ(addField(admin, {{"entity", "Widget"},
                               {"name", "priority"},
                               {"type", "enum"},
                               {"options", "low, high"}})
                  .status,
              303);
    EXPECT_NE(admin.get("/admin/fields").body.find("low, high"), std::string::npos);

    struct Case {
        std::vector<std::pair<std::string, std::string>> fields;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {{{"entity", "Widget"}, {"name", "title"}, {"type", "text"}},
              "already declared by plugin &#39;fixture.base&#39;"},
             {{{"entity", "Widget"}, {"name", "bad"}, {"type", "colour"}}, "is not a field type"},
             {{{"entity", "Widget"}, {"name", "stage"}, {"type", "enum"}},
              "needs &quot;options&quot;"},
             {{{"entity", "Ghost"}, {"name", "x"}, {"type", "text"}},
              "&#39;Ghost&#39; is not an entity"},
             {{{"entity", "Widget"}, {"name", ""}, {"type", "text"}}, "name: enter the field"},
             {{{"entity", "Widget"}, {"name", "Bad Name"}, {"type", "text"}}, "Bad Name"},
             {{{"entity", "Widget"},
               {"name", "x"},
               {"type", "text"},
               {"label", std::string(101, 'l')}},
              "label: use at most 100 characters"}}) {
        HttpAnswer refused = addField(admin, c.fields);
        EXPECT_EQ(refused.status, 422) << c.message << refused.body;
        EXPECT_NE(refused.body.find(c.message), std::string::npos) << c.message << refused.body;
        EXPECT_NE(refused.body.find("class=\"alert\""), std::string::npos) << c.message;
        EXPECT_NE(refused.body.find("action=\"/admin/fields\""), std::string::npos) << c.message;
    }
    HttpAnswer kept = addField(admin, {{"entity", "Widget"}, {"name", "stage"}, {"type", "enum"}});
    EXPECT_NE(kept.body.find("value=\"stage\""), std::string::npos) << "the entered values stay";
    EXPECT_NE(kept.body.find("<option value=\"enum\" selected>"), std::string::npos);
    EXPECT_EQ(admin.get("/admin/fields").body.find("<code>stage</code>"), std::string::npos);
    EXPECT_EQ(
        kernel_->signIn("rep")
            .postForm("/admin/fields", {{"entity", "Widget"}, {"name", "sneaky"}, {"type", "text"}})
            .status,
        403);
    EXPECT_EQ(admin.get("/admin/fields").body.find("sneaky"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminKernelPagesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
