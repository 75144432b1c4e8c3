#include <gtest/gtest.h>

#include <tessera/sdk/SemVer.hpp>
#include <tessera/sdk/VersionRange.hpp>

using tessera::sdk::SemVer;
using tessera::sdk::VersionRange;

namespace {

SemVer v(const char* text) {
    auto parsed = SemVer::parse(text);
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(SemVer{});
}

}  // namespace

TEST(SemVer, ParsesFullVersionsOnly) {
    EXPECT_EQ(v("1.2.3").toString(), "1.2.3");
    EXPECT_EQ(v("1.0.0-beta.2").preRelease(), "beta.2");
    EXPECT_EQ(v("1.0.0+build.5").toString(), "1.0.0");
    for (const char* bad : {"", "1", "1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.2.x", "1.2.3-",
                            "1..3", "-1.2.3", "1.2.3-be ta", "99999999999.0.0"}) {
        EXPECT_FALSE(SemVer::parse(bad).has_value()) << "'" << bad << "' was accepted";
    }
}

TEST(SemVer, OrdersByPrecedence) {
    EXPECT_LT(v("1.2.3"), v("1.10.0"));
    EXPECT_LT(v("1.0.0-alpha"), v("1.0.0"));
    EXPECT_LT(v("1.0.0-alpha"), v("1.0.0-alpha.1"));
    EXPECT_LT(v("1.0.0-alpha.1"), v("1.0.0-alpha.beta"));
    EXPECT_LT(v("1.0.0-beta.2"), v("1.0.0-beta.11"));
    EXPECT_LT(v("1.0.0-rc.1"), v("1.0.0"));
    EXPECT_EQ(v("2.0.0"), v("2.0.0+other"));
    EXPECT_GT(v("2.0.0"), v("1.99.99"));
}

TEST(VersionRange, MatchesComparatorsAndAlternatives) {
    auto range = VersionRange::parse(">=1.0 <2");
    ASSERT_TRUE(range);
    EXPECT_TRUE(range->contains(v("1.0.0")));
    EXPECT_TRUE(range->contains(v("1.9.9")));
    EXPECT_FALSE(range->contains(v("2.0.0")));
    EXPECT_FALSE(range->contains(v("0.9.9")));

    auto caret = VersionRange::parse("^1.2");
    ASSERT_TRUE(caret);
    EXPECT_TRUE(caret->contains(v("1.5.0")));
    EXPECT_FALSE(caret->contains(v("1.1.9")));
    EXPECT_FALSE(caret->contains(v("2.0.0")));

    auto tilde = VersionRange::parse("~1.2");
    ASSERT_TRUE(tilde);
    EXPECT_TRUE(tilde->contains(v("1.2.7")));
    EXPECT_FALSE(tilde->contains(v("1.3.0")));

    auto either = VersionRange::parse("<1 || >=3.1.0");
    ASSERT_TRUE(either);
    EXPECT_TRUE(either->contains(v("0.5.0")));
    EXPECT_FALSE(either->contains(v("2.0.0")));
    EXPECT_TRUE(either->contains(v("3.1.0")));

    auto exact = VersionRange::parse("1.4.2");
    ASSERT_TRUE(exact);
    EXPECT_TRUE(exact->contains(v("1.4.2")));
    EXPECT_FALSE(exact->contains(v("1.4.3")));

    auto any = VersionRange::parse("*");
    ASSERT_TRUE(any);
    EXPECT_TRUE(any->contains(v("7.0.0")));
}

TEST(VersionRange, RejectsMalformedRangesWithAReason) {
    for (const char* bad : {"", "   ", ">=", "=>1.0", ">=1.0 ||", "|| 1.0", "1.2.3.4", "abc",
                            ">=1.0.0.0"}) {
        std::string error;
        EXPECT_FALSE(VersionRange::parse(bad, &error).has_value()) << "'" << bad << "'";
        EXPECT_FALSE(error.empty()) << "no reason for '" << bad << "'";
    }
}
