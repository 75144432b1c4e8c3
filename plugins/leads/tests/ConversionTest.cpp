#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class ConversionTest : public LeadsFixture {
protected:
    Record northwind() {
        return lead(rep_, {{"first_name", "Anna"}, {"last_name", "Berg"}, {"email", "anna@northwind.example"},
                           {"phone", "+49 30 1234567"}, {"company_name", "Northwind"}, {"company_size", 250},
                           {"industry", "Technology"}, {"job_title", "CIO"}});
    }

    Record callOn(const Record& lead) {
        return records().create(rep_, "Interaction", {{"kind", "call"}, {"subject", "First call"},
                                                      {"occurred_at", "2026-11-20T10:00:00Z"},
                                                      {"record_entity", "Lead"}, {"record_id", lead["id"]}});
    }

    std::int64_t onLead(const std::string& entity, const Record& lead) {
        return count(entity, Filter::allOf({Filter::eq("record_entity", "Lead"), Filter::eq("record_id", lead["id"])}));
    }
};

}  // namespace

TEST_P(ConversionTest, ALeadBecomesCompanyContactAndDealAndTakesItsActivitiesAlong) {
    Record anna = northwind();
    Record call = callOn(anna);
    records().create(rep_, "Task", {{"title", "Send the brochure"}, {"record_entity", "Lead"}, {"record_id", anna["id"]}});
    ASSERT_GT(onLead("TimelineItem", anna), 0);
    auto client = kernel_->signIn("rep");
    auto answer = client.call("POST", "/api/v1/p/leads/leads/" + anna["id"].dump() + "/convert",
                              {{"create_deal", true}, {"amount", 12000}, {"deal_name", "Northwind rollout"}});
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto result = answer.json();
    EXPECT_EQ(result["company_created"], true);
    EXPECT_EQ(result["contact_created"], true);

    Record company = records().get(rep_, "Company", result["company_id"]);
    EXPECT_EQ(company["name"], "Northwind");
    EXPECT_EQ(company["domain"], "northwind.example");
    EXPECT_EQ(company["employees"], 250);
    Record contact = records().get(rep_, "Contact", result["contact_id"]);
    EXPECT_EQ(contact["full_name"], "Anna Berg");
    EXPECT_EQ(contact["email"], "anna@northwind.example");
    EXPECT_EQ(contact["company_id"], company["id"]);
    Record deal = records().get(rep_, "Deal", result["deal_id"]);
    EXPECT_EQ(deal["name"], "Northwind rollout");
    EXPECT_EQ(deal["company_id"], company["id"]);
    EXPECT_EQ(deal["amount"]["amount"], 12000);
    EXPECT_EQ(deal["source"], "lead");
    EXPECT_EQ(count("DealContact", Filter::eq("deal_id", deal["id"])), 1);

    EXPECT_EQ(reload("Interaction", call)["record_entity"], "Contact");
    EXPECT_EQ(reload("Interaction", call)["record_id"], contact["id"]);
    EXPECT_EQ(onLead("Interaction", anna), 0);
    EXPECT_EQ(onLead("Task", anna), 0);
    EXPECT_EQ(onLead("TimelineItem", anna), 0);
    EXPECT_GE(count("TimelineItem", Filter::allOf({Filter::eq("record_entity", "Contact"),
                                                   Filter::eq("record_id", contact["id"])})),
              2);

    anna = reload("Lead", anna);
    EXPECT_EQ(anna["status"], "converted");
    EXPECT_EQ(anna["converted_contact_id"], contact["id"]);
    EXPECT_EQ(anna["converted_company_id"], company["id"]);
    EXPECT_EQ(anna["converted_deal_id"], deal["id"]);
    EXPECT_FALSE(anna["converted_at"].is_null());
    auto frozen = refusal([&] { update(rep_, anna, {{"notes", "later edit"}}); });
    EXPECT_TRUE(contains(frozen["status"], "read-only"));
    EXPECT_EQ(client.call("POST", "/api/v1/p/leads/leads/" + anna["id"].dump() + "/convert", nlohmann::json::object()).status,
              409);
    auto page = client.get("/r/leads/" + anna["id"].dump());
    EXPECT_TRUE(contains(page.body, "/r/deals/" + deal["id"].dump()));
}

TEST_P(ConversionTest, AnExistingCompanyAndContactAreUsedInsteadOfCopies) {
    Record company = records().create(rep_, "Company", {{"name", "Northwind GmbH"}, {"domain", "northwind.example"}});
    Record contact = records().create(rep_, "Contact", {{"last_name", "Berg"}, {"email", "anna@northwind.example"}});
    Record anna = northwind();
    EXPECT_TRUE(contains(anna["duplicate_warning"].get<std::string>(), "same e-mail address as contact"));
    EXPECT_TRUE(contains(anna["duplicate_warning"].get<std::string>(), "same company domain as company"));
    Record twin = lead(rep_, {{"last_name", "Berg"}, {"phone", "030 1234567"}, {"email", "ANNA@northwind.example"}});
    EXPECT_TRUE(contains(twin["duplicate_warning"].get<std::string>(), "same e-mail address as lead " + anna["id"].dump()));
    auto duplicates = kernel_->signIn("rep").get("/api/v1/p/leads/duplicates?email=anna%40northwind.example");
    ASSERT_EQ(duplicates.status, 200);
    EXPECT_EQ(duplicates.json()["matches"].size(), 3u);  // two leads and the contact

    auto answer = kernel_->signIn("rep").call("POST", "/api/v1/p/leads/leads/" + anna["id"].dump() + "/convert",
                                              nlohmann::json::object());
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["company_id"], company["id"]);
    EXPECT_EQ(answer.json()["contact_id"], contact["id"]);
    EXPECT_EQ(answer.json()["deal_id"], nullptr);
    EXPECT_EQ(count("Company"), 1);
    EXPECT_EQ(count("Contact"), 1);
}

