#include <gtest/gtest.h>

#include <regex>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/Totp.hpp>
#include <tessera/kernel/web/FormData.hpp>

#include "HttpFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

/// The HTML pages through a browser's eyes: form posts with the session cookie and the CSRF
/// token read from the page, never the JSON API.
class PagesHttpTest : public test::HttpTest {
protected:
    using Pairs = std::vector<std::pair<std::string, std::string>>;

    test::Answer get(const test::Client& client, const std::string& path) {
        return send("GET", path, "", {}, &client);
    }
    test::Answer post(const test::Client& client, const std::string& path, const Pairs& fields) {
        return send("POST", path, kernel::FormData::encode(fields),
                    {{"Content-Type", "application/x-www-form-urlencoded"}}, &client);
    }
    test::Answer postForm(const std::string& path, const Pairs& fields) {
        return send("POST", path, kernel::FormData::encode(fields),
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    }
    static std::string csrfIn(const std::string& html) {
        std::smatch match;
        static const std::regex pattern(R"re(name="csrf" value="([^"]+)")re");
        return std::regex_search(html, match, pattern) ? match[1].str() : std::string{};
    }
    static std::string versionIn(const std::string& html) {
        std::smatch match;
        static const std::regex pattern(R"re(name="version" value="([0-9]+)")re");
        return std::regex_search(html, match, pattern) ? match[1].str() : std::string{};
    }
    /// Signs in through the form; the client holds only the cookie, as a browser would.
    test::Client browserSignIn(const std::string& login) {
        test::Answer answer = postForm("/login", {{"login", login}, {"password", kPassword}});
        EXPECT_EQ(answer.status, 303) << answer.body;
        EXPECT_EQ(answer.header("location"), "/");
        test::Client client;
        std::string prefix = std::string(kernel::WebApplication::kSessionCookie) + "=";
        std::string cookies = answer.header("set-cookie");
        auto at = cookies.find(prefix);
        if (at != std::string::npos) {
            auto end = cookies.find(';', at);
            client.cookie = cookies.substr(at + prefix.size(), end - at - prefix.size());
        }
        EXPECT_FALSE(client.cookie.empty());
        return client;
    }
};

TEST_P(PagesHttpTest, SignInPageRefusesAWrongPasswordAndRedirectsVisitors) {
    test::Answer page = send("GET", "/login");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<form method=\"post\" action=\"/login\""), std::string::npos);
    test::Answer wrong = postForm("/login", {{"login", "admin"}, {"password", "nope"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find("The login or the password is wrong."), std::string::npos);
    EXPECT_EQ(wrong.header("set-cookie").find("tessera_session=") == 0, false);

    test::Answer visitor = send("GET", "/r/projects");
    EXPECT_EQ(visitor.status, 303);
    EXPECT_EQ(visitor.header("location"), "/login?next=%2Fr%2Fprojects");

    test::Client admin = browserSignIn("admin");
    test::Answer home = get(admin, "/");
    EXPECT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("href=\"/r/projects\""), std::string::npos);
    EXPECT_NE(home.body.find("action=\"/search\""), std::string::npos);
    std::string csrf = csrfIn(home.body);
    ASSERT_FALSE(csrf.empty());

    test::Answer out = post(admin, "/logout", {{"csrf", csrf}});
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(out.header("location"), "/login");
    EXPECT_EQ(get(admin, "/").status, 303);
}

TEST_P(PagesHttpTest, CreateListFilterSearchEditConflictDeleteRestore) {
    test::Client admin = browserSignIn("admin");
    test::Answer blank = get(admin, "/r/projects/new");
    ASSERT_EQ(blank.status, 200);
    std::string csrf = csrfIn(blank.body);
    ASSERT_FALSE(csrf.empty());
    EXPECT_NE(blank.body.find("<textarea id=\"f-notes\""), std::string::npos);
    EXPECT_NE(blank.body.find("name=\"budget__currency\""), std::string::npos);
    EXPECT_LT(blank.body.find("id=\"f-title\""), blank.body.find("id=\"f-active\""));

    test::Answer created = post(admin, "/r/projects/new",
                                {{"csrf", csrf},
                                 {"title", "Apollo landing"},
                                 {"stage", "active"},
                                 {"seats", "12"},
                                 {"budget", "1500.5"},
                                 {"budget__currency", "eur"},
                                 {"active__present", "1"},
                                 {"active", "on"},
                                 {"labels", "moon, rocket"}});
    ASSERT_EQ(created.status, 303) << created.body;
    std::string detailPath = created.header("location");
    ASSERT_TRUE(detailPath.starts_with("/r/projects/")) << detailPath;

    test::Answer detail = get(admin, detailPath);
    EXPECT_EQ(detail.status, 200);
    EXPECT_NE(detail.body.find("Apollo landing"), std::string::npos);
    EXPECT_NE(detail.body.find("1500.5 EUR"), std::string::npos);
    EXPECT_NE(created.header("set-cookie").find("tessera_flash=created"), std::string::npos);
    test::Answer flashed =
        send("GET", detailPath, "",
             {{"Cookie", "tessera_session=" + admin.cookie + "; tessera_flash=created"}});
    EXPECT_NE(flashed.body.find("The record was created."), std::string::npos);
    EXPECT_NE(flashed.header("set-cookie").find("tessera_flash=;"), std::string::npos);
    EXPECT_NE(detail.body.find("<strong>create</strong>"), std::string::npos);
    EXPECT_NE(detail.body.find("<dt>Owner</dt><dd>admin</dd>"), std::string::npos);

    createAs("admin", "Project", {{"title", "Gemini archive"}, {"stage", "done"}});
    test::Answer list = get(admin, "/r/projects");
    EXPECT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Apollo landing"), std::string::npos);
    EXPECT_NE(list.body.find("Gemini archive"), std::string::npos);
    test::Answer active = get(admin, "/r/projects?stage=active");
    EXPECT_NE(active.body.find("Apollo landing"), std::string::npos);
    EXPECT_EQ(active.body.find("Gemini archive"), std::string::npos);
    test::Answer ranged = get(admin, "/r/projects?seats__gte=10&seats__lte=");
    EXPECT_EQ(ranged.status, 200) << ranged.body;
    EXPECT_NE(ranged.body.find("Apollo landing"), std::string::npos);
    EXPECT_EQ(ranged.body.find("Gemini archive"), std::string::npos);
    EXPECT_NE(ranged.body.find("name=\"seats__gte\" value=\"10\""), std::string::npos);
    test::Answer searched = get(admin, "/r/projects?q=gemini&stage=");
    EXPECT_EQ(searched.status, 200) << searched.body;
    EXPECT_EQ(searched.body.find("Apollo landing"), std::string::npos);
    EXPECT_NE(searched.body.find("Gemini archive"), std::string::npos);
    test::Answer sorted = get(admin, "/r/projects?sort=-title&limit=10");
    EXPECT_EQ(sorted.status, 200);
    EXPECT_LT(sorted.body.find("Gemini archive"), sorted.body.find("Apollo landing"));
    test::Answer paged = get(admin, "/r/projects?sort=title&limit=1");
    EXPECT_NE(paged.body.find("rel=\"next\""), std::string::npos);
    EXPECT_EQ(paged.body.find("Gemini archive"), std::string::npos);
    test::Answer global = get(admin, "/search?q=apollo");
    EXPECT_NE(global.body.find("href=\"" + detailPath + "\""), std::string::npos);

    test::Answer editPage = get(admin, detailPath + "/edit");
    ASSERT_EQ(editPage.status, 200);
    std::string version = versionIn(editPage.body);
    ASSERT_FALSE(version.empty());
    EXPECT_NE(editPage.body.find("value=\"Apollo landing\""), std::string::npos);
    test::Answer saved =
        post(admin, detailPath + "/edit",
             {{"csrf", csrf}, {"version", version}, {"title", "Apollo two"}, {"stage", "done"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), detailPath);
    detail = get(admin, detailPath);
    EXPECT_NE(detail.body.find("Apollo two"), std::string::npos);
    EXPECT_NE(detail.body.find("<strong>update</strong>"), std::string::npos);

    test::Answer stale = post(admin, detailPath + "/edit",
                              {{"csrf", csrf}, {"version", version}, {"title", "Apollo three"}});
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(stale.body.find("Someone saved this record since you opened it."), std::string::npos);
    EXPECT_NE(stale.body.find("Now saved: Apollo two"), std::string::npos);
    EXPECT_NE(stale.body.find("value=\"Apollo three\""), std::string::npos);

    test::Answer deleted = post(admin, detailPath + "/delete", {{"csrf", csrf}});
    EXPECT_EQ(deleted.status, 303);
    EXPECT_EQ(get(admin, "/r/projects").body.find("Apollo two"), std::string::npos);
    test::Answer trash = get(admin, "/r/projects/trash");
    EXPECT_NE(trash.body.find("Apollo two"), std::string::npos);
    EXPECT_EQ(trash.body.find("Gemini archive"), std::string::npos);
    EXPECT_NE(trash.body.find("action=\"" + detailPath + "/restore\""), std::string::npos);
    test::Answer restored = post(admin, detailPath + "/restore", {{"csrf", csrf}});
    EXPECT_EQ(restored.status, 303);
    EXPECT_EQ(restored.header("location"), detailPath);
    EXPECT_NE(get(admin, "/r/projects").body.find("Apollo two"), std::string::npos);

    std::int64_t before = countAll("Project");
    EXPECT_EQ(post(admin, detailPath + "/delete", {{"csrf", csrf}}).status, 303);
    trash = get(admin, "/r/projects/trash");
    EXPECT_NE(trash.body.find("action=\"" + detailPath + "/purge\""), std::string::npos);
    test::Answer purged = post(admin, detailPath + "/purge", {{"csrf", csrf}});
    EXPECT_EQ(purged.status, 303);
    EXPECT_EQ(countAll("Project"), before - 1);
    EXPECT_EQ(get(admin, detailPath).status, 404);
}

TEST_P(PagesHttpTest, TheBoardShowsCardsPerStageAndMovesThemWithAForm) {
    sdk::Record record = createAs("admin", "Project", {{"title", "Card one"}, {"stage", "new"}});
    std::string path = "/r/projects/" + record["id"].dump();
    test::Client admin = browserSignIn("admin");
    EXPECT_NE(get(admin, "/r/projects").body.find("href=\"/r/projects/board\""), std::string::npos);
    test::Answer board = get(admin, "/r/projects/board");
    ASSERT_EQ(board.status, 200) << board.body;
    EXPECT_NE(board.body.find("Card one"), std::string::npos);
    EXPECT_NE(board.body.find("action=\"" + path + "/move\""), std::string::npos);
    test::Answer moved = post(admin, path + "/move",
                              {{"csrf", csrfIn(board.body)}, {"version", "1"}, {"value", "done"}});
    EXPECT_EQ(moved.status, 303) << moved.body;
    EXPECT_EQ(moved.header("location"), "/r/projects/board");
    EXPECT_EQ(records_->get(as("admin"), "Project", record["id"].get<std::int64_t>())["stage"],
              "done");
    test::Answer stale = post(admin, path + "/move",
                              {{"csrf", csrfIn(board.body)}, {"version", "1"}, {"value", "new"}});
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(get(admin, "/r/clients/board").status, 404);
}

TEST_P(PagesHttpTest, CsvExportFollowsTheListsFilterAndDefusesFormulas) {
    createAs("admin", "Project", {{"title", "=HYPERLINK(\"x\")"}, {"stage", "active"}});
    createAs("admin", "Project", {{"title", "Plain, with comma"}, {"stage", "active"}});
    createAs("admin", "Project", {{"title", "Finished"}, {"stage", "done"}});
    test::Client admin = browserSignIn("admin");
    test::Answer list = get(admin, "/r/projects?stage=active");
    EXPECT_NE(list.body.find("href=\"/r/projects/export.csv?stage=active\""), std::string::npos);
    test::Answer csv = get(admin, "/r/projects/export.csv?stage=active");
    EXPECT_EQ(csv.status, 200) << csv.body;
    EXPECT_TRUE(csv.header("content-type").starts_with("text/csv"));
    EXPECT_NE(csv.header("content-disposition").find("projects.csv"), std::string::npos);
    EXPECT_TRUE(csv.body.starts_with("id,"));
    EXPECT_NE(csv.body.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("\"Plain, with comma\""), std::string::npos);
    EXPECT_EQ(csv.body.find("Finished"), std::string::npos);
}

TEST_P(PagesHttpTest, BulkActionsDeleteOrAssignTheTickedRows) {
    sdk::Record a = createAs("rep2", "Project", {{"title", "Bulk A"}});
    sdk::Record b = createAs("rep2", "Project", {{"title", "Bulk B"}});
    sdk::Record c = createAs("rep2", "Project", {{"title", "Bulk C"}});
    test::Client manager = browserSignIn("manager");
    test::Answer list = get(manager, "/r/projects");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("value=\"" + a["id"].dump() + "\" form=\"bulk\""), std::string::npos);
    std::string csrf = csrfIn(list.body);
    test::Answer assigned = post(
        manager, "/r/projects/bulk",
        {{"csrf", csrf}, {"action", "assign_me"}, {"id", a["id"].dump()}, {"id", b["id"].dump()}});
    ASSERT_EQ(assigned.status, 303) << assigned.body;
    auto ownerOf = [&](const sdk::Record& r) {
        return records_->get(sdk::Caller::systemCaller(), "Project",
                             r["id"].get<std::int64_t>())["owner_id"];
    };
    EXPECT_EQ(ownerOf(a), users_.at("manager"));
    EXPECT_EQ(ownerOf(b), users_.at("manager"));
    EXPECT_EQ(ownerOf(c), users_.at("rep2"));
    test::Answer deleted = post(
        manager, "/r/projects/bulk",
        {{"csrf", csrf}, {"action", "delete"}, {"id", a["id"].dump()}, {"id", c["id"].dump()}});
    EXPECT_EQ(deleted.status, 303) << deleted.body;
    list = get(manager, "/r/projects");
    EXPECT_EQ(list.body.find("Bulk A"), std::string::npos);
    EXPECT_NE(list.body.find("Bulk B"), std::string::npos);
    EXPECT_EQ(list.body.find("Bulk C"), std::string::npos);
    EXPECT_EQ(post(manager, "/r/projects/bulk", {{"csrf", csrf}, {"action", "delete"}}).status,
              422);
    EXPECT_EQ(
        post(manager, "/r/projects/bulk", {{"action", "delete"}, {"id", b["id"].dump()}}).status,
        403);
}

TEST_P(PagesHttpTest, TheAccountPageChangesThePasswordAndManagesApiTokens) {
    test::Client rep = browserSignIn("rep1");
    test::Answer account = get(rep, "/account");
    ASSERT_EQ(account.status, 200);
    std::string csrf = csrfIn(account.body);
    test::Answer wrong = post(rep, "/account/password",
                              {{"csrf", csrf}, {"current", "nope"}, {"next", "a new password"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_NE(wrong.body.find("The current password is wrong."), std::string::npos);

    test::Answer created = post(rep, "/account/tokens", {{"csrf", csrf}, {"name", "<i>ci</i>"}});
    EXPECT_EQ(created.status, 201);
    std::smatch match;
    std::regex token(R"re(<code class="token">([^<]+)</code>)re");
    ASSERT_TRUE(std::regex_search(created.body, match, token));
    test::Client bearer;
    bearer.bearer = match[1].str();
    EXPECT_EQ(call(bearer, "GET", "/api/v1/projects").status, 200);
    EXPECT_NE(created.body.find("&lt;i&gt;ci&lt;/i&gt;"), std::string::npos);
    std::regex revoke(R"re(action="(/account/tokens/[^/"]+/revoke)")re");
    ASSERT_TRUE(std::regex_search(created.body, match, revoke));
    EXPECT_EQ(post(rep, match[1].str(), {{"csrf", csrf}}).status, 303);
    EXPECT_EQ(call(bearer, "GET", "/api/v1/projects").status, 401);

    test::Answer changed =
        post(rep, "/account/password",
             {{"csrf", csrf}, {"current", kPassword}, {"next", "a new password"}});
    EXPECT_EQ(changed.status, 303) << changed.body;
    EXPECT_EQ(get(rep, "/account").status, 303);
    EXPECT_EQ(postForm("/login", {{"login", "rep1"}, {"password", "a new password"}}).status, 303);
}

TEST_P(PagesHttpTest, TheSecondFactorIsSetUpOnTheAccountPageAndAskedAtSignIn) {
    test::Client rep = browserSignIn("rep2");
    std::string csrf = csrfIn(get(rep, "/account").body);
    EXPECT_EQ(post(rep, "/account/totp", {{"csrf", csrf}}).status, 303);
    test::Answer setup = get(rep, "/account");
    EXPECT_NE(setup.body.find("otpauth://"), std::string::npos);
    auto state = app_->credentials().totp(users_.at("rep2"));
    ASSERT_TRUE(state && !state->enabled);
    EXPECT_EQ(post(rep, "/account/totp/verify", {{"csrf", csrf}, {"code", "000000x"}}).status, 422);
    std::string code = kernel::Totp::code(state->secret, kernel::unixNow());
    EXPECT_EQ(post(rep, "/account/totp/verify", {{"csrf", csrf}, {"code", code}}).status, 303);
    EXPECT_TRUE(app_->credentials().totp(users_.at("rep2"))->enabled);

    test::Answer asked = postForm("/login", {{"login", "rep2"}, {"password", kPassword}});
    EXPECT_EQ(asked.status, 401);
    EXPECT_NE(asked.body.find("name=\"totp\""), std::string::npos);
    // The code that switched the factor on is spent; the next step's code signs in, once.
    Pairs withNextCode = {
        {"login", "rep2"},
        {"password", kPassword},
        {"totp", kernel::Totp::code(state->secret, kernel::unixNow() + 30)}};
    test::Answer in = postForm("/login", withNextCode);
    EXPECT_EQ(in.status, 303) << in.body;
    EXPECT_EQ(postForm("/login", withNextCode).status, 401);
}

TEST_P(PagesHttpTest, TheDetailPageListsRelatedRecords) {
    sdk::Record client = createAs("admin", "Client", {{"name", "Acme"}});
    sdk::Record project =
        createAs("admin", "Project", {{"title", "Acme rollout"}, {"client_id", client["id"]}});
    createAs("admin", "Project", {{"title", "Unrelated"}});
    test::Client admin = browserSignIn("admin");
    test::Answer detail = get(admin, "/r/clients/" + client["id"].dump());
    ASSERT_EQ(detail.status, 200);
    EXPECT_NE(detail.body.find("class=\"related\""), std::string::npos);
    EXPECT_NE(detail.body.find("href=\"/r/projects/" + project["id"].dump() + "\""),
              std::string::npos);
    EXPECT_EQ(detail.body.find("Unrelated"), std::string::npos);
}

TEST_P(PagesHttpTest, OnlyAdminsMayPurgeFromTheTrash) {
    sdk::Record record = createAs("rep1", "Project", {{"title", "Short lived"}});
    records_->remove(as("rep1"), "Project", record["id"].get<std::int64_t>());
    std::string path = "/r/projects/" + record["id"].dump();
    test::Client rep = browserSignIn("rep1");
    test::Answer trash = get(rep, "/r/projects/trash");
    EXPECT_EQ(trash.status, 200);
    EXPECT_NE(trash.body.find("Short lived"), std::string::npos);
    EXPECT_EQ(trash.body.find("/purge"), std::string::npos);
    test::Answer refused = post(rep, path + "/purge", {{"csrf", csrfIn(trash.body)}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(countAll("Project"), 1);
}

TEST_P(PagesHttpTest, ValidationErrorsAppearNextToTheirFields) {
    test::Client admin = browserSignIn("admin");
    std::string csrf = csrfIn(get(admin, "/r/projects/new").body);
    std::int64_t before = countAll("Project");
    test::Answer answer =
        post(admin, "/r/projects/new", {{"csrf", csrf}, {"title", ""}, {"seats", "many"}});
    EXPECT_EQ(answer.status, 422);
    EXPECT_NE(answer.body.find("form-row invalid"), std::string::npos);
    EXPECT_NE(answer.body.find("class=\"field-error\""), std::string::npos);
    EXPECT_NE(answer.body.find("value=\"many\""), std::string::npos);
    EXPECT_EQ(countAll("Project"), before);
}

TEST_P(PagesHttpTest, FormsWithoutTheSessionsCsrfTokenAreRefused) {
    test::Client admin = browserSignIn("admin");
    std::int64_t before = countAll("Project");
    test::Answer missing = post(admin, "/r/projects/new", {{"title", "Forged"}});
    EXPECT_EQ(missing.status, 403);
    test::Answer wrong = post(admin, "/r/projects/new", {{"csrf", "x"}, {"title", "Forged"}});
    EXPECT_EQ(wrong.status, 403);
    EXPECT_NE(wrong.body.find("Not allowed"), std::string::npos);
    EXPECT_EQ(countAll("Project"), before);
}

TEST_P(PagesHttpTest, ScriptInAFieldComesBackEscaped) {
    test::Client admin = browserSignIn("admin");
    sdk::Record record = createAs(
        "admin", "Project", {{"title", "<script>alert(\"x\")</script>"}, {"notes", "<b>x</b>"}});
    std::string path = "/r/projects/" + record["id"].dump();
    for (const std::string& page : {std::string("/r/projects"), path, path + "/edit"}) {
        test::Answer answer = get(admin, page);
        EXPECT_EQ(answer.status, 200) << page;
        EXPECT_EQ(answer.body.find("<script>alert"), std::string::npos) << page;
        EXPECT_NE(answer.body.find("&lt;script&gt;alert(&quot;x&quot;)"), std::string::npos)
            << page;
    }
    EXPECT_EQ(get(admin, path).body.find("<b>x</b>"), std::string::npos);
}

TEST_P(PagesHttpTest, UnknownRecordsAndListsAnswer404InTheLayout) {
    test::Client admin = browserSignIn("admin");
    test::Answer record = get(admin, "/r/projects/999999");
    EXPECT_EQ(record.status, 404);
    EXPECT_NE(record.body.find("class=\"topbar\""), std::string::npos);
    EXPECT_EQ(get(admin, "/r/nothing-here").status, 404);
    EXPECT_EQ(get(admin, "/r/projects/abc").status, 404);
    test::Answer bad = get(admin, "/r/projects?sort=nope");
    EXPECT_EQ(bad.status, 400);
}

TEST_P(PagesHttpTest, ASalesRepDoesNotSeeAnotherTeamsRecord) {
    sdk::Record south = createAs("rep3", "Project", {{"title", "South secret"}});
    createAs("rep2", "Project", {{"title", "North plan"}});
    test::Client rep1 = browserSignIn("rep1");
    test::Answer list = get(rep1, "/r/projects");
    EXPECT_EQ(list.status, 200);
    EXPECT_EQ(list.body.find("South secret"), std::string::npos);
    EXPECT_NE(list.body.find("North plan"), std::string::npos);
    EXPECT_EQ(get(rep1, "/r/projects/" + south["id"].dump()).status, 404);
    EXPECT_EQ(get(rep1, "/search?q=south").body.find("South secret"), std::string::npos);
}

TEST_P(PagesHttpTest, StaticFilesComeWithCacheHeaders) {
    test::Answer css = send("GET", "/static/style.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_TRUE(css.header("content-type").starts_with("text/css"));
    EXPECT_NE(css.header("cache-control").find("max-age="), std::string::npos);
    EXPECT_NE(css.body.find("@media (max-width: 640px)"), std::string::npos);
    EXPECT_EQ(send("GET", "/static/..%2Fthemes").status, 404);
    EXPECT_EQ(send("GET", "/static/missing.css").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, PagesHttpTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

}  // namespace
