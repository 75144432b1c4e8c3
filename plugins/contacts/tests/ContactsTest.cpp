#include <gtest/gtest.h>

#include <tessera/contacts/SegmentService.hpp>
#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "ContactsFixture.hpp"
#include "IsolatedDatabase.hpp"
#include "PythonReader.hpp"
#include "RelationshipMap.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::Caller;
using sdk::Record;
using sdk::testing::TestKernel;
using ::contacts::test::ContactsTest;
using ::contacts::test::contains;

TEST_P(ContactsTest, NamesPhonesAndDomainsAreNormalisedOnSave) {
    Record acme = create(admin_, "Company",
                         {{"name", "  Acme GmbH "},
                          {"website", "https://www.Acme.example/contact"},
                          {"phone", "+49 (30) 555-0100"}});
    EXPECT_EQ(acme["name"], "Acme GmbH");
    EXPECT_EQ(acme["domain"], "acme.example");
    EXPECT_EQ(acme["phone_key"], "+49305550100");
    Record anna = create(admin_, "Contact",
                         {{"first_name", " Anna "},
                          {"last_name", "Schmidt"},
                          {"email", " Anna.Schmidt@ACME.example "},
                          {"company_id", acme["id"]}});
    EXPECT_EQ(anna["full_name"], "Anna Schmidt");
    EXPECT_EQ(anna["email"], "anna.schmidt@acme.example");
    Record renamed = kernel_->records().update(admin_, "Contact", anna["id"], anna["version"],
                                               {{"last_name", "Schmidt-Weber"}});
    EXPECT_EQ(renamed["full_name"], "Anna Schmidt-Weber");
    EXPECT_EQ(
        fieldError("ContactPoint",
                   {{"kind", "email"}, {"value", "not-mail"}, {"contact_id", anna["id"]}}, "value"),
        "an e-mail address looks like name@example.com");
    EXPECT_EQ(fieldError("Contact", {{"first_name", "No"}}, "last_name"), "is required");
}

TEST_P(ContactsTest, AParentCompanyCannotBecomeADescendant) {
    Record group = create(admin_, "Company", {{"name", "Group"}});
    Record child = create(admin_, "Company", {{"name", "Child"}, {"parent_id", group["id"]}});
    Record grandchild =
        create(admin_, "Company", {{"name", "Grandchild"}, {"parent_id", child["id"]}});
    try {
        kernel_->records().update(admin_, "Company", group["id"], group["version"],
                                  {{"parent_id", grandchild["id"]}});
        ADD_FAILURE() << "a cycle was accepted";
    } catch (const sdk::PluginError& e) {
        EXPECT_EQ(e.error().fields.at("parent_id"),
                  "this parent would make the company its own ancestor");
    }
    EXPECT_TRUE(kernel_->records().get(admin_, "Company", group["id"])["parent_id"].is_null());
}

TEST_P(ContactsTest, LifecycleChangesAreKeptAsHistory) {
    Record anna =
        create(admin_, "Contact", {{"last_name", "Schmidt"}, {"lifecycle_stage", "lead"}});
    kernel_->records().update(admin_, "Contact", anna["id"], anna["version"],
                              {{"lifecycle_stage", "customer"}});
    sdk::Query history;
    history.entity = "StageChange";
    history.filter = sdk::Filter::eq("contact_id", anna["id"]);
    history.sort = {{"id", false}};
    auto rows = kernel_->records().query(admin_, history).rows;
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_TRUE(rows[0]["from_stage"].is_null());
    EXPECT_EQ(rows[0]["to_stage"], "lead");
    EXPECT_EQ(rows[1]["from_stage"], "lead");
    EXPECT_EQ(rows[1]["to_stage"], "customer");
    EXPECT_EQ(rows[1]["changed_by"], admin_.userId);
}

