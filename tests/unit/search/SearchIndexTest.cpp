#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tessera/kernel/storage/Sql.hpp>

#include "SearchFixture.hpp"

namespace tessera::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class SearchIndexTest : public SearchTest {};

TEST_P(SearchIndexTest, EnsureTablesIsIdempotentAndKeepsEntries) {
    put("Contact", 1, "Ada Lovelace", "analytical engine");
    index().ensureTables();
    kernel::SearchIndex other(db());
    other.ensureTables();
    EXPECT_THAT(keys(search("lovelace")), ElementsAre("Contact:1"));
}

TEST_P(SearchIndexTest, TitleMatchRanksAboveBodyMatch) {
    put("Contact", 1, "Peter Brown", "met at the zebra conference about logistics");
    put("Account", 2, "Zebra Logistics", "freight forwarding and warehousing");
    put("Deal", 3, "Warehouse deal", "nothing relevant here");
    auto hits = search("zebra");
    EXPECT_THAT(keys(hits), ElementsAre("Account:2", "Contact:1"));
    EXPECT_GT(hits[0].rank, hits[1].rank);
}

TEST_P(SearchIndexTest, AllWordsMustMatchWhenARecordHasThemAll) {
    put("Contact", 1, "Alpha", "beta gamma");
    put("Contact", 2, "Alpha", "delta");
    put("Contact", 3, "Beta", "epsilon");
    EXPECT_THAT(keys(search("alpha beta")), ElementsAre("Contact:1"));
}

TEST_P(SearchIndexTest, MoreMatchingWordsRankHigher) {
    // No record has all three words: records with more of them come first.
    put("Contact", 1, "Report", "alpha");
    put("Contact", 2, "Report", "alpha beta");
    put("Contact", 3, "Report", "gamma");
    put("Contact", 4, "Report", "unrelated");
    put("Contact", 5, "Report", "alpha beta gamma extra");
    EXPECT_THAT(keys(search("alpha beta gamma")), ElementsAre("Contact:5"));
    auto hits = keys(search("alpha beta zeta"));
    ASSERT_EQ(hits.size(), 3u) << ::testing::PrintToString(hits);
    EXPECT_THAT(std::vector<std::string>(hits.begin(), hits.begin() + 2),
                UnorderedElementsAre("Contact:2", "Contact:5"));
    EXPECT_EQ(hits[2], "Contact:1");
    // The same word more often, in a text of the same length, ranks higher too.
    put("Deal", 10, "Offer", "widget one two three four");
    put("Deal", 11, "Offer", "widget widget widget four five");
    EXPECT_THAT(keys(search("widget")), ElementsAre("Deal:11", "Deal:10"));
}

TEST_P(SearchIndexTest, LastWordMatchesAsPrefix) {
    put("Account", 1, "Acme Corp", "anvils and rockets");
    put("Account", 2, "Acumen Partners", "consulting");
    put("Contact", 3, "Wile Runner", "buys from acme");
    EXPECT_THAT(keys(search("Acm")), ElementsAre("Account:1", "Contact:3"));
    EXPECT_THAT(keys(search("acme co")), ElementsAre("Account:1"));
    EXPECT_THAT(keys(search("ACME CORP")), ElementsAre("Account:1"));
    // Only the last word is a prefix.
    EXPECT_THAT(keys(search("acm xyzzy")), IsEmpty());
    EXPECT_THAT(keys(search("rockets acm")), ElementsAre("Account:1"));
    EXPECT_THAT(keys(search("rocket")), ElementsAre("Account:1"));
}

TEST_P(SearchIndexTest, DiacriticsAreIgnored) {
    put("Contact", 1, "Jürgen Müller", "Straße 5, Zürich");
    put("Contact", 2, "Zoë Muller", "Genève");
    put("Contact", 3, "François Ærøskøbing", "Łódź");
    EXPECT_THAT(keys(search("Muller")), UnorderedElementsAre("Contact:1", "Contact:2"));
    EXPECT_THAT(keys(search("müller")), UnorderedElementsAre("Contact:1", "Contact:2"));
    EXPECT_THAT(keys(search("jurgen")), ElementsAre("Contact:1"));
    EXPECT_THAT(keys(search("zurich")), ElementsAre("Contact:1"));
    EXPECT_THAT(keys(search("geneve")), ElementsAre("Contact:2"));
    EXPECT_THAT(keys(search("zoe")), ElementsAre("Contact:2"));
    EXPECT_THAT(keys(search("francois")), ElementsAre("Contact:3"));
    // Letters with a stroke are letters of their own to SQLite's unicode61 (only PostgreSQL's
    // unaccent maps ł to l), but their accented neighbours still fold.
    EXPECT_THAT(keys(search("łodz")), ElementsAre("Contact:3"));
    EXPECT_THAT(keys(search("Straße")), ElementsAre("Contact:1"));
}

