#include <string>

#include <gtest/gtest.h>

#include "SearchQuery.hpp"
#include "SearchText.hpp"
#include "Snippet.hpp"

namespace tessera::kernel::detail {
namespace {

TEST(SearchQueryTest, KeepsOnlyWordsAndMarksTheLastAsPrefix) {
    auto query = SearchQuery::parse("  \"Acme\" AND (corp*) -- ");
    ASSERT_EQ(query.words().size(), 3u);
    EXPECT_EQ(query.fts5(false), R"("Acme" "AND" "corp"*)");
    EXPECT_EQ(query.fts5(true), R"("Acme" OR "AND" OR "corp"*)");
    EXPECT_EQ(query.tsquery(false), "'Acme' & 'AND' & 'corp':*");
    EXPECT_EQ(query.tsquery(true), "'Acme' | 'AND' | 'corp':*");
}

TEST(SearchQueryTest, OneLetterLastWordIsNotAPrefix) {
    EXPECT_EQ(SearchQuery::parse("john s").fts5(false), R"("john" "s")");
    EXPECT_EQ(SearchQuery::parse("jo").fts5(false), R"("jo"*)");
}

TEST(SearchQueryTest, DropsRepeatedWordsAndLimitsCount) {
    EXPECT_EQ(SearchQuery::parse("Müller muller MÜLLER x").tsquery(false), "'Müller' & 'x'");
    std::string many;
    for (int i = 0; i < 50; ++i) {
        many += "w" + std::to_string(i) + " ";
    }
    EXPECT_EQ(SearchQuery::parse(many).words().size(), SearchQuery::kMaxWords);
}

TEST(SearchQueryTest, CutsLongWordsAndMatchesThemAsPrefixes) {
    auto query = SearchQuery::parse(std::string(1000, 'a') + " b");
    ASSERT_EQ(query.words().size(), 2u);
    EXPECT_EQ(query.words()[0].text.size(), SearchQuery::kMaxWordBytes);
    EXPECT_TRUE(query.words()[0].prefix);
    EXPECT_FALSE(query.words()[1].prefix);
    // A cut never splits a character.
    std::string umlauts;
    for (int i = 0; i < 100; ++i) {
        umlauts += "ü";
    }
    auto cut = SearchQuery::parse(umlauts + "a");
    EXPECT_EQ(cut.words()[0].text.size(), 64u);
    EXPECT_EQ(SearchText::clean(cut.words()[0].text, 1000), cut.words()[0].text);
}

TEST(SearchQueryTest, NothingButSeparatorsIsEmpty) {
    for (const char* text :
         {"", "   ", "\"'*()-:^&|!<>", "\xff\xfe\xfd", "\xe2\x80\x94 \xe2\x82\xac"}) {
        EXPECT_TRUE(SearchQuery::parse(text).empty()) << text;
    }
}

TEST(SearchQueryTest, SubstringPatternsNeedThreeCharacters) {
    EXPECT_EQ(SearchQuery::parse("ompan inc").substringPatterns(),
              (std::vector<std::string>{"%ompan%", "%inc%"}));
    EXPECT_TRUE(SearchQuery::parse("ompan in").substringPatterns().empty());
    EXPECT_EQ(SearchQuery::parse("Zoë").substringPatterns(), (std::vector<std::string>{"%Zoë%"}));
}

TEST(SearchTextTest, WordsFollowUnicodeLetters) {
    std::string text = "Zoë O'Neil, İstanbul — 東京 €5 naïve_user@example.com";
    std::vector<std::string> words;
    for (auto span : SearchText::words(text, 100)) {
        words.push_back(text.substr(span.begin, span.end - span.begin));
    }
    EXPECT_EQ(words, (std::vector<std::string>{"Zoë", "O", "Neil", "İstanbul", "東京", "5", "naïve",
                                               "user", "example", "com"}));
}

TEST(SearchTextTest, FoldRemovesCaseAndCommonDiacritics) {
    EXPECT_EQ(SearchText::fold("MÜLLER"), "muller");
    EXPECT_EQ(SearchText::fold("François Łódź Ærø"), "francois lodz ærø");
    EXPECT_EQ(SearchText::fold("ΑΘΗΝΑ Москва"), "αθηνα москва");
}

TEST(SearchTextTest, CleanMakesValidUtf8WithoutControls) {
    EXPECT_EQ(SearchText::clean(std::string("a\0b\x01"
                                            "c\td\ne",
                                            9),
                                100),
              "a b c\td\ne");
    EXPECT_EQ(SearchText::clean("x\xff"
                                "y",
                                100),
              "x\xef\xbf\xbdy");
    EXPECT_EQ(SearchText::clean("\xed\xa0\x80", 100), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    EXPECT_EQ(SearchText::clean("äöü", 5), "äö");
}

TEST(SnippetTest, ShowsTheWindowWithMostQueryWords) {
    std::string text =
        "Alpha beta. gamma delta epsilon zeta eta theta iota kappa lambda mu nu "
        "xi omicron pi rho sigma tau upsilon phi chi psi omega";
    auto query = SearchQuery::parse("sigma up");
    EXPECT_EQ(Snippet::make(text, query), "…pi rho sigma tau upsilon phi chi psi omega");
    EXPECT_EQ(Snippet::make(text, SearchQuery::parse("nothing")),
              "Alpha beta. gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi…");
    EXPECT_EQ(Snippet::make("Straße\n\n  in   Zürich", SearchQuery::parse("zurich")),
              "Straße in Zürich");
    EXPECT_EQ(Snippet::make("", query), "");
}

}  // namespace
}  // namespace tessera::kernel::detail
