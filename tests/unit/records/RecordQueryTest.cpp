#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::Filter;

namespace {

class RecordQueryTest : public test::RecordTest {
protected:
    void SetUp() override {
        test::RecordTest::SetUp();
        struct Row {
            const char* title;
            int seats;
            double budget;
            const char* stage;
            const char* startsOn;
            std::vector<std::string> labels;
        };
        const Row rows[] = {
            {"Alpha", 10, 100, "new", "2025-01-15", {"vip"}},
            {"Beta", 20, 200, "active", "2025-02-01", {"q1"}},
            {"Gamma", 30, 300, "active", "2025-02-28", {"vip", "q1"}},
            {"Delta", 40, 400, "done", "2025-04-02", {}},
            {"Epsilon", 50, 500, "done", "2025-12-31", {"q4"}},
            {"Alpha two", 60, 600, "new", "2026-01-05", {}},
        };
        for (const auto& r : rows) {
            nlohmann::json values = {{"title", r.title}, {"seats", r.seats},
                                     {"budget", {{"amount", r.budget}, {"currency", "EUR"}}},
                                     {"stage", r.stage}, {"starts_on", r.startsOn}};
            if (!r.labels.empty()) {
                values["labels"] = r.labels;
            }
            createAs("admin", "Project", values);
        }
        createAs("admin", "Project", {{"title", "Zeta"}});  // every other field empty
    }

    std::vector<std::string> titles(const Filter& filter, std::vector<sdk::SortKey> sort = {{"title"}}) {
        auto page = records_->query(as("admin"), {.entity = "Project", .filter = filter, .sort = sort, .limit = 100});
        std::vector<std::string> out;
        for (const auto& r : page.rows) {
            out.push_back(r["title"]);
        }
        return out;
    }
    using V = std::vector<std::string>;
};

}  // namespace

TEST_P(RecordQueryTest, EveryFilterOperator) {
    EXPECT_EQ(titles(Filter::eq("stage", "active")), (V{"Beta", "Gamma"}));
    EXPECT_EQ(titles(Filter::ne("stage", "active")),
              (V{"Alpha", "Alpha two", "Delta", "Epsilon", "Zeta"}));
    EXPECT_EQ(titles(Filter::lt("seats", 30)), (V{"Alpha", "Beta"}));
    EXPECT_EQ(titles(Filter::lte("seats", 30)), (V{"Alpha", "Beta", "Gamma"}));
    EXPECT_EQ(titles(Filter::gt("budget", 450)), (V{"Alpha two", "Epsilon"}));
    EXPECT_EQ(titles(Filter::gte("starts_on", "2025-12-31")), (V{"Alpha two", "Epsilon"}));
    EXPECT_EQ(titles(Filter::in("stage", {"new", "done"})), (V{"Alpha", "Alpha two", "Delta", "Epsilon"}));
    EXPECT_EQ(titles(Filter::notIn("stage", {"new", "done"})), (V{"Beta", "Gamma", "Zeta"}));
    EXPECT_EQ(titles(Filter::contains("title", "LPH")), (V{"Alpha", "Alpha two"}));
    EXPECT_EQ(titles(Filter::startsWith("title", "al")), (V{"Alpha", "Alpha two"}));
    EXPECT_EQ(titles(Filter::contains("title", "%")), V{});
    EXPECT_EQ(titles(Filter::contains("labels", "vip")), (V{"Alpha", "Gamma"}));
    EXPECT_EQ(titles(Filter::eq("labels", "q1")), (V{"Beta", "Gamma"}));
    EXPECT_EQ(titles(Filter::isNull("stage")), (V{"Zeta"}));
    EXPECT_EQ(titles(Filter::isNotNull("labels")), (V{"Alpha", "Beta", "Epsilon", "Gamma"}));
    EXPECT_EQ(titles(Filter::between("starts_on", "2025-02-01", "2025-04-02")),
              (V{"Beta", "Delta", "Gamma"}));
    EXPECT_EQ(titles(Filter::anyOf({Filter::eq("stage", "done"), Filter::lt("seats", 15)})),
              (V{"Alpha", "Delta", "Epsilon"}));
    EXPECT_EQ(titles(Filter::allOf({Filter::eq("stage", "done"),
                                    Filter::anyOf({Filter::gt("seats", 45), Filter::isNull("seats")})})),
              (V{"Epsilon"}));
    EXPECT_EQ(titles(Filter::fromJson({{"or", {{{"field", "seats"}, {"op", "eq"}, {"value", 10}},
                                               {{"field", "seats"}, {"op", "eq"}, {"value", "20"}}}}})),
              (V{"Alpha", "Beta"}));
}