TEST_P(SearchIndexTest, EntitiesNotListedAreInvisible) {
    put("Contact", 1, "Shared Word", "");
    put("Account", 1, "Shared Word", "");
    put("Deal", 1, "Shared Word", "");
    EXPECT_THAT(keys(search("shared", {"Contact", "Deal"})),
                UnorderedElementsAre("Contact:1", "Deal:1"));
    EXPECT_THAT(keys(search("shared", {"Account"})), ElementsAre("Account:1"));
    EXPECT_THAT(keys(search("shared", std::vector<std::string>{})), IsEmpty());
    EXPECT_THAT(keys(search("shared", {"Lead"})), IsEmpty());
}

TEST_P(SearchIndexTest, ConditionsRestrictByOwnerAndTeam) {
    put("Contact", 1, "Anna Owned", "", /*owner=*/7, /*team=*/1);
    put("Contact", 2, "Anna Other", "", /*owner=*/8, /*team=*/1);
    put("Contact", 3, "Anna Team", "", /*owner=*/9, /*team=*/2);
    put("Account", 4, "Anna Corp", "", /*owner=*/9, /*team=*/3);

    kernel::SqlParams params;
    std::string own = "si.owner_id = " + params.add(std::int64_t{7});
    std::string team = "si.team_id = " + params.add(std::int64_t{2});
    std::vector<kernel::SearchVisibility> visible{{"Contact", own + " OR " + team},
                                                  {"Account", "1 = 0"}};
    EXPECT_THAT(keys(search("anna", visible, params)),
                UnorderedElementsAre("Contact:1", "Contact:3"));

    kernel::SqlParams none;
    EXPECT_THAT(keys(search("anna", {{"Contact", "1 = 0"}}, none)), IsEmpty());

    kernel::SqlParams mixed;
    std::string mine = "si.owner_id = " + mixed.add(std::int64_t{8});
    EXPECT_THAT(keys(search("anna", {{"Contact", mine}, {"Account", ""}}, mixed)),
                UnorderedElementsAre("Contact:2", "Account:4"));
}

TEST_P(SearchIndexTest, RemoveAndPutAgain) {
    put("Contact", 1, "Grace Hopper", "compiler pioneer");
    put("Contact", 2, "Grace Kelly", "actress");
    remove("Contact", 1);
    EXPECT_THAT(keys(search("grace")), ElementsAre("Contact:2"));
    EXPECT_THAT(keys(search("compiler")), IsEmpty());

    put("Contact", 1, "Grace Brewster Hopper", "admiral");
    EXPECT_THAT(keys(search("admiral")), ElementsAre("Contact:1"));
    EXPECT_THAT(keys(search("compiler")), IsEmpty());

    // Putting again replaces text, owner and team.
    put("Contact", 1, "Rear Admiral Hopper", "navy", /*owner=*/5, /*team=*/6);
    EXPECT_THAT(keys(search("brewster")), IsEmpty());
    kernel::SqlParams params;
    std::string own = "si.owner_id = " + params.add(std::int64_t{5});
    EXPECT_THAT(keys(search("hopper", {{"Contact", own}}, params)), ElementsAre("Contact:1"));

    // Removing what is not there is no error.
    remove("Contact", 99);
    remove("Lead", 1);
}

TEST_P(SearchIndexTest, OwnerChangesApplyToTitleAndTextMatches) {
    put("Contact", 1, "Zebedee Quirk", "zither", /*owner=*/5, /*team=*/1);
    put("Contact", 1, "Zebedee Quirk", "zither", /*owner=*/6, /*team=*/1);
    for (const char* text : {"zebedee", "zebedee qui", "zeb", "zither"}) {
        kernel::SqlParams old;
        std::string was = "si.owner_id = " + old.add(std::int64_t{5});
        EXPECT_THAT(keys(search(text, {{"Contact", was}}, old)), IsEmpty()) << text;
        kernel::SqlParams now;
        std::string is = "si.owner_id = " + now.add(std::int64_t{6});
        EXPECT_THAT(keys(search(text, {{"Contact", is}}, now)), ElementsAre("Contact:1")) << text;
    }
}

