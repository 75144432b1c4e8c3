#include <regex>

#include "DealsFixture.hpp"

using namespace deals::test;

namespace {

class OwnerNamesTest : public DealsFixture {
protected:
    /// A sales rep with a display name, made the way an admin does on /admin/users.
    std::int64_t colleague(const std::string& login, const std::string& name) {
        auto made =
            kernel_->signIn("admin").postForm("/admin/users", {{"login", login},
                                                               {"name", name},
                                                               {"email", login + "@example.com"},
                                                               {"role", "sales_rep"}});
        EXPECT_EQ(made.status, 201) << made.body.substr(0, 2000);
        std::smatch id;
        EXPECT_TRUE(std::regex_search(made.body, id, std::regex("/admin/users/([0-9]+)")));
        return std::stoll(id[1]);
    }

    Record ownedBy(std::int64_t owner, const Record& values) {
        Record made = deal(admin_, values);
        return records().update(admin_, "Deal", made["id"], made["version"], {{"owner_id", owner}});
    }
};

}  // namespace

TEST_P(OwnerNamesTest, BoardForecastAndWinLossNameTheOwners) {
    std::int64_t mara = colleague("mara", "Mara Lindqvist");
    std::string year =
        reload(deal(admin_, {{"name", "Probe"}}))["created_at"].get<std::string>().substr(0, 4);
    ownedBy(mara, {{"name", "Mara's open deal"},
                   {"amount", {{"amount", 5000}}},
                   {"expected_close_date", year + "-12-20"}});
    ownedBy(mara, {{"name", "Mara's win"},
                   {"amount", {{"amount", 7000}}},
                   {"stage_id", stage("Closed Won")}});
    deal(admin_, {{"name", "Admin's own"}});
    auto admin = kernel_->signIn("admin");

    auto board = admin.get("/p/deals/board/" + std::to_string(pipeline_));
    ASSERT_EQ(board.status, 200);
    EXPECT_TRUE(contains(board.body, "Mara Lindqvist · ")) << "card owner";
    EXPECT_TRUE(contains(board.body, ">Mara Lindqvist</option>")) << "owner filter";
    EXPECT_TRUE(contains(board.body, "You · "));
    EXPECT_FALSE(contains(board.body, "User #"));

    auto forecast = admin
                        .call("GET", "/api/v1/p/deals/forecast?year=" + year + "&period=" + year +
                                         "-Q4&by=owner")
                        .json();
    bool named = false;
    for (const auto& row : forecast["groups"]["rows"]) {
        if (row["key"] == std::to_string(mara)) {
            named = row["label"] == "Mara Lindqvist";
        }
    }
    EXPECT_TRUE(named) << forecast["groups"].dump();
    auto forecastPage = admin.get("/p/deals/forecast?year=" + year + "&period=" + year + "-Q4");
    EXPECT_TRUE(contains(forecastPage.body, "Mara Lindqvist"));
    EXPECT_FALSE(contains(forecastPage.body, "User #"));

    auto analytics = admin.call("GET", "/api/v1/p/deals/analytics").json();
    ASSERT_EQ(analytics["by_owner"].size(), 1u) << analytics.dump();
    EXPECT_EQ(analytics["by_owner"][0]["label"], "Mara Lindqvist");
    EXPECT_TRUE(contains(admin.get("/p/deals/analytics").body, "Mara Lindqvist"));

    // The stage history names who moved the deal.
    Record moved = ownedBy(mara, {{"name", "Moved by admin"}});
    update(admin_, moved, {{"stage_id", stage("Qualification")}});
    auto dealPage = kernel_->signIn("rep").get("/r/deals/" + moved["id"].dump());
    EXPECT_EQ(dealPage.status, 404);  // the rep does not see Mara's deals at all
    auto adminDealPage = admin.get("/r/deals/" + moved["id"].dump());
    EXPECT_TRUE(contains(adminDealPage.body, "You")) << "history by the admin";
}

INSTANTIATE_TEST_SUITE_P(Backends, OwnerNamesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