TEST_P(RecordQueryTest, EmptyValuesFirstAndKeysetMatchesOffset) {
    auto bySeatsDesc = titles(Filter::isNotNull("id"), {{"seats", true}});
    EXPECT_EQ(bySeatsDesc.back(), "Zeta") << "an empty value sorts before every value";
    EXPECT_EQ(bySeatsDesc.front(), "Alpha two");
    auto bySeats = titles(Filter::isNotNull("id"), {{"seats"}});
    EXPECT_EQ(bySeats.front(), "Zeta");
    EXPECT_EQ(bySeats[1], "Alpha");
    // Text sorts without regard to case.
    createAs("admin", "Project", {{"title", "alpha three"}});
    auto byTitle = titles(Filter::startsWith("title", "ALPHA"));
    EXPECT_EQ(byTitle, (V{"Alpha", "alpha three", "Alpha two"}));

    for (auto sort : std::vector<std::vector<sdk::SortKey>>{
             {{"seats"}}, {{"seats", true}}, {{"stage"}, {"title", true}}, {{"budget", true}}, {}}) {
        std::vector<std::string> keyset;
        std::string after;
        int pages = 0;
        do {
            auto page = records_->query(as("admin"), {.entity = "Project", .sort = sort, .limit = 2, .after = after});
            for (const auto& r : page.rows) {
                keyset.push_back(r["title"]);
            }
            after = page.nextCursor;
            ASSERT_LT(++pages, 10);
        } while (!after.empty());
        std::vector<std::string> offset;
        for (int o = 0; o < 8; o += 3) {
            auto page = records_->query(as("admin"), {.entity = "Project", .sort = sort, .limit = 3, .offset = o});
            for (const auto& r : page.rows) {
                offset.push_back(r["title"]);
            }
        }
        EXPECT_EQ(keyset.size(), 8u);
        EXPECT_EQ(keyset, offset);
    }
}

TEST_P(RecordQueryTest, TheLargestPageSizeWorks) {
    auto page = records_->query(as("admin"), {.entity = "Project", .limit = 1000});
    EXPECT_EQ(page.rows.size(), 7u);
    EXPECT_TRUE(page.nextCursor.empty());
    auto error = errorOf([&] { records_->query(as("admin"), {.entity = "Project", .limit = 1001}); });
    EXPECT_NE(error.fields["limit"].find("1 to 1000 rows"), std::string::npos);
}

TEST_P(RecordQueryTest, CountAndProjection) {
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project", .filter = Filter::eq("stage", "done")}), 2);
    auto page = records_->query(as("admin"), {.entity = "Project", .sort = {{"seats", true}}, .limit = 1, .fields = {"title"}});
    ASSERT_EQ(page.rows.size(), 1u);
    EXPECT_EQ(page.rows[0]["title"], "Alpha two");
    EXPECT_TRUE(page.rows[0].contains("version"));
    EXPECT_FALSE(page.rows[0].contains("notes"));
}

TEST_P(RecordQueryTest, AggregatesByFieldAndDateBucket) {
    auto byStage = records_->aggregate(
        as("admin"), {.entity = "Project", .fn = sdk::AggregateFn::Sum, .field = "budget", .groupBy = "stage"});
    std::map<std::string, std::pair<double, std::int64_t>> stage;
    for (const auto& r : byStage) {
        stage[r.group.is_null() ? "(none)" : r.group.get<std::string>()] = {r.value, r.count};
    }
    EXPECT_EQ(stage["active"], (std::pair<double, std::int64_t>{500, 2}));
    EXPECT_EQ(stage["done"], (std::pair<double, std::int64_t>{900, 2}));
    EXPECT_EQ(stage["new"], (std::pair<double, std::int64_t>{700, 2}));
    EXPECT_EQ(stage["(none)"].second, 1);

    auto bucket = [&](sdk::DateBucket b, sdk::AggregateFn fn = sdk::AggregateFn::Sum) {
        std::map<std::string, double> out;
        for (const auto& r : records_->aggregate(as("admin"), {.entity = "Project", .filter = Filter::isNotNull("starts_on"),
                                                               .fn = fn, .field = "seats",
                                                               .groupBy = "starts_on", .bucket = b})) {
            out[r.group.get<std::string>()] = r.value;
        }
        return out;
    };
    using M = std::map<std::string, double>;
    EXPECT_EQ(bucket(sdk::DateBucket::Month),
              (M{{"2025-01", 10}, {"2025-02", 50}, {"2025-04", 40}, {"2025-12", 50}, {"2026-01", 60}}));
    EXPECT_EQ(bucket(sdk::DateBucket::Quarter),
              (M{{"2025-Q1", 60}, {"2025-Q2", 40}, {"2025-Q4", 50}, {"2026-Q1", 60}}));
    EXPECT_EQ(bucket(sdk::DateBucket::Year), (M{{"2025", 150}, {"2026", 60}}));
    // Weeks start on Monday: 2025-02-01 is a Saturday, 2025-12-31 a Wednesday.
    auto weeks = bucket(sdk::DateBucket::Week);
    EXPECT_EQ(weeks["2025-01-27"], 20);
    EXPECT_EQ(weeks["2025-12-29"], 50);
    EXPECT_EQ(bucket(sdk::DateBucket::Day)["2025-02-28"], 30);
    EXPECT_EQ(bucket(sdk::DateBucket::Month, sdk::AggregateFn::Avg)["2025-02"], 25);
    EXPECT_EQ(bucket(sdk::DateBucket::Year, sdk::AggregateFn::Max)["2025"], 50);
    EXPECT_EQ(bucket(sdk::DateBucket::Year, sdk::AggregateFn::Min)["2025"], 10);
    auto total = records_->aggregate(as("admin"), {.entity = "Project", .fn = sdk::AggregateFn::Count});
    ASSERT_EQ(total.size(), 1u);
    EXPECT_EQ(total[0].count, 7);
}

