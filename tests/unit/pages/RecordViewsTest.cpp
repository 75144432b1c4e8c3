#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/schema/SchemaFiles.hpp>
#include <tessera/kernel/schema/SchemaRegistry.hpp>
#include <tessera/kernel/storage/Migrator.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/web/FormData.hpp>

#include "../TempDir.hpp"
#include "HttpFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

/// The record pages' layouts, saved views, manyToMany lists, type-ahead lookup, streamed
/// export and "keep me signed in", through the real server. The fixture's Client gets a layout,
/// and Project a manyToMany relation to a Tag entity.
class RecordViewsTest : public test::HttpTest {
protected:
    using Pairs = std::vector<std::pair<std::string, std::string>>;

    void SetUp() override {
        HttpTest::SetUp();
        server_.reset();
        app_.reset();
        nlohmann::json client = clientEntity();
        client["layout"] = {
            {"list", {{"columns", {"name", "email", "owner_id"}}, {"sort", "-name"}}},
            {"detail", {{"groups", {{{"label", "Contact"}, {"fields", {"website", "email"}}}}}}},
            {"form", {{"groups", {{{"label", "Reach"}, {"fields", {"email"}}}}}}}};
        nlohmann::json project = projectEntity();
        project["relations"] = {
            {"tags", {{"type", "manyToMany"}, {"entity", "Tag"}, {"foreign", "projects"}}}};
        nlohmann::json tag = {
            {"name", "Tag"},
            {"fields", {{"name", {{"type", "text"}, {"required", true}}}}},
            {"relations",
             {{"projects", {{"type", "manyToMany"}, {"entity", "Project"}, {"foreign", "tags"}}}}}};
        build({client, project, tag});
        // Support agents may read anything but tags.
        access_->grant("support_agent", "Tag", sdk::Action::Read, kernel::ScopeLevel::None);
        kernel::WebApplication::Options options;
        options.passwordStrength = kernel::PasswordHasher::Strength::Interactive;
        app_ =
            std::make_unique<kernel::WebApplication>(database_->db(), *records_, *access_, options);
        kernel::HttpServer::Options serverOptions;
        serverOptions.port = 0;
        serverOptions.threads = 8;
        serverOptions.maxBody = kMaxBody;
        server_ = std::make_unique<kernel::HttpServer>(
            serverOptions, [this](kernel::HttpRequest& request, kernel::HttpResponse& response) {
                app_->handle(request, response);
            });
        server_->start();
    }

