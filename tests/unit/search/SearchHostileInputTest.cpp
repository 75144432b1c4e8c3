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

/// Text typed into a search box is data: no quote, operator or byte sequence may cause an
/// error or let through rows that do not hold the words.
class SearchHostileInputTest : public SearchTest {
protected:
    void SetUp() override {
        SearchTest::SetUp();
        put("Account", 1, "Acme Corp", "rockets plus anvils");
        put("Contact", 2, "Road Runner", "fast bird");
        put("Contact", 3, "Wile Coyote", "genius", /*owner=*/9);
    }

    /// Searches as a user who may only see Contact entries they own (owner 1) and all
    /// Accounts.
    std::vector<std::string> restricted(const std::string& text) {
        kernel::SqlParams params;
        std::string own = "si.owner_id = " + params.add(std::int64_t{1});
        return keys(search(text, {{"Contact", own}, {"Account", ""}}, params));
    }

    std::int64_t entries() {
        auto session = db().session();
        const char* table =
            backend() == kernel::Backend::Sqlite ? "tessera_search_doc" : "tessera_search";
        return kernel::asInt(
            kernel::Sql::scalar(db(), session, std::string("SELECT count(*) FROM ") + table));
    }
};

TEST_P(SearchHostileInputTest, OperatorsAndQuotesAreOnlySeparators) {
    const std::vector<std::string> nothing{"\"",
                                           "'",
                                           "*",
                                           "NEAR(",
                                           ") OR 1=1 --",
                                           "\" OR \"\"=\"",
                                           "' OR ''='",
                                           "NOT",
                                           "AND",
                                           "OR",
                                           "-",
                                           "^",
                                           "{title}:",
                                           ":*",
                                           "!",
                                           "&",
                                           "|",
                                           "\\",
                                           "%",
                                           "_",
                                           "$1",
                                           "?1",
                                           "?",
                                           "(((",
                                           ")))",
                                           "NEAR(\"a\" \"b\", 2)",
                                           "'; DROP TABLE tessera_search; --",
                                           "<->",
                                           "\"\"*",
                                           "''",
                                           "*:",
                                           "@@",
                                           "~~",
                                           "1=1",
                                           "or 1=1"};
    for (const auto& text : nothing) {
        EXPECT_THAT(restricted(text), IsEmpty()) << "text: " << text;
    }
    const std::vector<std::string> acme{"acme*",           "\"acme",
                                        "acme\"",          "'acme'",
                                        "-acme",           "acme -corp",
                                        "NOT acme",        "^acme",
                                        "{title}: acme",   "title:acme",
                                        "acme:*",          "acme:A",
                                        "!acme",           "acme & (",
                                        "(acme)",          "acme AND",
                                        "acme NEAR(",      "acme OR",
                                        "acme' OR '1'='1", "acme\") OR (\"x",
                                        "acme%",           "%acme%",
                                        "acme_",           "ac'me",
                                        "a\"cme",          "acme; DELETE FROM tessera_search",
                                        "acme -- comment", "acme /* */",
                                        "acme\\",          "acme $1",
                                        "acme ?1"};
    for (const auto& text : acme) {
        auto hits = restricted(text);
        for (const auto& key : hits) {
            EXPECT_EQ(key, "Account:1") << "text: " << text;
        }
    }
    // Operators are words like any other when they are in the text.
    put("Account", 4, "Near Or Not And", "");
    EXPECT_THAT(restricted("near OR not AND"), ElementsAre("Account:4"));
    EXPECT_EQ(entries(), 4);
}

TEST_P(SearchHostileInputTest, RestrictedRowsStayHiddenWhateverTheText) {
    for (const char* text : {"coyote", "coyote OR 1=1", "coyote' OR '1'='1", "\" OR coyote",
                             "genius*", ") OR si.owner_id = 9 OR (", "wile coyote genius"}) {
        EXPECT_THAT(restricted(text), IsEmpty()) << "text: " << text;
    }
    EXPECT_THAT(keys(search("coyote")), ElementsAre("Contact:3"));
}

TEST_P(SearchHostileInputTest, HugeControlAndInvalidTextIsHarmless) {
    const std::vector<std::string> texts{
        std::string(100000, 'a'),
        std::string(100000, '"'),
        [] {
            std::string s;
            for (int i = 0; i < 20000; ++i) {
                s += "acme ";
            }
            return s;
        }(),
        [] {
            std::string s;
            for (int i = 0; i < 10000; ++i) {
                s += "w" + std::to_string(i) + " ";
            }
            return s;
        }(),
        std::string("\x01\x02\x03"
                    "acme\x7f\x1b",
                    9),
        std::string("acme\0corp", 9),
        "\xff\xfe"
        "acme\xc3",
        "\xc3\x28 \xa0\xa1 \xe2\x82 \xf0\x28\x8c\x28",
        "\xed\xa0\x80 acme",  // an encoded surrogate
        "\xc0\xafroad",       // overlong "/"
        "acme\xe2\x80\x8b\xe2\x80\xae"
        "corp",  // zero-width space, right-to-left override
        "\xef\xbb\xbf"
        "acme",  // byte-order mark
    };
    for (const auto& text : texts) {
        std::vector<std::string> hits;
        EXPECT_NO_THROW(hits = restricted(text)) << "text of " << text.size() << " bytes";
        for (const auto& key : hits) {
            EXPECT_TRUE(key == "Account:1" || key == "Contact:2") << key;
        }
    }
    EXPECT_THAT(restricted(std::string("\x01\x02\x03"
                                       "acme\x7f\x1b",
                                       9)),
                ElementsAre("Account:1"));
    EXPECT_THAT(restricted("\xc0\xafroad"), ElementsAre("Contact:2"));
}

TEST_P(SearchHostileInputTest, StoredTextIsCleaned) {
    put("Contact", 10, std::string("Nul\0Byte Person", 15), "bad \xff\xfe utf8 \x01 here");
    put("Contact", 11, std::string(5000, 'x') + " Longtitle",
        std::string(300000, 'y') + " beyondthelimit");
    EXPECT_THAT(keys(search("byte person")), ElementsAre("Contact:10"));
    EXPECT_THAT(keys(search("utf8 here")), ElementsAre("Contact:10"));
    // Text beyond the stored limits is not searchable.
    EXPECT_THAT(keys(search("beyondthelimit")), IsEmpty());
    EXPECT_THAT(keys(search("longtitle")), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchHostileInputTest,
                         ::testing::Values(kernel::Backend::Sqlite, kernel::Backend::Postgres),
                         backendParamName);

}  // namespace
}  // namespace tessera::test
