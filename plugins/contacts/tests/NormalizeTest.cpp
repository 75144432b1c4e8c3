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
