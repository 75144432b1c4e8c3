#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "SearchFixture.hpp"

namespace tessera::test {
namespace {

using ::testing::ElementsAre;

/// 20,000 entries: beyond the number of matches a search ranks exactly, so the paths for huge
/// result sets run. Checks results, not time (see tools/bench/search_bench.cpp for that).
class SearchScaleTest : public SearchTest {
protected:
    static constexpr int kEntries = 20000;

    void SetUp() override {
        SearchTest::SetUp();
        // The oldest entry is named after a word every entry's text holds: it must still be
        // found first, although newer matches are looked at first.
        put("Account", 1, "Common Ground Ltd", "the original");
        db().withTransaction([&](Poco::Data::Session& session) {
            for (int i = 2; i <= kEntries; ++i) {
                std::string title = "Person " + std::to_string(i) + " " + surname(i);
                std::string body = "common note about customer " + std::to_string(i % 97) +
                                   " region" + std::to_string(i % 13);
                index().put(session, "Contact", i, title, body, /*owner=*/i % 50, /*team=*/i % 7);
            }
        });
    }

    static std::string surname(int i) {
        static const std::vector<std::string> names{"Smith",  "Jones", "Nguyen",   "García",
                                                    "Müller", "Rossi", "Kowalski", "Dubois"};
        return names[static_cast<std::size_t>(i) % names.size()] + std::to_string(i / 8);
    }
};

TEST_P(SearchScaleTest, FindsNamesAndRanksCommonWords) {
    // A word in every entry: the title match comes first, the rest fill the limit.
    auto common = search("common", {"Account", "Contact"}, 20);
    ASSERT_EQ(common.size(), 20u);
    EXPECT_EQ(keys(common)[0], "Account:1");

    // A name prefix with few matches is ranked exactly.
    auto smith = search("smith25", {"Contact"}, 100);
    std::vector<std::string> expected;
    for (int i = 2; i <= kEntries; ++i) {
        std::string s = surname(i);
        if (s.rfind("Smith25", 0) == 0) {
            expected.push_back("Contact:" + std::to_string(i));
        }
    }
    std::vector<std::string> found = keys(smith);
    std::sort(found.begin(), found.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(found, expected);

    EXPECT_THAT(keys(search("Person 12345")), ElementsAre("Contact:12345"));
    EXPECT_THAT(keys(search("muller1000")), ElementsAre("Contact:8004"));

    // Restricted to one owner: every hit is visible to them.
    kernel::SqlParams params;
    std::string own = "si.owner_id = " + params.add(std::int64_t{7});
    auto owned = search("customer region3", {{"Contact", own}}, params, 100);
    EXPECT_FALSE(owned.empty());
    for (const auto& hit : owned) {
        EXPECT_EQ(hit.id % 50, 7) << hit.id;
        EXPECT_EQ(hit.id % 13, 3) << hit.id;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchScaleTest,
                         ::testing::Values(kernel::Backend::Sqlite, kernel::Backend::Postgres),
                         backendParamName);

}  // namespace
}  // namespace tessera::test
