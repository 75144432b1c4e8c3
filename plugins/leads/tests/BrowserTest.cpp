#include <cstdlib>
#include <filesystem>

#include "LeadsFixture.hpp"

using namespace leads::test;

namespace {

class LeadsBrowserTest : public LeadsFixture {};

}  // namespace

TEST_P(LeadsBrowserTest, AVisitorsFormEntryBecomesALeadThatIsConvertedIntoADeal) {
    if (std::system("command -v chromium > /dev/null 2>&1 && command -v node > /dev/null 2>&1") != 0) {
        FAIL() << "chromium and node are needed: run tools/setup --test";
    }
    Record spring = campaign("Spring webinar", {"first_name", "last_name", "email", "company_name", "company_size", "notes"});
    scoringRule("Large company", "company_size", "gt", "100", 20);
    records().create(admin_, "AssignmentRule", {{"name", "All to rep"}, {"user_login", "rep"}});
    std::string url = "http://127.0.0.1:" + std::to_string(kernel_->port());
    std::string command = "LEADS_FORM_KEY=" + spring["form_key"].get<std::string>() + " timeout 300 " + SOURCE_DIR +
                          "/tests/integration/browser/run.sh " + BUILD_DIR + " " + url + " rep '" +
                          TestKernel::kPassword + "' " + SOURCE_DIR + "/plugins/leads/tests/browser/leads.cjs";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    Query all;
    all.entity = "Lead";
    auto rows = records().query(Caller::systemCaller(), all).rows;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["status"], "converted");
    EXPECT_EQ(rows[0]["owner_id"], rep_.userId);
    Record deal = records().get(Caller::systemCaller(), "Deal", rows[0]["converted_deal_id"]);
    EXPECT_EQ(deal["name"], "Browser deal");
    EXPECT_EQ(deal["amount"]["amount"], 36000);
    for (const char* shot : {"leads-form.png", "leads-thanks.png", "leads-list.png", "leads-detail.png", "leads-deal.png",
                             "leads-phone-list.png", "leads-analytics.png",
                             "leads-campaign.png", "leads-import.png"}) {
        EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(BUILD_DIR) / "screenshots" / shot)) << shot;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadsBrowserTest, ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