TEST_P(ContactsTest, LikelyDuplicatesAreShownOnTheRecordAndThroughTheApi) {
    Record first = create(
        rep_, "Contact",
        {{"first_name", "Jonathan"}, {"last_name", "Smith"}, {"email", "j.smith@acme.example"}});
    Record second =
        create(rep_, "Contact",
               {{"first_name", "Jonathon"}, {"last_name", "Smith"}, {"phone", "+1 555 0100"}});
    create(admin_, "Contact",
           {{"first_name", "Hidden"}, {"last_name", "Smith"}, {"email", "j.smith@acme.example"}});
    auto rep = kernel_->signIn("rep");
    auto check = rep.call(
        "POST", "/api/v1/p/contacts/duplicates",
        {{"entity", "Contact"},
         {"values",
          {{"first_name", "Jon"}, {"last_name", "Smith"}, {"email", "J.Smith@ACME.example"}}}});
    ASSERT_EQ(check.status, 200) << check.body;
    auto candidates = check.json()["candidates"];
    // The rep reads only their own contacts: the admin's record with the same e-mail is not there.
    ASSERT_EQ(candidates.size(), 1u) << candidates.dump();
    EXPECT_EQ(candidates[0]["id"], first["id"]);
    EXPECT_EQ(candidates[0]["reasons"][0], "same e-mail address");

    auto page = rep.get("/r/contacts/" + first["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Possible duplicates"));
    EXPECT_TRUE(contains(page.body, "/r/contacts/" + second["id"].dump()));
    EXPECT_TRUE(contains(page.body, "similar name"));

    auto bad = rep.call("POST", "/api/v1/p/contacts/duplicates", {{"entity", "Deal"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.json()["error"]["fields"]["entity"], "must be Contact or Company");

    auto adminPage = kernel_->signIn("admin").get("/p/contacts/duplicates");
    ASSERT_EQ(adminPage.status, 200);
    EXPECT_TRUE(contains(adminPage.body, "same e-mail address: j.smith@acme.example"));
}

TEST_P(ContactsTest, TheCompanyTreeRollsUpPeopleAndRevenue) {
    Record group =
        create(admin_, "Company",
               {{"name", "Group"}, {"annual_revenue", {{"amount", 1000000}, {"currency", "EUR"}}}});
    Record child = create(admin_, "Company",
                          {{"name", "Child"},
                           {"parent_id", group["id"]},
                           {"annual_revenue", {{"amount", 250000}, {"currency", "EUR"}}}});
    create(admin_, "Contact", {{"last_name", "One"}, {"company_id", child["id"]}});
    create(admin_, "Contact", {{"last_name", "Two"}, {"company_id", child["id"]}});
    auto page = kernel_->signIn("admin").get("/r/companies/" + child["id"].dump());
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "Company tree"));
    EXPECT_TRUE(contains(page.body, "2 people · revenue 1,250,000 EUR"));
    EXPECT_TRUE(contains(page.body, "tree-node depth-1 current"));
}

TEST_P(ContactsTest, TheRelationshipMapIsAnEscapedSvgOfVisibleRecords) {
    Record acme = create(admin_, "Company", {{"name", "<Acme> & Co"}});
    Record boss = create(admin_, "Contact", {{"last_name", "Boss"}, {"company_id", acme["id"]}});
    Record anna = create(admin_, "Contact", {{"last_name", "Anna"}, {"company_id", acme["id"]}});
    create(admin_, "Relationship",
           {{"contact_id", anna["id"]}, {"kind", "reports_to"}, {"other_contact_id", boss["id"]}});
    auto admin = kernel_->signIn("admin");
    auto svg = admin.get("/p/contacts/map/contacts/" + anna["id"].dump());
    ASSERT_EQ(svg.status, 200);
    EXPECT_EQ(svg.header("content-type"), "image/svg+xml");
    EXPECT_TRUE(contains(svg.body, "&lt;Acme&gt; &amp; Co"));
    EXPECT_FALSE(contains(svg.body, "<Acme>"));
    EXPECT_TRUE(contains(svg.body, "reports to"));
    EXPECT_TRUE(contains(svg.body, ">Boss</text>"));
    // The rep may not read these records: no map.
    EXPECT_EQ(kernel_->signIn("rep").get("/p/contacts/map/contacts/" + anna["id"].dump()).status,
              404);
    EXPECT_EQ(admin.get("/p/contacts/map/deals/1").status, 404);
}

