#include "DealsFixture.hpp"
#include "Periods.hpp"
#include "Values.hpp"

using namespace deals::test;

namespace {

/// The fixture: open deals next year (so nothing won today lands among them), won and lost
/// deals today, and quotas for this quarter. Every expected number below is worked out by hand
/// from this list.
class ForecastTest : public DealsFixture {
protected:
    void SetUp() override {
        DealsFixture::SetUp();
        rep2_ = Caller::user(kernel_->createUser("rep2", "sales_rep"));
        year_ = std::stoi(deals::todayIso().substr(0, 4));
        next_ = std::to_string(year_ + 1);
        quarter_ = deals::quarterOf(deals::todayIso());
        add(rep_, "Early small", 10000, "Prospecting", next_ + "-02-10");         // pipeline, w 1,000
        add(rep_, "Early proposal", 20000, "Proposal", next_ + "-02-20");         // best case, w 10,000
        add(rep_, "Spring commit", 40000, "Negotiation", next_ + "-05-15");       // commit, w 30,000
        add(rep2_, "Spring hopeful", 30000, "Qualification", next_ + "-05-20",
            {{"probability_override", 60}});                                      // best case, w 18,000
        add(rep2_, "Won big", 50000, "Closed Won", "");                           // closed today
        add(rep_, "Won small", 25000, "Closed Won", "");                          // closed today
        add(rep_, "Lost", 99000, "Closed Lost", "", {{"loss_reason", "price"}});  // omitted
        add(rep_, "Far away", 7000, "Prospecting", std::to_string(year_ + 2) + "-01-10");
        add(rep2_, "Autumn called", 15000, "Prospecting", next_ + "-11-30",
            {{"forecast_category", "commit"}});                                   // commit, w 1,500
    }

    void add(const Caller& owner, const std::string& name, double amount, const std::string& stageName,
             const std::string& close, Record extra = Record::object()) {
        Record values = {{"name", name}, {"amount", {{"amount", amount}, {"currency", "EUR"}}},
                         {"stage_id", stage(stageName)}, {"owner_id", owner.userId}, {"next_step", "Call"}};
        if (!close.empty()) {
            values["expected_close_date"] = close;
        }
        values.update(extra);
        deal(admin_, values);
    }

    nlohmann::json forecast(const std::string& login, const std::string& query) {
        auto answer = kernel_->signIn(login).call("GET", "/api/v1/p/deals/forecast?" + query);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return answer.json();
    }

    static nlohmann::json row(const nlohmann::json& table, const std::string& key) {
        for (const auto& row : table["rows"]) {
            if (row["key"] == key) {
                return row;
            }
        }
        return nullptr;
    }

    Caller rep2_;
    int year_ = 0;
    std::string next_;
    deals::Period quarter_;
};

}  // namespace