    test::Answer get(const test::Client& client, const std::string& path) {
        return send("GET", path, "", {}, &client);
    }
    test::Answer post(const test::Client& client, const std::string& path, const Pairs& fields) {
        return send("POST", path, kernel::FormData::encode(fields),
                    {{"Content-Type", "application/x-www-form-urlencoded"}}, &client);
    }
    static std::string csrfIn(const std::string& html) {
        std::smatch match;
        static const std::regex pattern(R"re(name="csrf" value="([^"]+)")re");
        return std::regex_search(html, match, pattern) ? match[1].str() : std::string{};
    }
    static std::string sessionCookieOf(const test::Answer& answer) {
        std::string prefix = std::string(kernel::WebApplication::kSessionCookie) + "=";
        std::string cookies = answer.header("set-cookie");
        auto at = cookies.find(prefix);
        if (at == std::string::npos) {
            return "";
        }
        return cookies.substr(at, cookies.find('\n', at) - at);
    }
    test::Answer formSignIn(const std::string& login, bool remember) {
        Pairs fields = {{"login", login}, {"password", kPassword}};
        if (remember) {
            fields.emplace_back("remember", "1");
        }
        return send("POST", "/login", kernel::FormData::encode(fields),
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    }
    test::Client browserSignIn(const std::string& login) {
        test::Answer answer = formSignIn(login, false);
        EXPECT_EQ(answer.status, 303) << answer.body;
        std::string cookie = sessionCookieOf(answer);
        test::Client client;
        auto eq = cookie.find('=');
        client.cookie = cookie.substr(eq + 1, cookie.find(';') - eq - 1);
        EXPECT_FALSE(client.cookie.empty());
        return client;
    }
    std::int64_t viewCount() {
        Poco::Data::Session session = database_->db().session();
        return kernel::asInt(kernel::Sql::scalar(database_->db(), session,
                                                 "SELECT COUNT(*) FROM tessera_saved_views"));
    }
    void link(std::int64_t project, std::int64_t tag) {
        const kernel::EntityDef& def = schema_->require("Project");
        const kernel::RelationDef& relation = *def.relation("tags");
        bool left = kernel::Migrator::isLeftSide(def, relation);
        Poco::Data::Session session = database_->db().session();
        kernel::Sql::execute(database_->db(), session,
                             "INSERT INTO \"" + kernel::Migrator::linkTable(def, relation) +
                                 "\" (left_id, right_id) VALUES ($1, $2)",
                             {left ? project : tag, left ? tag : project});
    }
    static std::int64_t idOf(const sdk::Record& record) { return record["id"].get<std::int64_t>(); }
};

TEST_P(RecordViewsTest, TheLayoutChoosesListColumnsSortAndGroupsDetailAndFormFields) {
    sdk::Record acme = createAs("admin", "Client",
                                {{"name", "Acme"},
                                 {"code", "AC-1"},
                                 {"email", "hello@acme.test"},
                                 {"website", "https://acme.test"}});
    createAs("admin", "Client", {{"name", "Zeta"}});
    test::Client admin = browserSignIn("admin");
    test::Answer list = get(admin, "/r/clients");
    ASSERT_EQ(list.status, 200) << list.body;
    std::string head = list.body.substr(list.body.find("<thead>"),
                                        list.body.find("</thead>") - list.body.find("<thead>"));
    EXPECT_LT(head.find(">Name"), head.find(">Email"));
    EXPECT_LT(head.find(">Email"), head.find(">Owner"));
    EXPECT_EQ(head.find(">Code"), std::string::npos) << head;
    EXPECT_EQ(head.find(">Website"), std::string::npos) << head;
    EXPECT_LT(list.body.find(">Zeta<"), list.body.find(">Acme<"));  // the layout's "-name"
    EXPECT_NE(list.body.find("<td data-label=\"Owner\">admin</td>"), std::string::npos);
    // A sort asked for wins over the layout's; ?columns= over its columns.
    test::Answer sorted = get(admin, "/r/clients?sort=name&columns=name,code");
    ASSERT_EQ(sorted.status, 200);
    EXPECT_LT(sorted.body.find(">Acme<"), sorted.body.find(">Zeta<"));
    EXPECT_NE(sorted.body.find("AC-1"), std::string::npos);
    EXPECT_EQ(get(admin, "/r/clients?columns=name,nope").status, 400);

    test::Answer detail = get(admin, "/r/clients/" + acme["id"].dump());
    ASSERT_EQ(detail.status, 200);
    auto contact = detail.body.find("<h2>Contact</h2>");
    auto other = detail.body.find("<h2>Other</h2>");
    ASSERT_NE(contact, std::string::npos);
    ASSERT_NE(other, std::string::npos);
    EXPECT_LT(contact, detail.body.find("https://acme.test"));
    EXPECT_LT(detail.body.find("https://acme.test"), detail.body.find("hello@acme.test"));
    EXPECT_LT(detail.body.find("hello@acme.test"), other);
    EXPECT_LT(other, detail.body.find("AC-1"));

    test::Answer form = get(admin, "/r/clients/" + acme["id"].dump() + "/edit");
    ASSERT_EQ(form.status, 200);
    auto reach = form.body.find("<legend>Reach</legend>");
    ASSERT_NE(reach, std::string::npos);
    EXPECT_LT(reach, form.body.find("id=\"f-email\""));
    EXPECT_LT(form.body.find("id=\"f-email\""), form.body.find("<legend>Other</legend>"));
    EXPECT_LT(form.body.find("<legend>Other</legend>"), form.body.find("id=\"f-name\""));

    // Without a layout the project pages keep their old shape: no headings in the form.
    test::Answer plain = get(admin, "/r/projects/new");
    EXPECT_EQ(plain.body.find("<legend>"), std::string::npos);
}

TEST_P(RecordViewsTest, SavedViewsArePrivateOrSharedAndOnlyTheirOwnerDeletesThem) {
    createAs("admin", "Project", {{"title", "Active one"}, {"stage", "active"}});
    createAs("admin", "Project", {{"title", "Done one"}, {"stage", "done"}});
    test::Client admin = browserSignIn("admin");
    test::Client manager = browserSignIn("manager");
    test::Client rep = browserSignIn("rep1");
    std::string adminCsrf = csrfIn(get(admin, "/r/projects").body);
    std::string managerCsrf = csrfIn(get(manager, "/r/projects").body);
    std::string repCsrf = csrfIn(get(rep, "/r/projects").body);

    test::Answer list = get(admin, "/r/projects?stage=active&sort=-title");
    EXPECT_NE(list.body.find("action=\"/r/projects/views\""), std::string::npos);
    EXPECT_NE(list.body.find("name=\"query\" value=\"stage=active&amp;sort=-title\""),
              std::string::npos)
        << list.body;
    test::Answer saved = post(admin, "/r/projects/views",
                              {{"csrf", adminCsrf},
                               {"name", "Active <b>only</b>"},
                               {"query", "stage=active&sort=-title&after=xyz"}});
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.header("location"), "/r/projects?stage=active&sort=-title");
    EXPECT_EQ(post(manager, "/r/projects/views",
                   {{"csrf", managerCsrf},
                    {"name", "Team done"},
                    {"query", "stage=done"},
                    {"shared", "1"}})
                  .status,
              303);
    EXPECT_EQ(viewCount(), 2);

    // The owner sees the private view (escaped), marked current when its query is on.
    list = get(admin, "/r/projects?stage=active&sort=-title");
    EXPECT_NE(list.body.find("Active &lt;b&gt;only&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(list.body.find("aria-current=\"page\" class=\"current\">Active &lt;b&gt;"),
              std::string::npos);
    EXPECT_NE(list.body.find(">Team done</a> <span class=\"shared\""), std::string::npos);
    // Another user sees the shared view only; applying it is following its link.
    test::Answer repList = get(rep, "/r/projects");
    EXPECT_EQ(repList.body.find("Active &lt;b&gt;only"), std::string::npos);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(repList.body, match,
                                  std::regex(R"re(<a href="([^"]+)"[^>]*>Team done</a>)re")));
    std::string href = std::regex_replace(match[1].str(), std::regex("&amp;"), "&");
    EXPECT_EQ(href, "/r/projects?stage=done");
    // rep1 may not delete the shared view (no delete button, and the route refuses).
    EXPECT_EQ(repList.body.find("Delete the view Team done"), std::string::npos);

    // Refusals write nothing.
    auto refused = [&](const Pairs& fields, const std::string& message) {
        test::Answer answer = post(admin, "/r/projects/views", fields);
        EXPECT_EQ(answer.status, 422) << answer.body;
        EXPECT_NE(answer.body.find(message), std::string::npos) << answer.body;
        EXPECT_EQ(viewCount(), 2);
    };
    refused({{"csrf", adminCsrf}, {"name", "Active <b>only</b>"}, {"query", "stage=done"}},
            "You already have a view named");
    refused({{"csrf", adminCsrf}, {"name", std::string(81, 'x')}, {"query", ""}},
            "1 to 80 characters");
    refused({{"csrf", adminCsrf}, {"name", "   "}, {"query", ""}}, "1 to 80 characters");
    refused({{"csrf", adminCsrf}, {"name", "Bad"}, {"query", "sort=nope"}},
            "filters are not valid");
    // Eighty characters of UTF-8 are fine, and the same name is free for another user.
    std::string eighty;
    for (int i = 0; i < 80; ++i) {
        eighty += "é";
    }
    EXPECT_EQ(post(admin, "/r/projects/views", {{"csrf", adminCsrf}, {"name", eighty}}).status,
              303);
    EXPECT_EQ(post(rep, "/r/projects/views",
                   {{"csrf", repCsrf}, {"name", "Active <b>only</b>"}, {"query", "stage=new"}})
                  .status,
              303);
    EXPECT_EQ(viewCount(), 4);

    Poco::Data::Session session = database_->db().session();
    auto idOfView = [&](const std::string& name, const std::string& login) {
        return kernel::asInt(kernel::Sql::scalar(
            database_->db(), session,
            "SELECT id FROM tessera_saved_views WHERE name = $1 AND user_id = $2",
            {name, users_.at(login)}));
    };
    std::string shared = std::to_string(idOfView("Team done", "manager"));
    std::string mine = std::to_string(idOfView("Active <b>only</b>", "admin"));
    EXPECT_EQ(post(rep, "/r/projects/views/" + shared + "/delete", {{"csrf", repCsrf}}).status,
              403);
    EXPECT_EQ(post(rep, "/r/projects/views/" + mine + "/delete", {{"csrf", repCsrf}}).status, 403);
    EXPECT_EQ(
        post(manager, "/r/projects/views/" + mine + "/delete", {{"csrf", managerCsrf}}).status,
        403);
    EXPECT_EQ(post(rep, "/r/projects/views/" + shared + "/delete", {}).status, 403);  // no CSRF
    EXPECT_EQ(post(admin, "/r/clients/views/" + shared + "/delete", {{"csrf", adminCsrf}}).status,
              404);
    EXPECT_EQ(viewCount(), 4);
    // An admin may delete a shared view; the owner their own.
    EXPECT_EQ(post(admin, "/r/projects/views/" + shared + "/delete", {{"csrf", adminCsrf}}).status,
              303);
    EXPECT_EQ(post(admin, "/r/projects/views/" + mine + "/delete", {{"csrf", adminCsrf}}).status,
              303);
    EXPECT_EQ(viewCount(), 2);
    EXPECT_EQ(get(rep, "/r/projects").body.find("Team done"), std::string::npos);
}

TEST_P(RecordViewsTest, ManyToManyListsShowOnlyReadableLinkedRecordsOnBothSides) {
    sdk::Record project = createAs("rep1", "Project", {{"title", "Linked project"}});
    sdk::Record north = createAs("rep2", "Tag", {{"name", "North tag"}});
    sdk::Record south = createAs("rep3", "Tag", {{"name", "South tag"}});
    createAs("admin", "Tag", {{"name", "Unlinked tag"}});
    link(idOf(project), idOf(north));
    link(idOf(project), idOf(south));
    std::string path = "/r/projects/" + project["id"].dump();

    test::Client admin = browserSignIn("admin");
    test::Answer detail = get(admin, path);
    ASSERT_EQ(detail.status, 200) << detail.body;
    EXPECT_NE(detail.body.find("<h2>Tags</h2>"), std::string::npos);
    EXPECT_NE(detail.body.find("href=\"/r/tags/" + north["id"].dump() + "\""), std::string::npos);
    EXPECT_NE(detail.body.find("href=\"/r/tags/" + south["id"].dump() + "\""), std::string::npos);
    EXPECT_EQ(detail.body.find("Unlinked tag"), std::string::npos);
    EXPECT_EQ(detail.body.find("All of them"), std::string::npos);
    // The other side lists the project.
    test::Answer tag = get(admin, "/r/tags/" + north["id"].dump());
    EXPECT_NE(tag.body.find("<h2>Projects</h2>"), std::string::npos);
    EXPECT_NE(tag.body.find("href=\"" + path + "\""), std::string::npos);

    // A sales rep sees their team's tag only; support may not read tags at all.
    test::Client rep = browserSignIn("rep1");
    detail = get(rep, path);
    ASSERT_EQ(detail.status, 200);
    EXPECT_NE(detail.body.find("North tag"), std::string::npos);
    EXPECT_EQ(detail.body.find("South tag"), std::string::npos);
    test::Client support = browserSignIn("support");
    detail = get(support, path);
    ASSERT_EQ(detail.status, 200);
    EXPECT_EQ(detail.body.find("<h2>Tags</h2>"), std::string::npos);
    EXPECT_EQ(detail.body.find("North tag"), std::string::npos);
    EXPECT_EQ(get(support, path + "/related/tags").status, 403);

    // More than a detail page shows: "All of them" leads to the whole list, still filtered.
    for (int i = 0; i < 20; ++i) {
        link(idOf(project),
             idOf(createAs("rep2", "Tag", {{"name", "Many " + std::to_string(100 + i)}})));
    }
    detail = get(rep, path);
    EXPECT_NE(detail.body.find("href=\"" + path + "/related/tags\">All of them"),
              std::string::npos);
    test::Answer all = get(rep, path + "/related/tags");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_NE(all.body.find("Many 119"), std::string::npos);
    EXPECT_NE(all.body.find("North tag"), std::string::npos);
    EXPECT_EQ(all.body.find("South tag"), std::string::npos);
    EXPECT_EQ(get(rep, path + "/related/nothing").status, 404);
    EXPECT_EQ(get(rep, path + "/related/tags?after=x").status, 400);
    // A project rep1 may not read: its links are not shown either.
    sdk::Record hidden = createAs("rep3", "Project", {{"title", "South project"}});
    EXPECT_EQ(get(rep, "/r/projects/" + hidden["id"].dump() + "/related/tags").status, 404);
}

TEST_P(RecordViewsTest, LookupOffersReadableRecordsAndFormsTakeANameOrANumber) {
    sdk::Record north = createAs("rep2", "Client", {{"name", "Acme North"}});
    createAs("rep3", "Client", {{"name", "Acme South"}});
    sdk::Record beta = createAs("rep2", "Client", {{"name", "Beta Acme"}});
    test::Client rep = browserSignIn("rep1");

    test::Answer found = get(rep, "/r/clients/lookup?q=acme&limit=10");
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_TRUE(found.header("content-type").starts_with("application/json"));
    nlohmann::json expected = nlohmann::json::array({{{"id", north["id"]}, {"title", "Acme North"}},
                                                     {{"id", beta["id"]}, {"title", "Beta Acme"}}});
    EXPECT_EQ(found.json(), expected);  // starts-with first, then contains; no South
    EXPECT_EQ(get(rep, "/r/clients/lookup?q=acme&limit=1").json().size(), 1u);
    EXPECT_EQ(get(rep, "/r/clients/lookup?limit=10&q=").json().size(), 2u);
    EXPECT_EQ(get(rep, "/r/clients/lookup?limit=10&q=Acme%20N").json().size(), 1u);
    EXPECT_EQ(get(rep, "/r/clients/lookup?q=" + beta["id"].dump()).json()[0]["title"], "Beta Acme");
    for (const char* bad : {"0", "51", "ten", ""}) {
        test::Answer answer = get(rep, std::string("/r/clients/lookup?q=a&limit=") + bad);
        EXPECT_EQ(answer.status, 400) << bad;
        EXPECT_EQ(answer.json()["error"]["code"], "bad_query") << answer.body;
    }
    EXPECT_EQ(send("GET", "/r/clients/lookup?q=a").status, 303);  // signed out: to /login

    // The form: a plain input that takes a number or an exact name, enhanced by the script.
    test::Answer blank = get(rep, "/r/projects/new");
    EXPECT_NE(blank.body.find("name=\"client_id\" type=\"text\" value=\"\" class=\"reference\" "
                              "data-lookup=\"/r/clients/lookup\""),
              std::string::npos)
        << blank.body;
    EXPECT_NE(blank.body.find("data-title=\"\""), std::string::npos);  // not the page's title
    EXPECT_NE(blank.body.find("<script src=\"/static/typeahead.js\" defer></script>"),
              std::string::npos);
    std::string csrf = csrfIn(blank.body);
    test::Answer byName = post(rep, "/r/projects/new",
                               {{"csrf", csrf}, {"title", "By name"}, {"client_id", "Acme North"}});
    ASSERT_EQ(byName.status, 303) << byName.body;
    std::string path = byName.header("location");
    std::int64_t id = std::stoll(path.substr(path.rfind('/') + 1));
    EXPECT_EQ(records_->get(as("admin"), "Project", id)["client_id"], north["id"]);
    EXPECT_NE(get(rep, path + "/edit").body.find("data-title=\"Acme North\""), std::string::npos);
    test::Answer detail = get(rep, path);
    EXPECT_NE(detail.body.find("<a href=\"/r/clients/" + north["id"].dump() + "\">Acme North</a>"),
              std::string::npos);
    std::int64_t before = countAll("Project");
    for (const char* name : {"Acme South", "Nobody"}) {  // unreadable or unknown
        test::Answer refused =
            post(rep, "/r/projects/new", {{"csrf", csrf}, {"title", "X"}, {"client_id", name}});
        EXPECT_EQ(refused.status, 422) << name;
        EXPECT_NE(refused.body.find("There is no Client named"), std::string::npos);
    }
    EXPECT_EQ(countAll("Project"), before);

    // The list's reference filter takes the same.
    // A view saved while filtering by name keeps the client's number.
    test::Answer view = post(rep, "/r/projects/views",
                             {{"csrf", csrf}, {"name", "Acme"}, {"query", "client_id=Acme+North"}});
    EXPECT_EQ(view.status, 303) << view.body;
    EXPECT_EQ(view.header("location"), "/r/projects?client_id=" + north["id"].dump());
    EXPECT_EQ(post(rep, "/r/projects/views",
                   {{"csrf", csrf}, {"name", "Nobody"}, {"query", "client_id=Nobody"}})
                  .status,
              422);
    test::Answer filtered = get(rep, "/r/projects?client_id=Acme+North");
    ASSERT_EQ(filtered.status, 200) << filtered.body;
    EXPECT_NE(filtered.body.find(">By name<"), std::string::npos);
    EXPECT_NE(filtered.body.find("id=\"filter-client_id\""), std::string::npos);
    EXPECT_EQ(get(rep, "/r/projects?client_id=Nobody").status, 400);
}

TEST_P(RecordViewsTest, CsvExportIsStreamedPageByPageAndNeedsTheExportPermission) {
    constexpr int kRows = 1105;  // more than one page of the record API (1000)
    for (int i = 0; i < kRows; ++i) {
        createAs("manager", "Project",
                 {{"title", i == 7 ? "@SUM(A1)" : "Row " + std::to_string(i)}, {"seats", i}});
    }
    test::Client manager = browserSignIn("manager");
    test::Answer csv = get(manager, "/r/projects/export.csv");
    ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 500);
    EXPECT_EQ(csv.header("transfer-encoding"), "chunked");
    EXPECT_EQ(csv.header("content-length"), "");
    EXPECT_TRUE(csv.header("content-type").starts_with("text/csv"));
    std::size_t lines = 0;
    for (char c : csv.body) {
        lines += c == '\n' ? 1 : 0;
    }
    EXPECT_EQ(lines, static_cast<std::size_t>(kRows) + 1);
    EXPECT_TRUE(csv.body.starts_with("id,"));
    // The fixture's title is Project's last field.
    EXPECT_NE(csv.body.find(",Row 0\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find(",Row 1104\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find(",'@SUM(A1)\r\n"), std::string::npos);
    EXPECT_EQ(csv.body.find(",@SUM"), std::string::npos);
    test::Answer filtered = get(manager, "/r/projects/export.csv?seats__gte=1100");
    EXPECT_EQ(std::count(filtered.body.begin(), filtered.body.end(), '\n'), 6);

    test::Client rep = browserSignIn("rep1");  // sales reps have no export permission
    test::Answer refused = get(rep, "/r/projects/export.csv");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.header("transfer-encoding"), "");
    EXPECT_EQ(refused.body.find("Row 1"), std::string::npos);
}

TEST_P(RecordViewsTest, KeepMeSignedInDecidesHowLongTheCookieAndTheSessionLast) {
    test::Answer page = send("GET", "/login");
    EXPECT_NE(page.body.find("type=\"checkbox\" name=\"remember\""), std::string::npos);
    Poco::Data::Session session = database_->db().session();
    auto lifetime = [&](const std::string& cookie) {
        std::string value = cookie.substr(cookie.find('=') + 1, 64);
        return kernel::asInt(kernel::Sql::scalar(
            database_->db(), session,
            "SELECT expires_at - created_at FROM tessera_sessions WHERE id_hash = $1",
            {kernel::sha256Hex(value)}));
    };

    std::string brief = sessionCookieOf(formSignIn("rep1", false));
    ASSERT_FALSE(brief.empty());
    EXPECT_EQ(brief.find("Max-Age"), std::string::npos) << brief;
    EXPECT_NE(brief.find("HttpOnly"), std::string::npos);
    EXPECT_EQ(lifetime(brief), kernel::SessionStore::kLifetimeSeconds);

    std::string kept = sessionCookieOf(formSignIn("rep1", true));
    EXPECT_NE(kept.find("; Max-Age=2592000"), std::string::npos) << kept;
    EXPECT_NE(kept.find("HttpOnly"), std::string::npos);
    EXPECT_EQ(lifetime(kept), 30 * 24 * 3600);
    test::Client client;
    client.cookie = kept.substr(kept.find('=') + 1, 64);
    EXPECT_EQ(get(client, "/").status, 200);

    // The JSON API takes "remember" too.
    auto api = [&](const nlohmann::json& body) {
        return send("POST", "/api/v1/session", body.dump(), {{"Content-Type", "application/json"}});
    };
    test::Answer plain = api({{"login", "rep2"}, {"password", kPassword}});
    EXPECT_EQ(plain.status, 200);
    EXPECT_EQ(sessionCookieOf(plain).find("Max-Age"), std::string::npos);
    test::Answer remembered = api({{"login", "rep2"}, {"password", kPassword}, {"remember", true}});
    EXPECT_EQ(remembered.status, 200);
    EXPECT_NE(sessionCookieOf(remembered).find("; Max-Age=2592000"), std::string::npos);
    test::Answer bad = api({{"login", "rep2"}, {"password", kPassword}, {"remember", "yes"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.header("set-cookie"), "");

    // Signing out still clears the cookie at once.
    test::Client signedIn = browserSignIn("rep2");
    std::string csrf = csrfIn(get(signedIn, "/").body);
    test::Answer out = post(signedIn, "/logout", {{"csrf", csrf}});
    EXPECT_NE(sessionCookieOf(out).find("Max-Age=0"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordViewsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

/// layouts/<Entity>.json next to schema/entities/ in a plugin's folder.
class LayoutFilesTest : public ::testing::Test {
protected:
    void write(const std::filesystem::path& file, const std::string& text) {
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << text;
    }
    /// The message a plugin folder's schema fails with; empty when it loads.
    std::string load() {
        kernel::SchemaRegistry registry;
        auto builder = registry.builderFor("sales", {});
        try {
            kernel::readSchemaFiles(dir_.path(), *builder);
            schema_ = registry.build();
        } catch (const std::exception& e) {
            return e.what();
        }
        return "";
    }
    void entity() {
        write(dir_.path() / "schema" / "entities" / "Deal.json",
              R"({"fields": {"name": {"type": "text"}, "amount": {"type": "money"},
                             "stage": {"type": "enum", "options": ["new", "won"]}}})");
    }
    test::TempDir dir_;
    std::shared_ptr<const kernel::Schema> schema_;
};

TEST_F(LayoutFilesTest, AGoodLayoutLoadsWithItsEntity) {
    entity();
    write(dir_.path() / "layouts" / "Deal.json",
          R"({"list": {"columns": ["name", "stage", "owner_id"], "sort": "-updated_at"},
              "detail": {"groups": [{"label": "Overview", "fields": ["name", "stage"]}]},
              "form": {"groups": [{"label": "Money", "fields": ["amount"]}]}})");
    ASSERT_EQ(load(), "");
    const kernel::EntityDef& deal = schema_->require("Deal");
    EXPECT_EQ(deal.layout["list"]["sort"], "-updated_at");
    EXPECT_EQ(deal.layout["detail"]["groups"][0]["label"], "Overview");
    EXPECT_EQ(deal.toJson()["layout"], deal.layout);
}

TEST_F(LayoutFilesTest, WithoutALayoutFileTheEntityHasNone) {
    entity();
    ASSERT_EQ(load(), "");
    EXPECT_TRUE(schema_->require("Deal").layout.is_null());
}

TEST_F(LayoutFilesTest, ALayoutNamingAnUnknownFieldFailsTheLoadNamingFileAndField) {
    entity();
    struct Case {
        const char* layout;
        const char* field;
    };
    for (Case c : {Case{R"({"list": {"columns": ["name", "probability"]}})", "probability"},
                   Case{R"({"list": {"sort": "-closed_on"}})", "closed_on"},
                   Case{R"({"detail": {"groups": [{"label": "A", "fields": ["nme"]}]}})", "nme"},
                   Case{R"({"form": {"groups": [{"label": "B", "fields": ["cost"]}]}})", "cost"}}) {
        write(dir_.path() / "layouts" / "Deal.json", c.layout);
        std::string message = load();
        EXPECT_NE(message.find((dir_.path() / "layouts" / "Deal.json").string()), std::string::npos)
            << message;
        EXPECT_NE(message.find(std::string("'") + c.field + "'"), std::string::npos) << message;
    }
    for (const char* shape : {R"([])", R"({"grid": {}})", R"({"list": {"columns": []}})",
                              R"({"detail": {"groups": [{"fields": ["name"]}]}})",
                              R"({"list": {"columns": "name"}})"}) {
        write(dir_.path() / "layouts" / "Deal.json", shape);
        EXPECT_NE(load().find("layouts"), std::string::npos) << shape;
    }
    write(dir_.path() / "layouts" / "Deal.json", "{not json");
    EXPECT_NE(load().find("is not valid JSON"), std::string::npos);
}

TEST_F(LayoutFilesTest, ALayoutForAnEntityThePluginDoesNotDeclareIsRefused) {
    entity();
    write(dir_.path() / "layouts" / "Invoice.json", R"({"list": {"columns": ["name"]}})");
    std::string message = load();
    EXPECT_NE(message.find("Invoice.json"), std::string::npos) << message;
    EXPECT_NE(message.find("declares no entity 'Invoice'"), std::string::npos) << message;
}

}  // namespace
