#include "DealsFixture.hpp"

using namespace deals::test;

namespace {

class CompanyTreeTest : public DealsFixture {
protected:
    /// The roll-up line of one company in the tree panel of a company page.
    static std::string treeLine(const std::string& page, const Record& company) {
        std::string anchor = "<li class=\"tree-node";
        std::string link = "<a href=\"/r/companies/" + company["id"].dump() + "\">";
        auto at = page.find(link, page.find(anchor));
        if (at == std::string::npos) {
            return "(not in the tree)";
        }
        return page.substr(at, page.find("</li>", at) - at);
    }

    /// The tree line of `company` shows these subtree totals.
    static void expectTotals(const std::string& page, const Record& company, int openDeals,
                             const std::string& pipeline) {
        std::string line = treeLine(page, company);
        EXPECT_TRUE(contains(line, "Open deals " + std::to_string(openDeals) + "<")) << line;
        EXPECT_TRUE(contains(line, "Open pipeline " + pipeline)) << line;
    }

    Record company(const std::string& name, const nlohmann::json& parent = nullptr) {
        return records().create(rep_, "Company", {{"name", name}, {"parent_id", parent}});
    }
    void openDeal(const Caller& caller, const Record& company, double amount) {
        deal(caller, {{"name", "Deal of " + company["name"].get<std::string>()},
                      {"company_id", company["id"]},
                      {"amount", {{"amount", amount}}}});
    }
};

}  // namespace

TEST_P(CompanyTreeTest, TheTreeAddsOpenDealsAndPipelineOfEachSubtree) {
    Record parent = company("Holding");
    Record north = company("North branch", parent["id"]);
    Record south = company("South branch", parent["id"]);
    openDeal(rep_, parent, 1000);
    openDeal(rep_, north, 2000);
    openDeal(rep_, north, 500);
    openDeal(rep_, south, 4000);
    // Closed deals are not open business.
    deal(rep_, {{"name", "Won already"},
                {"company_id", south["id"]},
                {"amount", {{"amount", 9000}}},
                {"stage_id", stage("Closed Won")}});
    // The admin's deal, out of the rep's sight.
    openDeal(admin_, south, 700);

    auto adminPage = kernel_->signIn("admin").get("/r/companies/" + north["id"].dump());
    ASSERT_EQ(adminPage.status, 200);
    EXPECT_TRUE(contains(adminPage.body, "Company tree"));
    expectTotals(adminPage.body, parent, 5, "8,200 EUR");
    expectTotals(adminPage.body, north, 2, "2,500 EUR");
    expectTotals(adminPage.body, south, 2, "4,700 EUR");

    // The rep sees the totals of the deals they may read: not the admin's 700.
    auto repPage = kernel_->signIn("rep").get("/r/companies/" + parent["id"].dump());
    ASSERT_EQ(repPage.status, 200);
    expectTotals(repPage.body, parent, 4, "7,500 EUR");
    expectTotals(repPage.body, south, 1, "4,000 EUR");
    EXPECT_FALSE(contains(repPage.body, "deals panel failed"));

    // Someone who may not read the companies gets no tree at all.
    kernel_->createUser("rep3", "sales_rep");
    EXPECT_EQ(kernel_->signIn("rep3").get("/r/companies/" + parent["id"].dump()).status, 404);
}

TEST_P(CompanyTreeTest, ACompanyWithoutDealsShowsZeroes) {
    Record parent = company("Quiet holding");
    Record child = company("Quiet child", parent["id"]);
    auto page = kernel_->signIn("rep").get("/r/companies/" + child["id"].dump());
    ASSERT_EQ(page.status, 200);
    expectTotals(page.body, parent, 0, "0 EUR");
}

INSTANTIATE_TEST_SUITE_P(Backends, CompanyTreeTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