TEST_P(SearchIndexTest, SeveralWordsMatchInTitles) {
    put("Contact", 1, "Anna Chevalier", "");
    put("Contact", 2, "Anna Schmidt", "met Chevalier");
    put("Contact", 3, "Bob Chevalier", "");
    put("Contact", 4, "Anna-Lena Chevy", "");
    EXPECT_THAT(keys(search("anna chev")), ElementsAre("Contact:1", "Contact:4", "Contact:2"));
    EXPECT_THAT(keys(search("chevalier anna")), ElementsAre("Contact:1", "Contact:2"));
    EXPECT_THAT(keys(search("lena anna")), ElementsAre("Contact:4"));
    EXPECT_THAT(keys(search("anna chevy")), ElementsAre("Contact:4"));
}

TEST_P(SearchIndexTest, PutManyAddsEntriesInOneGo) {
    std::vector<kernel::SearchIndex::Entry> entries;
    for (int i = 1; i <= 500; ++i) {
        entries.push_back({"Contact", i, "Bulk Person " + std::to_string(i),
                           "imported row " + std::to_string(i), i % 3, 1});
    }
    entries.push_back({"Account", 1, "Bulk Müller GmbH", "", 0, 0});
    index().putMany(entries);
    EXPECT_THAT(keys(search("person 250")), ElementsAre("Contact:250"));
    EXPECT_THAT(keys(search("muller gmbh")), ElementsAre("Account:1"));
    EXPECT_EQ(search("bulk", {"Contact", "Account"}, 100).size(), 100u);
    kernel::SqlParams params;
    std::string own = "si.owner_id = " + params.add(std::int64_t{2});
    auto owned = search("imported", {{"Contact", own}}, params, 100);
    EXPECT_EQ(owned.size(), 100u);
    for (const auto& hit : owned) {
        EXPECT_EQ(hit.id % 3, 2) << hit.id;
    }
    index().putMany({});
    db().withTransaction([&](Poco::Data::Session& session) { index().clear(session, "Contact"); });
    index().putMany({{"Contact", 7, "Rebuilt Entry", "", 1, 1}});
    EXPECT_THAT(keys(search("bulk")), ElementsAre("Account:1"));
    EXPECT_THAT(keys(search("rebuilt")), ElementsAre("Contact:7"));
}

TEST_P(SearchIndexTest, ClearRemovesOneEntity) {
    put("Contact", 1, "Common Name", "");
    put("Contact", 2, "Common Name", "");
    put("Account", 1, "Common Name", "");
    db().withTransaction([&](Poco::Data::Session& session) { index().clear(session, "Contact"); });
    EXPECT_THAT(keys(search("common")), ElementsAre("Account:1"));
    put("Contact", 1, "Common Name", "");
    EXPECT_THAT(keys(search("common")), UnorderedElementsAre("Account:1", "Contact:1"));
}

TEST_P(SearchIndexTest, PutJoinsTheCallersTransaction) {
    put("Contact", 1, "Kept Entry", "");
    EXPECT_THROW(db().withTransaction([&](Poco::Data::Session& session) {
        index().put(session, "Contact", 2, "Rolled Entry", "", 1, 1);
        index().remove(session, "Contact", 1);
        throw std::runtime_error("the record write failed");
    }),
                 std::runtime_error);
    EXPECT_THAT(keys(search("entry")), ElementsAre("Contact:1"));
}

TEST_P(SearchIndexTest, BlankTextFindsNothing) {
    put("Contact", 1, "Someone", "something");
    for (const char* text : {"", " ", "\t\n ", "***", "\"\"", "- - -", "()"}) {
        EXPECT_THAT(search(text), IsEmpty()) << "text: " << text;
    }
}

TEST_P(SearchIndexTest, LimitIsClampedBetweenOneAndHundred) {
    db().withTransaction([&](Poco::Data::Session& session) {
        for (int i = 1; i <= 130; ++i) {
            index().put(session, "Contact", i, "Person " + std::to_string(i), "team member", 1, 1);
        }
    });
    EXPECT_EQ(search("member", {"Contact"}, 0).size(), 1u);
    EXPECT_EQ(search("member", {"Contact"}, -5).size(), 1u);
    EXPECT_EQ(search("member", {"Contact"}, 7).size(), 7u);
    EXPECT_EQ(search("member", {"Contact"}, 1000).size(), 100u);
}