TEST_P(ContactsTest, SegmentsFollowEditsAndTheCallersSight) {
    Record a = create(rep_, "Contact", {{"last_name", "A"}, {"lifecycle_stage", "customer"}});
    Record b = create(rep_, "Contact", {{"last_name", "B"}, {"lifecycle_stage", "lead"}});
    create(admin_, "Contact", {{"last_name", "C"}, {"lifecycle_stage", "customer"}});
    // The rep's segment: the admin sees every member, the rep only their own contacts.
    Record segment =
        create(rep_, "Segment",
               {{"name", "Customers"},
                {"target", "Contact"},
                {"kind", "dynamic"},
                {"filter", {{"field", "lifecycle_stage"}, {"op", "eq"}, {"value", "customer"}}}});
    auto segments = [&] {
        auto page = kernel_->signIn("admin").get("/r/segments/" + segment["id"].dump());
        return page.body;
    };
    EXPECT_TRUE(contains(segments(), "<strong>2</strong> members now"));
    kernel_->records().update(rep_, "Contact", b["id"], b["version"],
                              {{"lifecycle_stage", "customer"}});
    EXPECT_TRUE(contains(segments(), "<strong>3</strong> members now"));
    auto repView = kernel_->signIn("rep").get("/r/segments/" + segment["id"].dump());
    EXPECT_TRUE(contains(repView.body, "<strong>2</strong> members now")) << repView.body;

    EXPECT_TRUE(
        contains(fieldError("Segment",
                            {{"name", "Broken"},
                             {"target", "Contact"},
                             {"filter", {{"field", "no_such_field"}, {"op", "eq"}, {"value", 1}}}},
                            "filter"),
                 "the filter does not work"));
    Record fixed = create(admin_, "Segment",
                          {{"name", "Hand-picked"}, {"target", "Contact"}, {"kind", "static"}});
    create(admin_, "SegmentMember", {{"segment_id", fixed["id"]}, {"contact_id", a["id"]}});
    EXPECT_EQ(fieldError("SegmentMember", {{"segment_id", fixed["id"]}}, "contact_id"),
              "a member is either a contact or a company");
    auto page = kernel_->signIn("admin").get("/r/segments/" + fixed["id"].dump());
    EXPECT_TRUE(contains(page.body, "<strong>1</strong> members now"));
}

TEST_P(ContactsTest, DemoDataLoadsAndEveryPageRenders) {
    EXPECT_TRUE(kernel_->loadDemoData().empty());
    sdk::Query companies;
    companies.entity = "Company";
    EXPECT_EQ(kernel_->records().count(admin_, companies), 200);
    sdk::Query children = companies;
    children.filter = sdk::Filter::isNotNull("parent_id");
    EXPECT_GT(kernel_->records().count(admin_, children), 20);
    auto admin = kernel_->signIn("admin");
    for (const char* path : {"/r/companies", "/r/contacts", "/r/segments", "/p/contacts/duplicates",
                             "/p/contacts/duplicates?entity=Company"}) {
        EXPECT_EQ(admin.get(path).status, 200) << path;
    }
    EXPECT_EQ(admin.get("/p/contacts/duplicates?entity=Deal").status, 422);
    // The demo data made duplicates on purpose, and group trees.
    EXPECT_TRUE(contains(admin.get("/p/contacts/duplicates").body, "same e-mail address"));
    auto tree = admin.get("/r/companies/11");
    EXPECT_EQ(tree.status, 200);
    EXPECT_TRUE(contains(tree.body, "Company tree"));
}

