#include "Csv.hpp"
#include "FormBody.hpp"
#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class CaptureTest : public LeadsFixture {
protected:
    std::string formPath(const Record& campaign) { return "/p/leads/form/" + campaign["form_key"].get<std::string>(); }
};

class FloodTest : public LeadsFixture {
protected:
    FloodTest() { settings_ = {"plugin.leads.form_rate_limit=5"}; }
};

}  // namespace

TEST(FormBodyTest, DecodesPercentAndPlusAndKeepsTheLastRepeat) {
    auto fields = leads::parseFormBody("a=1&name=Anna+M%C3%BCller&a=2&empty=&flag");
    EXPECT_EQ(fields["a"], "2");
    EXPECT_EQ(fields["name"], "Anna Müller");
    EXPECT_EQ(fields["empty"], "");
    EXPECT_TRUE(fields.contains("flag"));
}

TEST_P(CaptureTest, TheHostedFormMakesAScoredAssignedLeadAndASecondEntryCountsOnIt) {
    Record spring = campaign("Spring webinar");
    scoringRule("Large company", "company_size", "gt", "100", 20);
    records().create(admin_, "ScoringRule", {{"name", "Form entries"}, {"kind", "behaviour"},
                                             {"behaviour", "form_submission"}, {"points", 5}});
    records().create(admin_, "AssignmentRule", {{"name", "All to rep"}, {"position", 1}, {"user_login", "rep"}});
    auto visitor = kernel_->anonymous();
    auto page = visitor.get(formPath(spring));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "name=\"company_size\""));
    EXPECT_TRUE(contains(page.body, "name=\"homepage\""));

    auto sent = visitor.postForm(formPath(spring), {{"first_name", "Anna"}, {"last_name", "Berg"},
                                                    {"email", "Anna.Berg@Northwind.example"}, {"company_size", "250"},
                                                    {"company_name", "Northwind"}, {"utm_source", "newsletter"},
                                                    {"utm_campaign", "spring"}, {"homepage", ""}, {"unasked", "dropped"}});
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.header("location"), formPath(spring) + "/thanks");
    EXPECT_EQ(visitor.get(formPath(spring) + "/thanks").status, 200);
    Query all;
    all.entity = "Lead";
    auto rows = records().query(Caller::systemCaller(), all).rows;
    ASSERT_EQ(rows.size(), 1u);
    Record stored = rows[0];
    EXPECT_EQ(stored["email"], "anna.berg@northwind.example");
    EXPECT_EQ(stored["full_name"], "Anna Berg");
    EXPECT_EQ(stored["source"], "web_form");
    EXPECT_EQ(stored["campaign_id"], spring["id"]);
    EXPECT_EQ(stored["campaign_name"], "Spring webinar");
    EXPECT_EQ(stored["utm_source"], "newsletter");
    EXPECT_EQ(stored["company_domain"], "northwind.example");
    EXPECT_EQ(stored["owner_id"], rep_.userId);
    EXPECT_EQ(stored["score"], 25);
    EXPECT_EQ(stored["behaviour"]["form_submission"], 1);

    auto again = visitor.postForm(formPath(spring), {{"last_name", "Berg"}, {"email", "anna.berg@northwind.example"},
                                                     {"industry", "Technology"}});
    ASSERT_EQ(again.status, 303) << again.body;
    EXPECT_EQ(count("Lead"), 1);
    Record merged = reload("Lead", stored);
    EXPECT_EQ(merged["behaviour"]["form_submission"], 2);
    EXPECT_EQ(merged["industry"], "Technology");
    EXPECT_EQ(merged["score"], 30);
    EXPECT_EQ(count("TimelineItem", Filter::allOf({Filter::eq("record_entity", "Lead"), Filter::eq("record_id", stored["id"]),
                                                   Filter::eq("source_entity", "leads.form_submitted")})),
              1);  // the repeat entry, not the first: the creation is on the timeline already

    auto json = visitor.call("POST", "/api/v1/p/leads/forms/" + spring["form_key"].get<std::string>(),
                             {{"last_name", "Dahl"}, {"email", "ola@dahl.example"}});
    EXPECT_EQ(json.status, 202) << json.body;
    EXPECT_EQ(count("Lead"), 2);
}

