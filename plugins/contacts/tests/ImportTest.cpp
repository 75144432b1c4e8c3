#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ContactsFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using ::contacts::test::contains;
using sdk::Caller;
using sdk::Record;
using sdk::testing::HttpAnswer;
using sdk::testing::HttpClient;

namespace {

constexpr const char* kBoundary = "----TesseraImportBoundary7MA4YWxk";

class ImportTest : public ::contacts::test::ContactsTest {
protected:
    /// Sends `bytes` as the upload form does.
    HttpAnswer upload(const HttpClient& client, const std::string& name, const std::string& bytes,
                      const std::string& target = "Contact") {
        std::string b = kBoundary;
        std::string body =
            "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
            client.csrfToken() + "\r\n--" + b +
            "\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\n" + target + "\r\n--" + b +
            "\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"" +
            name + "\"\r\nContent-Type: text/csv\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
        return client.send("POST", "/p/contacts/import", body,
                           {{"Content-Type", std::string("multipart/form-data; boundary=") + b}});
    }

    /// The batch the upload made, from its redirect.
    std::int64_t batchOf(const HttpAnswer& answer) {
        EXPECT_EQ(answer.status, 303) << answer.body.substr(0, 2000);
        std::string location = answer.header("location");
        EXPECT_TRUE(location.starts_with("/p/contacts/import/")) << location;
        return std::stoll(location.substr(std::string("/p/contacts/import/").size()));
    }

    Record batch(std::int64_t id) {
        return kernel_->records().get(Caller::systemCaller(), "ImportBatch", id);
    }

    /// Starts the batch with its suggested mapping and runs the job.
    HttpAnswer startAndRun(const HttpClient& client, std::int64_t id, const std::string& matchKey) {
        HttpClient::Fields fields = {{"action", "start"}, {"match_key", matchKey}};
        const auto mapping = batch(id)["mapping"];
        for (std::size_t i = 0; i < mapping.size(); ++i) {
            fields.emplace_back("map_" + std::to_string(i), mapping[i].get<std::string>());
        }
        HttpAnswer started =
            client.postForm("/p/contacts/import/" + std::to_string(id) + "/mapping", fields);
        EXPECT_EQ(started.status, 303) << started.body.substr(0, 2000);
        kernel_->runDueJobs();
        return client.get("/p/contacts/import/" + std::to_string(id) + "/status");
    }

    std::int64_t count(const std::string& entity, const sdk::Filter& filter) {
        sdk::Query query;
        query.entity = entity;
        query.filter = filter;
        return kernel_->records().count(Caller::systemCaller(), query);
    }

    Record contactByEmail(const std::string& email) {
        sdk::Query query;
        query.entity = "Contact";
        query.filter = sdk::Filter::eq("email", email);
        auto rows = kernel_->records().query(Caller::systemCaller(), query).rows;
        EXPECT_EQ(rows.size(), 1u) << email;
        return rows.empty() ? Record() : rows.front();
    }
};

/// Exported from a spreadsheet in a German locale: BOM, semicolons, CRLF, a line break and a
/// semicolon inside quoted cells, a bad address, a missing last name, the same person twice
/// (in two spellings), a bad phone number, and a person already in the database.
const std::string kMessyCsv =
    "\xEF\xBB\xBF"
    "First name;Last name;E-mail;Company Name;Phone number;Notes\r\n"
    "Anna;Schmidt;anna@acme.example;Acme GmbH;+49 30 5550100;\"Met at the fair;\r\nwants a "
    "demo\"\r\n"
    "Bob;Miller;bob(at)example.com;Acme GmbH;;\r\n"
    "Carla;Diaz; CARLA@Beta.example ;Beta Ltd;;\"She said \"\"call me\"\"\"\r\n"
    "Dan;;dan@gamma.example;;;\r\n"
    "\r\n"
    "Anna;Schmidt-Copy;Anna@Acme.example;;;\r\n"
    "Eve;Stone;eve@stone.example;;12;\r\n"
    "Old;Customer;old@existing.example;;;updated by import\r\n";

const std::string kMessyReport =
    "Row,Column,Value,Message\r\n"
    "3,E-mail,bob(at)example.com,'bob(at)example.com' is not an e-mail address\r\n"
    "5,Last name,,is required\r\n"
    "6,E-mail,Anna@Acme.example,\"'anna@acme.example' also appears in row 2; only the first is "
    "imported\"\r\n"
    "7,Phone number,12,'12' is not a phone number (it needs at least 5 digits)\r\n";

}  // namespace