TEST_P(ForecastTest, QuartersOfNextYearAddUpByCategory) {
    auto answer = forecast("admin", "year=" + next_ + "&view=quarter");
    const auto& periods = answer["periods"];
    ASSERT_EQ(periods["rows"].size(), 4u);
    auto q1 = row(periods, next_ + "-Q1");
    EXPECT_EQ(q1["pipeline"], 10000);
    EXPECT_EQ(q1["best_case"], 20000);
    EXPECT_EQ(q1["commit"], 0);
    EXPECT_EQ(q1["closed"], 0);
    EXPECT_EQ(q1["weighted"], 11000);
    EXPECT_EQ(q1["open_deals"], 2);
    auto q2 = row(periods, next_ + "-Q2");
    EXPECT_EQ(q2["commit"], 40000);
    EXPECT_EQ(q2["best_case"], 30000);
    EXPECT_EQ(q2["committed"], 40000);
    EXPECT_EQ(q2["best_case_total"], 70000);
    EXPECT_EQ(q2["weighted"], 48000);
    auto q3 = row(periods, next_ + "-Q3");
    EXPECT_EQ(q3["unweighted"], 0);
    auto q4 = row(periods, next_ + "-Q4");
    EXPECT_EQ(q4["commit"], 15000);
    EXPECT_EQ(q4["weighted"], 1500);
    const auto& total = periods["total"];
    EXPECT_EQ(total["pipeline"], 10000);
    EXPECT_EQ(total["best_case"], 50000);
    EXPECT_EQ(total["commit"], 55000);
    EXPECT_EQ(total["closed"], 0);
    EXPECT_EQ(total["unweighted"], 115000);
    EXPECT_EQ(total["weighted"], 60500);
    EXPECT_TRUE(total["quota"].is_null());

    auto months = forecast("admin", "year=" + next_ + "&view=month")["periods"];
    ASSERT_EQ(months["rows"].size(), 12u);
    EXPECT_EQ(row(months, next_ + "-02")["unweighted"], 30000);
    EXPECT_EQ(row(months, next_ + "-05")["unweighted"], 70000);
    EXPECT_EQ(row(months, next_ + "-11")["commit"], 15000);
    EXPECT_EQ(row(months, next_ + "-03")["unweighted"], 0);

    auto spring = forecast("admin", "year=" + next_ + "&period=" + next_ + "-Q2&by=owner")["groups"];
    auto repRow = row(spring, std::to_string(rep_.userId));
    auto rep2Row = row(spring, std::to_string(rep2_.userId));
    EXPECT_EQ(repRow["commit"], 40000);
    EXPECT_EQ(repRow["weighted"], 30000);
    EXPECT_EQ(rep2Row["best_case"], 30000);
    EXPECT_EQ(rep2Row["weighted"], 18000);
    EXPECT_EQ(spring["total"]["unweighted"], 70000);
}

TEST_P(ForecastTest, WonBusinessCountsTodayAgainstQuotas) {
    auto admin = kernel_->signIn("admin");
    // rep: a quarterly goal; rep2: three monthly goals that add up to the quarter.
    auto made = admin.call("POST", "/api/v1/quotas",
                           {{"period", quarter_.key}, {"user_id", rep_.userId}, {"amount", {{"amount", 50000}, {"currency", "EUR"}}}});
    ASSERT_EQ(made.status, 201) << made.body;
    for (const auto& month : quarter_.monthKeys()) {
        auto monthly = admin.call("POST", "/api/v1/quotas",
                                  {{"period", month}, {"user_id", rep2_.userId}, {"amount", {{"amount", 20000}}}});
        ASSERT_EQ(monthly.status, 201) << monthly.body;
    }
    auto answer = forecast("admin", "year=" + std::to_string(year_) + "&period=" + quarter_.key);
    auto now = row(answer["periods"], quarter_.key);
    EXPECT_EQ(now["closed"], 75000);
    EXPECT_EQ(now["quota"], 110000);
    EXPECT_DOUBLE_EQ(now["attainment"].get<double>(), 68.2);
    auto repRow = row(answer["groups"], std::to_string(rep_.userId));
    EXPECT_EQ(repRow["closed"], 25000);
    EXPECT_EQ(repRow["quota"], 50000);
    EXPECT_DOUBLE_EQ(repRow["attainment"].get<double>(), 50.0);
    auto rep2Row = row(answer["groups"], std::to_string(rep2_.userId));
    EXPECT_EQ(rep2Row["closed"], 50000);
    EXPECT_EQ(rep2Row["quota"], 60000);
    EXPECT_DOUBLE_EQ(rep2Row["attainment"].get<double>(), 83.3);
    auto mine = forecast("admin", "year=" + std::to_string(year_) + "&period=" + quarter_.key +
                                      "&owner=" + std::to_string(rep2_.userId));
    EXPECT_EQ(row(mine["periods"], quarter_.key)["quota"], 60000);
    EXPECT_EQ(mine["groups"]["rows"].size(), 1u);

    auto page = admin.get("/p/deals/forecast?year=" + std::to_string(year_) + "&period=" + quarter_.key);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "75,000 EUR"));
    EXPECT_TRUE(contains(page.body, "110,000 EUR"));
    EXPECT_TRUE(contains(page.body, "68.2 %"));
}