TEST_P(CaptureTest, AThankYouPageElsewhereAndAFieldMappingForAnExistingForm) {
    Record fair = campaign("Trade fair", {"last_name", "email"}, {"email"},
                           {{"thank_you_url", "https://www.example.com/thanks"},
                            {"field_mapping", {{"your-email", "email"}, {"your-name", "last_name"}}}});
    auto sent = kernel_->anonymous().postForm(formPath(fair), {{"your-email", "kim@fair.example"}, {"your-name", "Kim"}});
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.header("location"), "https://www.example.com/thanks");
    Query all;
    all.entity = "Lead";
    auto rows = records().query(Caller::systemCaller(), all).rows;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["last_name"], "Kim");
    EXPECT_EQ(rows[0]["email"], "kim@fair.example");
}

TEST_P(CaptureTest, AbusiveEntriesAreRefusedAndNothingIsStored) {
    Record spring = campaign("Spring webinar");
    std::string path = formPath(spring);
    auto visitor = kernel_->anonymous();
    struct Case {
        std::string name;
        HttpClient::Fields fields;
        int status;
        std::string says;
    };
    std::vector<Case> cases = {
        {"oversized body", {{"last_name", "Berg"}, {"email", "a@b.example"}, {"notes", std::string(9000, 'x')}}, 413, "too large"},
        {"missing e-mail", {{"last_name", "Berg"}}, 422, "is required"},
        {"missing last name", {{"email", "a@b.example"}}, 422, "is required"},
        {"script in a field", {{"last_name", "<script>alert(1)</script>"}, {"email", "a@b.example"}}, 422, "plain text"},
        {"field too long", {{"last_name", std::string(600, 'y')}, {"email", "a@b.example"}}, 422, "longer than 500"},
        {"not an e-mail address", {{"last_name", "Berg"}, {"email", "not-an-address"}}, 422, "email address like"},
        {"honeypot filled", {{"last_name", "Bot"}, {"email", "bot@spam.example"}, {"homepage", "http://spam.example"}}, 303, ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto answer = visitor.postForm(path, c.fields);
        EXPECT_EQ(answer.status, c.status) << answer.body.substr(0, 400);
        EXPECT_TRUE(contains(answer.body, c.says)) << answer.body.substr(0, 2000);
        EXPECT_FALSE(contains(answer.body, "<script>alert(1)</script>"));
        EXPECT_EQ(count("Lead"), 0);
    }
    auto missing = visitor.call("POST", "/api/v1/p/leads/forms/" + spring["form_key"].get<std::string>(),
                                {{"last_name", "Berg"}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.json()["error"]["fields"]["email"], "is required");
    EXPECT_EQ(visitor.postForm("/p/leads/form/nosuchform", {{"email", "a@b.example"}}).status, 404);
    records().update(admin_, "Campaign", spring["id"], reload("Campaign", spring)["version"], {{"form_enabled", false}});
    EXPECT_EQ(visitor.postForm(path, {{"last_name", "Berg"}, {"email", "a@b.example"}}).status, 404);
    EXPECT_EQ(count("Lead"), 0);
}

TEST_P(FloodTest, AFloodFromOneAddressIsCutOffAtTheLimit) {
    Record spring = campaign("Spring webinar");
    auto visitor = kernel_->anonymous();
    int stored = 0;
    int limited = 0;
    for (int i = 0; i < 12; ++i) {
        auto answer = visitor.postForm("/p/leads/form/" + spring["form_key"].get<std::string>(),
                                       {{"last_name", "Flood"}, {"email", "flood" + std::to_string(i) + "@spam.example"}});
        stored += answer.status == 303 ? 1 : 0;
        limited += answer.status == 429 ? 1 : 0;
    }
    EXPECT_EQ(stored, 5);
    EXPECT_EQ(limited, 7);
    EXPECT_EQ(count("Lead"), 5);
}

TEST_P(CaptureTest, TheCampaignPageShowsAnEmbeddableSnippet) {
    Record spring = campaign("Spring webinar");
    EXPECT_EQ(spring["form_key"].get<std::string>().size(), 20u);
    auto page = kernel_->signIn("admin").get("/r/campaigns/" + spring["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "&lt;form action=&quot;"));
    EXPECT_TRUE(contains(page.body, spring["form_key"].get<std::string>()));
}

INSTANTIATE_TEST_SUITE_P(Backends, CaptureTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
INSTANTIATE_TEST_SUITE_P(Backends, FloodTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

namespace {

class ImportTest : public LeadsFixture {};

}  // namespace

TEST(CsvTest, ReadsQuotedCellsSemicolonsAndLineBreaks) {
    auto rows = leads::readCsv("\xEF\xBB\xBF" "Name;Note\r\n\"Berg; Anna\";\"said \"\"hi\"\"\nthen left\"\r\n\r\nDahl;\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"Name", "Note"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"Berg; Anna", "said \"hi\"\nthen left"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"Dahl", ""}));
    EXPECT_THROW(leads::readCsv("a,\"open\n"), tessera::sdk::PluginError);
}

TEST_P(ImportTest, ACsvOfLeadsIsScoredAssignedAndReportedRowByRow) {
    scoringRule("Large company", "company_size", "gt", "100", 20);
    records().create(admin_, "AssignmentRule", {{"name", "Events to rep"}, {"field", "source"}, {"operator", "eq"},
                                                {"value", "event"}, {"user_login", "rep"}});
    std::string csv =
        "First name,Last name,E-mail Address,Company,Employees,Lead source,Shoe size\n"
        "Anna,Berg,anna@berg.example,Berg AG,250,event,38\n"
        "Ben,Costa,ben@costa.example,Costa Ltd,12,,44\n"
        "Clara,Dahl,not-an-address,Dahl AS,40,,39\n";
    auto admin = kernel_->signIn("admin");
    auto answer = admin.send("POST", "/api/v1/p/leads/import", csv,
                             {{"Content-Type", "text/csv"}, {"X-CSRF-Token", admin.csrfToken()}});
    ASSERT_EQ(answer.status, 201) << answer.body;
    auto result = answer.json();
    EXPECT_EQ(result["created"], 2);
    EXPECT_EQ(result["failed"], 1);
    EXPECT_EQ(result["errors"][0]["row"], 4);
    EXPECT_TRUE(result["errors"][0]["fields"].contains("email"));
    EXPECT_EQ(result["skipped_columns"], nlohmann::json({"Shoe size"}));
    Query anna;
    anna.entity = "Lead";
    anna.filter = Filter::eq("email", "anna@berg.example");
    Record imported = records().query(Caller::systemCaller(), anna).rows.at(0);
    EXPECT_EQ(imported["score"], 20);
    EXPECT_EQ(imported["owner_id"], rep_.userId);  // by the rule
    anna.filter = Filter::eq("email", "ben@costa.example");
    Record ben = records().query(Caller::systemCaller(), anna).rows.at(0);
    EXPECT_EQ(ben["owner_id"], admin_.userId);  // no rule: the importer keeps it
    EXPECT_EQ(ben["source"], "import");
    // The batch is one operation: undo takes both leads away.
    auto undone = records().undoOperation(admin_, result["operation"].get<std::int64_t>());
    (void)undone;
    EXPECT_EQ(count("Lead"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

TEST_P(ImportTest, TheImportPageTakesAnUploadedFileAndUndoesIt) {
    auto client = kernel_->signIn("rep");
    EXPECT_EQ(client.get("/p/leads/import").status, 200);
    std::string boundary = "----leadsboundary";
    auto upload = [&](const std::string& file) {
        std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + client.csrfToken() +
                           "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                           "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        return client.send("POST", "/p/leads/import", body,
                           {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
    };
    auto page = upload("Last name;E-mail\nBerg;anna@berg.example\nDahl;not-an-address\nCosta;ben@costa.example\n");
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 500);
    EXPECT_TRUE(contains(page.body, "<strong>2</strong> leads imported"));
    EXPECT_TRUE(contains(page.body, "must be an email address"));
    EXPECT_EQ(count("Lead"), 2);
    auto at = page.body.find("/p/leads/import/");
    std::string undo = page.body.substr(at, page.body.find('"', at) - at);
    ASSERT_TRUE(undo.ends_with("/undo")) << undo;
    EXPECT_EQ(client.postForm(undo, {}).status, 303);
    EXPECT_EQ(count("Lead"), 0);
    EXPECT_EQ(upload("").status, 422);
    EXPECT_EQ(upload(std::string("Last name\nBerg\0x", 15)).status, 422);
    EXPECT_EQ(count("Lead"), 0);
}