TEST_P(SearchIndexTest, HitsCarryTitleAndPlainSnippet) {
    std::string body = "Opening remarks. ";
    for (int i = 0; i < 40; ++i) {
        body += "filler" + std::to_string(i) + " ";
    }
    body += "The <b>quarterly</b> budget review & \"planning\" happened here. ";
    for (int i = 0; i < 40; ++i) {
        body += "more" + std::to_string(i) + " ";
    }
    put("Deal", 5, "Budget <Deal>", body);
    auto hits = search("quarterly budget");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].entity, "Deal");
    EXPECT_EQ(hits[0].id, 5);
    EXPECT_EQ(hits[0].title, "Budget <Deal>");
    const std::string& snippet = hits[0].snippet;
    EXPECT_NE(snippet.find("quarterly</b> budget review"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.rfind("…", 0), 0u) << "cut at the start: " << snippet;
    EXPECT_LT(snippet.size(), 200u) << snippet;
    EXPECT_EQ(snippet.find("filler0 "), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find('\n'), std::string::npos);

    put("Deal", 6, "Budget only in title", "short body");
    auto titleOnly = search("budget title");
    ASSERT_EQ(titleOnly.size(), 1u);
    EXPECT_EQ(titleOnly[0].snippet, "short body");
}

TEST_P(SearchIndexTest, MatchConditionFiltersARealQuery) {
    auto session = db().session();
    kernel::Sql::execute(db(), session,
                         "CREATE TABLE crm_contact (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
    for (int id = 1; id <= 5; ++id) {
        kernel::Sql::execute(db(), session, "INSERT INTO crm_contact (id, name) VALUES ($1, $2)",
                             {std::int64_t{id}, "c" + std::to_string(id)});
    }
    put("Contact", 1, "Acme Buyer", "");
    put("Contact", 2, "Other Person", "works at acme");
    put("Contact", 3, "Globex Buyer", "");
    put("Account", 4, "Acme Corp", "");  // another entity with an id the table has

    kernel::SqlParams params;
    std::string before = "t.id > " + params.add(std::int64_t{0});
    std::string condition = index().matchCondition("Contact", "t.id", "acm", params);
    auto rows = kernel::Sql::query(
        db(), session,
        "SELECT t.id FROM crm_contact t WHERE " + before + " AND " + condition + " ORDER BY t.id",
        params.values());
    std::vector<std::int64_t> ids;
    for (const auto& row : rows.rows) {
        ids.push_back(kernel::asInt(row[0]));
    }
    EXPECT_THAT(ids, ElementsAre(1, 2));

    kernel::SqlParams both;
    auto buyers = kernel::Sql::query(db(), session,
                                     "SELECT count(*) FROM crm_contact t WHERE " +
                                         index().matchCondition("Contact", "t.id", "buyer", both),
                                     both.values());
    EXPECT_EQ(kernel::asInt(buyers.rows[0][0]), 2);

    kernel::SqlParams blank;
    auto none = kernel::Sql::query(db(), session,
                                   "SELECT count(*) FROM crm_contact t WHERE " +
                                       index().matchCondition("Contact", "t.id", " \"* ", blank),
                                   blank.values());
    EXPECT_EQ(kernel::asInt(none.rows[0][0]), 0);
    kernel::Sql::execute(db(), session, "DROP TABLE crm_contact");
}

TEST_P(SearchIndexTest, TitleSubstringsOnPostgres) {
    put("Account", 1, "Umbrella Company", "");
    put("Account", 2, "Initech", "software company");
    auto hits = search("ompan");
    if (backend() == kernel::Backend::Postgres) {
        // Whole words first; a substring search of titles only when words found nothing.
        EXPECT_THAT(keys(hits), ElementsAre("Account:1"));
        EXPECT_THAT(keys(search("company")), ElementsAre("Account:1", "Account:2"));
        EXPECT_THAT(keys(search("brell comp")), ElementsAre("Account:1"));
    } else {
        // SQLite matches words and word prefixes only.
        EXPECT_THAT(keys(hits), IsEmpty());
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchIndexTest,
                         ::testing::Values(kernel::Backend::Sqlite, kernel::Backend::Postgres),
                         backendParamName);

}  // namespace
}  // namespace tessera::test