TEST_P(ImportTest, MessyCsvImportsWithAnExactReportAndUpsertsOnEmail) {
    Record old = create(
        admin_, "Contact",
        {{"first_name", "Old"}, {"last_name", "Customer"}, {"email", "old@existing.example"}});
    auto admin = kernel_->signIn("admin");
    std::int64_t id = batchOf(upload(admin, "crm export.csv", kMessyCsv));
    Record draft = batch(id);
    EXPECT_EQ(draft["status"], "draft");
    EXPECT_EQ(draft["separator"], ";");
    EXPECT_EQ(draft["mapping"],
              nlohmann::json({"first_name", "last_name", "email", "company", "phone", "notes"}));

    auto page = admin.get("/p/contacts/import/" + std::to_string(id));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "7 rows")) << page.body;
    EXPECT_TRUE(contains(page.body, "&#39;bob(at)example.com&#39; is not an e-mail address") ||
                contains(page.body, "&#x27;bob(at)example.com&#x27; is not an e-mail address"))
        << page.body;

    auto status = startAndRun(admin, id, "email").json();
    EXPECT_EQ(status["status"], "done") << status.dump();
    EXPECT_EQ(status["created"], 2);
    EXPECT_EQ(status["updated"], 1);
    EXPECT_EQ(status["failed"], 4);
    EXPECT_EQ(status["done"], 7);

    auto report = admin.get("/p/contacts/import/" + std::to_string(id) + "/errors.csv");
    ASSERT_EQ(report.status, 200);
    EXPECT_EQ(report.body, kMessyReport);
    auto done = admin.get("/p/contacts/import/" + std::to_string(id));
    EXPECT_TRUE(contains(done.body, "Download the error report")) << done.body;
    EXPECT_TRUE(contains(done.body, "Roll back this import")) << done.body;

    Record anna = contactByEmail("anna@acme.example");
    EXPECT_EQ(anna["full_name"], "Anna Schmidt");
    EXPECT_EQ(anna["notes"], "Met at the fair;\nwants a demo");
    EXPECT_EQ(anna["phone_key"], "+49305550100");
    Record acme = kernel_->records().get(admin_, "Company", anna["company_id"].get<std::int64_t>());
    EXPECT_EQ(acme["name"], "Acme GmbH");
    Record carla = contactByEmail("carla@beta.example");
    EXPECT_EQ(carla["notes"], "She said \"call me\"");
    Record updated = contactByEmail("old@existing.example");
    EXPECT_EQ(updated["id"], old["id"]);
    EXPECT_EQ(updated["notes"], "updated by import");
    EXPECT_EQ(updated["version"], old["version"].get<std::int64_t>() + 1);
    EXPECT_EQ(count("Contact", sdk::Filter::eq("last_name", "Schmidt-Copy")), 0);
    EXPECT_EQ(count("Contact", sdk::Filter::eq("first_name", "Bob")), 0);
}

TEST_P(ImportTest, RollingBackABatchTrashesWhatItMadeAndRestoresWhatItChanged) {
    create(admin_, "Contact",
           {{"first_name", "Old"}, {"last_name", "Customer"}, {"email", "old@existing.example"}});
    auto admin = kernel_->signIn("admin");
    std::int64_t id = batchOf(upload(admin, "crm.csv", kMessyCsv));
    ASSERT_EQ(startAndRun(admin, id, "email").json()["status"], "done");
    ASSERT_EQ(count("Company", sdk::Filter::eq("name", "Acme GmbH")), 1);

    auto undone = admin.postForm("/p/contacts/import/" + std::to_string(id) + "/undo", {});
    EXPECT_EQ(undone.status, 303) << undone.body.substr(0, 2000);
    EXPECT_EQ(batch(id)["status"], "undone");
    EXPECT_EQ(count("Contact", sdk::Filter::eq("email", "anna@acme.example")), 0);
    EXPECT_EQ(count("Contact", sdk::Filter::eq("email", "carla@beta.example")), 0);
    EXPECT_EQ(count("Company", sdk::Filter::eq("name", "Acme GmbH")), 0);
    Record old = contactByEmail("old@existing.example");
    EXPECT_TRUE(old["notes"].is_null()) << old.dump();

    auto again = admin.postForm("/p/contacts/import/" + std::to_string(id) + "/undo", {});
    EXPECT_EQ(again.status, 409);
    EXPECT_TRUE(contains(again.body, "already rolled back"));
}

