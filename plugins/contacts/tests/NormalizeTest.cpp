#include <gtest/gtest.h>

#include "Normalize.hpp"

using namespace contacts;

TEST(NormalizeTest, EmailsArTrimmedAndLowered) {
    EXPECT_EQ(normalizeEmail("  Anna.Schmidt@Example.COM "), "anna.schmidt@example.com");
    EXPECT_EQ(normalizeEmail("no-at-sign"), "");
    EXPECT_EQ(normalizeEmail("@example.com"), "");
}

TEST(NormalizeTest, PhonesKeepDigitsAndTheCountryPrefix) {
    EXPECT_EQ(normalizePhone("+49 (30) 123-45 67"), "+49301234567");
    EXPECT_EQ(normalizePhone("0049 30 1234567"), "+49301234567");
    EXPECT_EQ(normalizePhone("030 / 12 34 56"), "03012" "3456");
    EXPECT_EQ(normalizePhone("12"), "");
}

TEST(NormalizeTest, DomainsComeFromUrlsAndCompanyMail) {
    EXPECT_EQ(domainOf("https://www.Acme.com/about?x=1"), "acme.com");
    EXPECT_EQ(domainOf("acme.co.uk"), "acme.co.uk");
    EXPECT_EQ(domainOf("localhost"), "");
    EXPECT_EQ(companyDomainOfEmail("jo@acme.com"), "acme.com");
    EXPECT_EQ(companyDomainOfEmail("jo@gmail.com"), "");
}

TEST(NormalizeTest, NameKeysFoldAccentsAndLegalForms) {
    EXPECT_EQ(nameKey("  Müller & Söhne GmbH ", true), "mueller soehne");
    EXPECT_EQ(nameKey("ACME, Inc.", true), "acme");
    EXPECT_EQ(nameKey("Chloé  Dubois", false), "chloe dubois");
    EXPECT_DOUBLE_EQ(nameSimilarity("Acme Inc.", "ACME Ltd", true), 1.0);
    EXPECT_GT(nameSimilarity("Jonathan Smith", "Jonathon Smith", false), 0.9);
    EXPECT_LT(nameSimilarity("Jonathan Smith", "Maria Garcia", false), 0.6);
    EXPECT_EQ(nameSimilarity("", "Acme", true), 0.0);
}

TEST(NormalizeTest, SimilarNamesSurviveCaseAccentsPunctuationOrderAndTypos) {
    EXPECT_DOUBLE_EQ(nameMatch("Smith, John", "john SMITH", false), 1.0);
    EXPECT_DOUBLE_EQ(nameMatch("Chloé Dubois", "Chloe Dubois", false), 1.0);
    EXPECT_DOUBLE_EQ(nameMatch("Peter Müller", "Peter Mueller", false), 1.0);
    EXPECT_DOUBLE_EQ(nameMatch("Jonathan Smith", "Jonathon Smith", false), 0.9);
    EXPECT_DOUBLE_EQ(nameMatch("Jonathan Smith", "Jonathon Smyth", false), 0.85);
    EXPECT_EQ(nameMatch("Jon Smith", "Jan Smith", false), 0.0);  // too short for a typo
    EXPECT_DOUBLE_EQ(nameMatch("J. Smith", "John Smith", false), 0.85);
    EXPECT_DOUBLE_EQ(nameMatch("Anna Maria Schmidt", "Anna Schmidt", false), 0.75);
    EXPECT_DOUBLE_EQ(nameMatch("ACME, Inc.", "Acme GmbH", true), 1.0);
    EXPECT_DOUBLE_EQ(nameMatch("Globex Industries", "Globex Industires", true), 0.9);
    // Not the same: different people sharing a surname, another company with a shared word.
    EXPECT_EQ(nameMatch("John Smith", "Jane Smith", false), 0.0);
    EXPECT_EQ(nameMatch("Anna Schmidt", "Hanna Schmitz", false), 0.0);
    EXPECT_EQ(nameMatch("Globex", "Globex Europe", true), 0.0);
    EXPECT_EQ(nameMatch("Initech", "Initrode", true), 0.0);
    EXPECT_EQ(nameMatch("A. B.", "Anna Berg", false), 0.0);
    EXPECT_EQ(nameMatch("", "Anna", false), 0.0);
    EXPECT_EQ(editDistance("smith", "smiht"), 1u);
    EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}