TEST_P(RecordQueryTest, HostileQueriesGetAClearErrorAndChangeNothing) {
    struct Case {
        sdk::Query query;
        std::string field;
        std::string expected;
    };
    std::vector<Case> cases = {
        {{.entity = "Project", .filter = Filter::eq("title; DROP TABLE project", "x")},
         "title; DROP TABLE project", "has no field"},
        {{.entity = "Project", .filter = Filter::eq("seats", "1 OR 1=1")}, "seats", "must be a whole number"},
        {{.entity = "Project", .filter = Filter::gt("labels", "a")}, "labels", "needs a field with an order"},
        {{.entity = "Project", .filter = Filter::in("seats", nlohmann::json::array())}, "seats", "1 to 1000 values"},
        {{.entity = "Project", .filter = Filter::contains("seats", "1")}, "seats", "applies to text fields"},
        {{.entity = "Project", .filter = Filter::between("seats", 1, nullptr)}, "seats", "needs"},
        {{.entity = "Project", .sort = {{"nope"}}}, "nope", "has no field"},
        {{.entity = "Project", .sort = {{"extra"}}}, "extra", "cannot be sorted"},
        {{.entity = "Project", .limit = 0}, "limit", "1 to 1000 rows"},
        {{.entity = "Project", .limit = 100000}, "limit", "1 to 1000 rows"},
        {{.entity = "Project", .offset = -5}, "offset", "between 0"},
        {{.entity = "Project", .after = "garbage!!"}, "after", "cursor"},
        {{.entity = "Project", .fields = {"nope"}}, "nope", "has no field"},
    };
    for (const auto& c : cases) {
        auto error = errorOf([&] { records_->query(as("admin"), c.query); });
        EXPECT_EQ(error.code, "validation") << c.expected;
        EXPECT_NE(error.fields[c.field].find(c.expected), std::string::npos)
            << "field " << c.field << ": " << error.message;
    }
    EXPECT_THROW(Filter::fromJson({{"field", "seats"}, {"op", "regex"}, {"value", ".*"}}), sdk::PluginError);
    nlohmann::json deep = {{"field", "seats"}, {"op", "eq"}, {"value", 1}};
    for (int i = 0; i < 20; ++i) {
        deep = {{"and", {deep}}};
    }
    EXPECT_THROW(Filter::fromJson(deep), sdk::PluginError);
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project"}), 7);
}

TEST_P(RecordQueryTest, SearchWithinAnEntityAndAcrossAll) {
    createAs("admin", "Client", {{"name", "Northwind Traders"}, {"email", "hello@northwind.test"}});
    records_->update(as("admin"), "Project",
                     records_->query(as("admin"), {.entity = "Project", .filter = Filter::eq("title", "Beta")})
                         .rows[0]["id"]
                         .get<std::int64_t>(),
                     1, {{"notes", "kick-off with Northwind next week"}});
    auto hits = records_->search(as("admin"), "northwind", 10);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].entity, "Client") << "a title match ranks above a body match";
    EXPECT_EQ(hits[0].title, "Northwind Traders");
    EXPECT_EQ(hits[1].entity, "Project");
    EXPECT_EQ(hits[1].title, "Beta");
    auto page = records_->query(as("admin"), {.entity = "Project", .search = "northwind"});
    ASSERT_EQ(page.rows.size(), 1u);
    EXPECT_EQ(page.rows[0]["title"], "Beta");
    EXPECT_EQ(records_->search(as("admin"), "north", 10).size(), 2u) << "the last word is a prefix";
    EXPECT_TRUE(records_->search(as("admin"), "\"' OR 1=1 --", 10).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordQueryTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