TEST_P(ImportTest, CompaniesUpsertOnTheirDomainAndTemplatesKeepAMapping) {
    Record acme =
        create(admin_, "Company", {{"name", "Acme"}, {"website", "https://acme.example"}});
    auto admin = kernel_->signIn("admin");
    std::string csv =
        "Organisation,Web site,Industry,Headcount\n"
        "Acme Corporation,www.acme.example,technology,120\n"
        "Beta,beta.example,Farming,x\n"
        "Gamma,gamma.example,Retail,12\n";
    std::int64_t id = batchOf(upload(admin, "companies.csv", csv, "Company"));
    EXPECT_EQ(batch(id)["mapping"], nlohmann::json({"name", "website", "industry", "employees"}));
    auto saved = admin.postForm("/p/contacts/import/" + std::to_string(id) + "/mapping",
                                {{"action", "preview"},
                                 {"match_key", "domain"},
                                 {"map_0", "name"},
                                 {"map_1", "website"},
                                 {"map_2", "industry"},
                                 {"map_3", "employees"},
                                 {"template_name", "Old CRM companies"}});
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(count("ImportTemplate", sdk::Filter::eq("name", "Old CRM companies")), 1);

    auto status = startAndRun(admin, id, "domain").json();
    EXPECT_EQ(status["created"], 1);
    EXPECT_EQ(status["updated"], 1);
    EXPECT_EQ(status["failed"], 1);
    Record updated = kernel_->records().get(admin_, "Company", acme["id"].get<std::int64_t>());
    EXPECT_EQ(updated["name"], "Acme Corporation");
    EXPECT_EQ(updated["industry"], "Technology");
    EXPECT_EQ(updated["employees"], 120);
    auto report = admin.get("/p/contacts/import/" + std::to_string(id) + "/errors.csv");
    EXPECT_TRUE(contains(
        report.body, "3,Industry,Farming,\"'Farming' is not one of Technology, Manufacturing, "))
        << report.body;
    EXPECT_TRUE(contains(report.body, "3,Headcount,x,'x' is not a whole number")) << report.body;

    // The template maps a file with other column names' order.
    std::int64_t second =
        batchOf(upload(admin, "more.csv", "Headcount,Organisation\n5,Delta\n", "Company"));
    sdk::Query templates;
    templates.entity = "ImportTemplate";
    auto templ = kernel_->records().query(admin_, templates).rows.at(0);
    auto applied =
        admin.postForm("/p/contacts/import/" + std::to_string(second) + "/mapping",
                       {{"action", "apply_template"}, {"template_id", templ["id"].dump()}});
    EXPECT_EQ(applied.status, 303);
    EXPECT_EQ(batch(second)["mapping"], nlohmann::json({"employees", "name"}));
    EXPECT_EQ(batch(second)["match_key"], "domain");
    EXPECT_EQ(admin
                  .postForm("/p/contacts/import/" + std::to_string(second) + "/mapping",
                            {{"action", "apply_template"}, {"template_id", "x"}})
                  .status,
              422);
}

TEST_P(ImportTest, RefusesFilesThatAreNotCsvOrHaveNoHeader) {
    auto admin = kernel_->signIn("admin");
    struct Refused {
        std::string name;
        std::string bytes;
        std::string message;
    };
    const std::vector<Refused> cases = {
        {"contacts.csv", std::string("PK\x03\x04\0\0binary", 12), "binary data, not text"},
        {"contacts.pdf", "%PDF-1.4", "is not a CSV or vCard file"},
        {"contacts.csv", "\xEF\xBB\xBF\r\n", "its first line must name the columns"},
        {"contacts.csv", "Anna,Schmidt,anna@acme.example\n", "not column names"},
        {"contacts.csv", "Name,Notes\nAnna,\"never closed\n", "opened on line 2 is never closed"},
        {"", "", "choose a file to import"}};
    for (const auto& refused : cases) {
        auto answer = upload(admin, refused.name, refused.bytes);
        EXPECT_EQ(answer.status, 422) << refused.message;
        EXPECT_TRUE(contains(answer.body, refused.message)) << answer.body;
    }
    EXPECT_EQ(count("ImportBatch", sdk::Filter::isNotNull("id")), 0);
}

TEST_P(ImportTest, RefusesAFileOverTheLimit) {
    kernel_.reset();
    kernel_ = std::make_unique<sdk::testing::TestKernel>(
        sdk::testing::TestKernel::Options{.plugins = {"contacts"},
                                          .pluginPath = PLUGIN_PATH,
                                          .databaseUrl = database_->url(),
                                          .settings = {"plugin.contacts.import_max_bytes=2048"}});
    auto admin = kernel_->signIn("admin");
    auto big = upload(admin, "big.csv", "Name\n" + std::string(3000, 'a') + "\n");
    EXPECT_EQ(big.status, 422);
    EXPECT_TRUE(contains(big.body, "an import takes at most 2 KiB")) << big.body;
    EXPECT_EQ(batchOf(upload(admin, "small.csv", "Name\nAnna\n")) > 0, true);
}