TEST_P(ConversionTest, AFailureHalfWayLeavesNothingBehind) {
    Record anna = northwind();
    Record call = callOn(anna);
    // The deal step fails (no such pipeline) after the company and the contact were written.
    auto answer = kernel_->signIn("rep").call("POST", "/api/v1/p/leads/leads/" + anna["id"].dump() + "/convert",
                                              {{"create_deal", true}, {"pipeline_id", 987654}});
    EXPECT_EQ(answer.status, 422) << answer.body;
    EXPECT_TRUE(contains(answer.body, "pipeline_id"));
    EXPECT_EQ(count("Company"), 0);
    EXPECT_EQ(count("Contact"), 0);
    EXPECT_EQ(count("Deal"), 0);
    EXPECT_EQ(reload("Lead", anna)["status"], "new");
    EXPECT_EQ(reload("Interaction", call)["record_entity"], "Lead");

    // A lead without a last name stops at the contact step, after the company.
    Record nameless = lead(rep_, {{"email", "info@pine.example"}, {"company_name", "Pine Media"}});
    auto second = kernel_->signIn("rep").call("POST", "/api/v1/p/leads/leads/" + nameless["id"].dump() + "/convert",
                                              nlohmann::json::object());
    EXPECT_EQ(second.status, 422) << second.body;
    EXPECT_TRUE(contains(second.json()["error"]["fields"]["last_name"].get<std::string>(), "needs a last name"));
    EXPECT_EQ(count("Company"), 0);
    EXPECT_EQ(reload("Lead", nameless)["status"], "new");
}

TEST_P(ConversionTest, TheListConvertsTickedLeadsInBulkAndReportsTheRefusals) {
    Record a = lead(rep_, {{"last_name", "Alpha"}, {"company_name", "Alpha AG"}});
    Record b = lead(rep_, {{"last_name", "Beta"}, {"email", "beta@beta.example"}});
    Record nameless = lead(rep_, {{"email", "gamma@gamma.example"}});
    auto client = kernel_->signIn("rep");
    auto list = client.get("/p/leads/list");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "value=\"" + a["id"].dump() + "\""));
    auto answer = client.postForm("/p/leads/convert", {{"ids", a["id"].dump()}, {"ids", b["id"].dump()},
                                                       {"ids", nameless["id"].dump()}, {"create_deal", "1"}});
    ASSERT_EQ(answer.status, 303) << answer.body;
    EXPECT_EQ(reload("Lead", a)["status"], "converted");
    EXPECT_EQ(reload("Lead", b)["status"], "converted");
    EXPECT_EQ(reload("Lead", nameless)["status"], "new");
    EXPECT_EQ(count("Deal"), 2);
    auto after = follow(client, answer);
    EXPECT_TRUE(contains(after.body, "Converted 2 of 3 leads"));
    EXPECT_TRUE(contains(after.body, "needs a last name"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ConversionTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

TEST_P(ConversionTest, TheLeadPageConvertsThroughItsFormAndLandsOnTheDeal) {
    Record spring = campaign("Spring webinar");
    records().create(admin_, "AssignmentRule", {{"name", "All to rep"}, {"user_login", "rep"}});
    auto sent = kernel_->anonymous().postForm("/p/leads/form/" + spring["form_key"].get<std::string>(),
                                              {{"first_name", "Nora"}, {"last_name", "Lindqvist"},
                                               {"email", "nora@fjord.example"}, {"company_name", "Fjord Systems"},
                                               {"company_size", "420"}, {"notes", "Please call me."}});
    ASSERT_EQ(sent.status, 303) << sent.body;
    Query all;
    all.entity = "Lead";
    Record anna = records().query(Caller::systemCaller(), all).rows.at(0);
    auto client = kernel_->signIn("rep");
    auto page = client.get("/r/leads/" + anna["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "action=\"/p/leads/leads/" + anna["id"].dump() + "/convert\""));
    auto answer = client.postForm("/p/leads/leads/" + anna["id"].dump() + "/convert",
                                  {{"create_deal", "1"}, {"deal_name", "Form deal"}, {"pipeline_id", ""}, {"amount", "36000"}});
    ASSERT_EQ(answer.status, 303) << answer.body;
    Record converted = reload("Lead", anna);
    EXPECT_EQ(answer.header("location"), "/r/deals/" + converted["converted_deal_id"].dump());
    auto deal = follow(client, answer);
    EXPECT_TRUE(contains(deal.body, "Form deal"));
    EXPECT_TRUE(contains(deal.body, "The lead was converted"));
}
