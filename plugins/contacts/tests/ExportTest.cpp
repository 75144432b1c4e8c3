#include <gtest/gtest.h>

#include "ContactsFixture.hpp"
#include "PythonReader.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using ::contacts::test::contains;
using sdk::Caller;
using sdk::Record;

namespace {

class ExportTest : public ::contacts::test::ContactsTest {};

/// The sheet as Debian's python3-openpyxl reads it: a list of rows of cell values.
nlohmann::json readByOpenpyxl(const std::string& bytes) {
    std::string script =
        "import json,sys,openpyxl\n"
        "book=openpyxl.load_workbook(sys.argv[1])\n"
        "sheet=book.active\n"
        "print(json.dumps({'title':sheet.title,'rows':[list(r) for r in "
        "sheet.iter_rows(values_only=True)]}))\n";
    return tessera::test::readWithPython(script, bytes, ".xlsx");
}

}  // namespace

TEST_P(ExportTest, ASegmentExportsAsAnXlsxThatARealReaderReads) {
    Record acme = create(admin_, "Company", {{"name", "Müller & Söhne"}, {"employees", 42}});
    Record anna = create(admin_, "Contact",
                         {{"first_name", "Anna"},
                          {"last_name", "Schmidt"},
                          {"email", "anna@acme.example"},
                          {"company_id", acme["id"]},
                          {"tags", {"vip", "fair"}},
                          {"lifecycle_stage", "customer"}});
    create(admin_, "Contact",
           {{"first_name", "Bob"}, {"last_name", "=HYPERLINK(1)"}, {"lifecycle_stage", "lead"}});
    Record segment =
        create(admin_, "Segment",
               {{"name", "Customers"},
                {"target", "Contact"},
                {"kind", "dynamic"},
                {"filter", {{"field", "lifecycle_stage"}, {"op", "eq"}, {"value", "customer"}}}});
    auto admin = kernel_->signIn("admin");
    auto xlsx = admin.get("/p/contacts/export.xlsx?entity=Contact&segment=" + segment["id"].dump());
    ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 500);
    EXPECT_TRUE(contains(xlsx.header("content-disposition"), "contacts.xlsx"));
    auto sheet = readByOpenpyxl(xlsx.body);
    EXPECT_EQ(sheet["title"], "Contacts");
    ASSERT_EQ(sheet["rows"].size(), 2u) << sheet.dump();
    EXPECT_EQ(sheet["rows"][0][0], "Id");
    EXPECT_EQ(sheet["rows"][0][5], "Company");
    EXPECT_EQ(sheet["rows"][1][0], anna["id"]);
    EXPECT_EQ(sheet["rows"][1][1], "Anna");
    EXPECT_EQ(sheet["rows"][1][5], "Müller & Söhne");
    EXPECT_EQ(sheet["rows"][1][6], "anna@acme.example");
    EXPECT_EQ(sheet["rows"][1][14], "vip, fair");

    auto page = admin.get("/r/segments/" + segment["id"].dump());
    EXPECT_TRUE(contains(
        page.body, "/p/contacts/export.xlsx?entity=Contact&amp;segment=" + segment["id"].dump()))
        << page.body;

    auto companies = readByOpenpyxl(admin.get("/p/contacts/export.xlsx?entity=Company").body);
    ASSERT_EQ(companies["rows"].size(), 2u) << companies.dump();
    EXPECT_EQ(companies["rows"][1][1], "Müller & Söhne");
    EXPECT_EQ(companies["rows"][1][7], 42);
}

TEST_P(ExportTest, CsvExportsKeepFormulasInertAndNeedTheExportPermission) {
    Record bob = create(admin_, "Contact",
                        {{"first_name", "Bob"}, {"last_name", "=HYPERLINK(1)"}, {"notes", "a;b"}});
    Record eve =
        create(admin_, "Contact",
               {{"first_name", "Eve"}, {"last_name", "Stone"}, {"phone", "+49 30 1234567"}});
    auto admin = kernel_->signIn("admin");
    auto csv = admin.get("/p/contacts/export.csv?entity=Contact&ids=" + bob["id"].dump() + "," +
                         eve["id"].dump());
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBFId,First name,Last name,Full name,"));
    EXPECT_TRUE(contains(csv.body, "\r\n" + bob["id"].dump() + ",Bob,'=HYPERLINK(1),")) << csv.body;
    EXPECT_TRUE(contains(csv.body, ",+49 30 1234567,")) << csv.body;

    EXPECT_EQ(admin.get("/p/contacts/export.csv?entity=Deal").status, 422);
    EXPECT_EQ(admin.get("/p/contacts/export.csv?ids=1,x").status, 422);
    auto rep = kernel_->signIn("rep");
    EXPECT_EQ(rep.get("/p/contacts/export.csv?entity=Contact").status, 403);
    EXPECT_EQ(rep.get("/p/contacts/export.xlsx?entity=Company").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         ::contacts::test::backendName);