TEST_P(ImportTest, SupportAgentsCannotImportAndSalesRepsOwnWhatTheyImport) {
    kernel_->createUser("agent", "support_agent");
    auto agent = kernel_->signIn("agent");
    EXPECT_EQ(agent.get("/p/contacts/import").status, 403);
    EXPECT_EQ(upload(agent, "a.csv", "Last name\nSmith\n").status, 403);
    EXPECT_FALSE(contains(agent.get("/").body, "/p/contacts/import"));

    auto rep = kernel_->signIn("rep");
    EXPECT_EQ(rep.get("/p/contacts/import").status, 200);
    std::int64_t id = batchOf(upload(rep, "mine.csv", "Last name,Email\nSmith,smith@x.example\n"));
    EXPECT_EQ(agent.get("/p/contacts/import/" + std::to_string(id)).status, 403);
    auto status = startAndRun(rep, id, "email").json();
    EXPECT_EQ(status["created"], 1) << status.dump();
    Record smith = contactByEmail("smith@x.example");
    EXPECT_EQ(smith["owner_id"], rep_.userId);
    EXPECT_EQ(rep.postForm("/p/contacts/import/" + std::to_string(id) + "/undo", {}).status, 303);
    EXPECT_EQ(count("Contact", sdk::Filter::eq("email", "smith@x.example")), 0);
}

TEST_P(ImportTest, AnUpdateTheImporterMayNotMakeIsReportedAndTheOthersStillApply) {
    Caller manager = Caller::user(kernel_->createUser("manager", "manager"));
    create(admin_, "Contact", {{"last_name", "Theirs"}, {"email", "theirs@x.example"}});
    Record mine = create(manager, "Contact", {{"last_name", "Mine"}, {"email", "mine@x.example"}});
    auto client = kernel_->signIn("manager");
    std::int64_t id = batchOf(upload(
        client, "upsert.csv", "Email,Job title\ntheirs@x.example,CEO\nmine@x.example,CTO\n"));
    auto status = startAndRun(client, id, "email").json();
    EXPECT_EQ(status["updated"], 1) << status.dump();
    EXPECT_EQ(status["failed"], 1);
    EXPECT_EQ(contactByEmail("mine@x.example")["job_title"], "CTO");
    EXPECT_TRUE(contactByEmail("theirs@x.example")["job_title"].is_null());
    auto report = client.get("/p/contacts/import/" + std::to_string(id) + "/errors.csv");
    EXPECT_TRUE(report.body.starts_with("Row,Column,Value,Message\r\n2,Email,theirs@x.example,"))
        << report.body;
    EXPECT_EQ(mine["owner_id"], manager.userId);
}

TEST_P(ImportTest, UpdatesAreTidiedAsTheHooksWouldAndRecordTheirStageChange) {
    Record ada = create(admin_, "Contact",
                        {{"first_name", "Ada"},
                         {"last_name", "Byron"},
                         {"email", "ada@engine.example"},
                         {"lifecycle_stage", "lead"}});
    auto admin = kernel_->signIn("admin");
    std::int64_t id =
        batchOf(upload(admin, "changes.csv",
                       "Email,Last name,Phone number,Lifecycle stage\n"
                       "ada@engine.example, Lovelace ,+44 (20) 7946-0018,customer\n"));
    auto status = startAndRun(admin, id, "email").json();
    EXPECT_EQ(status["updated"], 1)
        << admin.get("/p/contacts/import/" + std::to_string(id) + "/errors.csv").body;
    Record after = contactByEmail("ada@engine.example");
    EXPECT_EQ(after["last_name"], "Lovelace");
    EXPECT_EQ(after["full_name"], "Ada Lovelace") << "composed from the stored first name";
    EXPECT_EQ(after["phone_key"], "+442079460018");
    EXPECT_EQ(after["lifecycle_stage"], "customer");
    sdk::Query history;
    history.entity = "StageChange";
    history.filter = sdk::Filter::eq("contact_id", ada["id"]);
    auto changes = kernel_->records().query(Caller::systemCaller(), history).rows;
    ASSERT_EQ(changes.size(), 2u) << "the stage it was created with, and the import's";
    bool imported = std::any_of(changes.begin(), changes.end(), [](const Record& c) {
        return c["from_stage"] == "lead" && c["to_stage"] == "customer";
    });
    EXPECT_TRUE(imported);
}