namespace {

/// What Debian's python3-vobject reads from a vCard file, as JSON.
nlohmann::json parsedByVobject(const std::string& vcard) {
    return test::readWithPython(
        "import json,sys,vobject\n"
        "cards=list(vobject.readComponents(open(sys.argv[1],encoding='utf-8').read()))\n"
        "out=[]\n"
        "for c in cards:\n"
        "  out.append({'fn':c.fn.value,'family':c.n.value.family,'given':c.n.value.given,\n"
        "   'org':c.org.value[0] if hasattr(c,'org') else '',\n"
        "   'email':c.email.value if hasattr(c,'email') else '',\n"
        "   'tel':[t.value for t in c.contents.get('tel',[])],\n"
        "   'street':c.adr.value.street if hasattr(c,'adr') else '',\n"
        "   'note':c.note.value if hasattr(c,'note') else ''})\n"
        "print(json.dumps(out))\n",
        vcard);
}

}  // namespace

TEST_P(ContactsTest, ContactsExportAsVCardsARealParserReads) {
    Record acme = create(admin_, "Company", {{"name", "Müller, Söhne; & Co"}});
    std::string note(120, 'x');
    note = "Line one, with; punctuation\n" + note + " é";
    Record anna = create(admin_, "Contact",
                         {{"first_name", "Zoë"},
                          {"last_name", "O'Neil, Jr."},
                          {"company_id", acme["id"]},
                          {"email", "zoe@acme.example"},
                          {"phone", "+49 30 1234567"},
                          {"notes", note}});
    create(admin_, "Address",
           {{"address_type", "office"},
            {"street", "1 Main St; Unit 2"},
            {"city", "Berlin"},
            {"contact_id", anna["id"]}});
    auto admin = kernel_->signIn("admin");
    auto one = admin.get("/p/contacts/vcard/" + anna["id"].dump());
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.header("content-type"), "text/vcard; charset=utf-8");
    EXPECT_TRUE(contains(one.header("content-disposition"), "attachment"));
    for (std::size_t start = 0, end; (end = one.body.find("\r\n", start)) != std::string::npos;
         start = end + 2) {
        EXPECT_LE(end - start, 75u) << "an unfolded line";
    }
    auto cards = parsedByVobject(one.body);
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0]["fn"], "Zoë O'Neil, Jr.");
    EXPECT_EQ(cards[0]["family"], "O'Neil, Jr.");
    EXPECT_EQ(cards[0]["given"], "Zoë");
    EXPECT_EQ(cards[0]["org"], "Müller, Söhne; & Co");
    EXPECT_EQ(cards[0]["email"], "zoe@acme.example");
    EXPECT_EQ(cards[0]["tel"][0], "+49 30 1234567");
    EXPECT_EQ(cards[0]["street"], "1 Main St; Unit 2");
    EXPECT_EQ(cards[0]["note"], note);

    Record bob = create(admin_, "Contact", {{"last_name", "Bob"}});
    Record segment =
        create(admin_, "Segment", {{"name", "Two"}, {"target", "Contact"}, {"kind", "static"}});
    create(admin_, "SegmentMember", {{"segment_id", segment["id"]}, {"contact_id", anna["id"]}});
    create(admin_, "SegmentMember", {{"segment_id", segment["id"]}, {"contact_id", bob["id"]}});
    auto both = admin.get("/p/contacts/vcard?segment=" + segment["id"].dump());
    ASSERT_EQ(both.status, 200) << both.body;
    EXPECT_EQ(parsedByVobject(both.body).size(), 2u);
    auto picked = admin.get("/p/contacts/vcard?ids=" + bob["id"].dump());
    EXPECT_EQ(parsedByVobject(picked.body).size(), 1u);
    EXPECT_EQ(admin.get("/p/contacts/vcard?ids=1,abc").status, 422);
    EXPECT_EQ(admin.get("/p/contacts/vcard").status, 422);
    // A support agent may read contacts but not export them.
    kernel_->createUser("agent", "support_agent");
    EXPECT_EQ(kernel_->signIn("agent").get("/p/contacts/vcard?ids=" + bob["id"].dump()).status,
              403);
    EXPECT_EQ(kernel_->signIn("rep").get("/p/contacts/vcard/" + anna["id"].dump()).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContactsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ::contacts::test::backendName);