TEST_P(ForecastTest, EachUserForecastsWhatTheyMaySeeAndBadParametersAreNamed) {
    auto rep = forecast("rep", "year=" + next_)["periods"];
    EXPECT_EQ(rep["total"]["unweighted"], 70000);  // 10,000 + 20,000 + 40,000: rep2's are out of sight
    auto client = kernel_->signIn("rep");
    for (const auto& [query, parameter] : std::vector<std::pair<std::string, std::string>>{
             {"year=twenty", "year"}, {"view=week", "view"}, {"period=2026-Q5", "period"},
             {"by=region", "by"}, {"owner=someone", "owner"}}) {
        auto answer = client.call("GET", "/api/v1/p/deals/forecast?" + query);
        EXPECT_EQ(answer.status, 422) << query;
        EXPECT_TRUE(answer.json()["error"]["fields"].contains(parameter)) << answer.body;
    }
}

TEST_P(ForecastTest, QuotasAreCheckedAndSetOnlyByAdministrators) {
    auto rep = kernel_->signIn("rep");
    auto own = rep.call("POST", "/api/v1/quotas", {{"period", quarter_.key}, {"user_id", rep_.userId}, {"amount", {{"amount", 1}}}});
    EXPECT_EQ(own.status, 403) << own.body;
    auto admin = kernel_->signIn("admin");
    auto bad = admin.call("POST", "/api/v1/quotas", {{"period", "spring"}, {"user_id", rep_.userId}, {"amount", {{"amount", 1}}}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.json()["error"]["fields"]["period"], "is a month (2026-03) or a quarter (2026-Q1)");
    auto both = admin.call("POST", "/api/v1/quotas", {{"period", "2026-Q1"}, {"user_id", rep_.userId}, {"for_team_id", 1}, {"amount", {{"amount", 1}}}});
    EXPECT_EQ(both.status, 422);
    ASSERT_EQ(admin.call("POST", "/api/v1/quotas", {{"period", "2026-Q1"}, {"user_id", rep_.userId}, {"amount", {{"amount", 1}}}}).status, 201);
    auto twice = admin.call("POST", "/api/v1/quotas", {{"period", "2026-Q1"}, {"user_id", rep_.userId}, {"amount", {{"amount", 2}}}});
    EXPECT_EQ(twice.status, 409) << twice.body;
    tessera::sdk::Query quotas;
    quotas.entity = "Quota";
    EXPECT_EQ(records().count(admin_, quotas), 1);
    EXPECT_EQ(records().count(rep_, quotas), 1);  // the rep sees their own goal
    EXPECT_EQ(records().count(rep2_, quotas), 0);
}

TEST_P(ForecastTest, RollUpsFollowDeletesAndARebuildGivesTheSameNumbers) {
    auto before = forecast("admin", "year=" + next_)["periods"];
    tessera::sdk::Query spring;
    spring.entity = "Deal";
    spring.filter = tessera::sdk::Filter::eq("name", "Spring commit");
    Record commit = records().query(admin_, spring).rows.at(0);
    records().remove(admin_, "Deal", commit["id"]);
    auto without = forecast("admin", "year=" + next_)["periods"];
    EXPECT_EQ(row(without, next_ + "-Q2")["commit"], 0);
    EXPECT_EQ(without["total"]["weighted"], 30500);
    records().restore(admin_, "Deal", commit["id"]);
    EXPECT_EQ(forecast("admin", "year=" + next_)["periods"], before);

    auto admin = kernel_->signIn("admin");
    ASSERT_EQ(admin.postForm("/admin/jobs/run", {{"job", "deals.forecast_rebuild"}}).status, 303);
    kernel_->runDueJobs();
    EXPECT_EQ(forecast("admin", "year=" + next_)["periods"], before);
    EXPECT_EQ(row(forecast("admin", "year=" + std::to_string(year_))["periods"], quarter_.key)["closed"], 75000);

    auto forged = kernel_->signIn("rep").call("POST", "/api/v1/forecast-rollups",
                                              {{"month", next_ + "-01"}, {"category", "closed"}, {"amount", 1e9}});
    EXPECT_EQ(forged.status, 422) << forged.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ForecastTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