TEST_P(ImportTest, ALargeFileUpdatesInBulkAndItsRecordsBecomeFindable) {
    std::vector<Record> stored;
    std::string csv = "Email,Job title\n";
    for (int i = 0; i < 2500; ++i) {
        std::string email = "person" + std::to_string(i) + "@bulk.example";
        stored.push_back({{"last_name", "Person " + std::to_string(i)}, {"email", email}});
        csv += email + "," + (i == 2222 ? "Lighthousekeeper" : "Engineer") + "\n";
    }
    ASSERT_EQ(kernel_->records().importRows(admin_, "Contact", stored).ids.size(), 2500u);
    auto admin = kernel_->signIn("admin");
    std::int64_t id = batchOf(upload(admin, "bulk.csv", csv));
    auto status = startAndRun(admin, id, "email").json();
    EXPECT_EQ(status["updated"], 2500) << status.dump();
    EXPECT_EQ(status["failed"], 0);
    EXPECT_EQ(count("Contact", sdk::Filter::eq("job_title", "Engineer")), 2499);
    auto hits = kernel_->records().search(admin_, "Person 2222", 5);
    ASSERT_FALSE(hits.empty()) << "indexed by the search backlog job the run queued";
    EXPECT_EQ(hits[0].title, "Person 2222");
}

TEST_P(ImportTest, ABatchWhoseRunWasStoppedShowsAsFailed) {
    auto admin = kernel_->signIn("admin");
    std::int64_t id = batchOf(upload(admin, "stop.csv", "Last name\nSmith\n"));
    auto started =
        admin.postForm("/p/contacts/import/" + std::to_string(id) + "/mapping",
                       {{"action", "start"}, {"match_key", "none"}, {"map_0", "last_name"}});
    ASSERT_EQ(started.status, 303);
    Record queued = batch(id);
    EXPECT_EQ(queued["status"], "queued");
    EXPECT_TRUE(contains(admin.get("/p/contacts/import/" + std::to_string(id)).body,
                         "refreshes by itself"));
    auto stop = admin.postForm("/admin/jobs/runs/" + queued["job_run_id"].dump() + "/stop", {});
    EXPECT_LT(stop.status, 400) << stop.body.substr(0, 1000);
    kernel_->runDueJobs();
    auto page = admin.get("/p/contacts/import/" + std::to_string(id));
    EXPECT_TRUE(contains(page.body, "The import stopped")) << page.body;
    EXPECT_FALSE(contains(page.body, "refreshes by itself"));
    EXPECT_EQ(count("Contact", sdk::Filter::eq("last_name", "Smith")), 0);
}

TEST_P(ImportTest, VCardsImportThroughTheSamePipeline) {
    std::string cards =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;Dr;\r\nFN:Ada Lovelace\r\n"
        "EMAIL;TYPE=INTERNET:ada@engine.example\r\nTEL;TYPE=CELL:+44 20 7946 0000\r\n"
        "ORG:Analytical Engines\\, Ltd;Research\r\nBDAY:1815-12-10\r\n"
        "NOTE:Wrote the first program\\; loved\r\n  poetry\\nand maths\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Alan Turing\nN:Turing;Alan;;;\n"
        "item1.EMAIL:alan@bletchley.example\nBDAY:19120623\n"
        "ADR;TYPE=work:;;Hut 8;Bletchley;;MK3;United Kingdom\nEND:VCARD\n";
    auto admin = kernel_->signIn("admin");
    std::int64_t id = batchOf(upload(admin, "people.vcf", cards));
    EXPECT_EQ(batch(id)["source"], "vcard");
    auto status = startAndRun(admin, id, "email").json();
    EXPECT_EQ(status["created"], 2) << status.dump();
    Record ada = contactByEmail("ada@engine.example");
    EXPECT_EQ(ada["full_name"], "Ada Lovelace");
    EXPECT_EQ(ada["mobile"], "+44 20 7946 0000");
    EXPECT_EQ(ada["birthday"], "1815-12-10");
    EXPECT_EQ(ada["notes"], "Wrote the first program; loved poetry\nand maths");
    EXPECT_EQ(
        kernel_->records().get(admin_, "Company", ada["company_id"].get<std::int64_t>())["name"],
        "Analytical Engines, Ltd");
    Record alan = contactByEmail("alan@bletchley.example");
    EXPECT_EQ(alan["birthday"], "1912-06-23");
    EXPECT_EQ(alan["city"], "Bletchley");
    EXPECT_EQ(alan["country"], "United Kingdom");

    auto broken = upload(admin, "broken.vcf", "BEGIN:VCARD\r\nFN:Half\r\n");
    EXPECT_EQ(broken.status, 422);
    EXPECT_TRUE(contains(broken.body, "END:VCARD missing")) << broken.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ::contacts::test::backendName);
