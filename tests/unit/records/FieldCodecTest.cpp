#include <gtest/gtest.h>

#include <tessera/kernel/records/FieldCodec.hpp>

using namespace tessera::kernel;

namespace {

FieldDef field(FieldType type) {
    FieldDef f;
    f.name = "f";
    f.type = type;
    if (type == FieldType::Text || type == FieldType::Email || type == FieldType::Url) {
        f.maxLength = 255;
    }
    return f;
}

nlohmann::json ok(FieldType type, const nlohmann::json& value) {
    auto n = FieldCodec::normalize(field(type), value);
    EXPECT_TRUE(n.ok()) << value.dump() << ": " << n.error;
    return n.value;
}

std::string error(FieldType type, const nlohmann::json& value) {
    auto n = FieldCodec::normalize(field(type), value);
    EXPECT_FALSE(n.ok()) << value.dump() << " was accepted as " << n.value.dump();
    return n.error;
}

}  // namespace

TEST(FieldCodec, DateTimesBecomeUtc) {
    EXPECT_EQ(ok(FieldType::DateTime, "2026-03-01T10:15:00+02:00"), "2026-03-01T08:15:00Z");
    EXPECT_EQ(ok(FieldType::DateTime, "2026-03-01 01:30-0300"), "2026-03-01T04:30:00Z");
    EXPECT_EQ(ok(FieldType::DateTime, "2024-03-01T00:30:00+01:00"), "2024-02-29T23:30:00Z");
    EXPECT_EQ(ok(FieldType::DateTime, "2025-12-31T23:59:59.999-01:00"), "2026-01-01T00:59:59Z");
    EXPECT_EQ(ok(FieldType::DateTime, "2026-07-04T12:00Z"), "2026-07-04T12:00:00Z");
    for (const char* bad : {"2026-02-29T10:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
                            "2026-01-01", "2026-01-01T10:00:00+25:00", "2026-01-01T10:00:00 UTC",
                            "tomorrow", "2026-01-01T10:60"}) {
        EXPECT_NE(error(FieldType::DateTime, bad).find("date and time"), std::string::npos) << bad;
    }
}

TEST(FieldCodec, DatesAreCalendarDates) {
    EXPECT_EQ(ok(FieldType::Date, "2000-02-29"), "2000-02-29");
    EXPECT_EQ(ok(FieldType::Date, " 2026-01-31 "), "2026-01-31");
    for (const char* bad : {"1900-02-29", "2026-04-31", "2026-1-5", "20260105", "0000-01-01"}) {
        EXPECT_EQ(error(FieldType::Date, bad), "must be a date like 2026-03-31") << bad;
    }
}

TEST(FieldCodec, EmailsPhonesAndUrls) {
    EXPECT_EQ(ok(FieldType::Email, " Anna.Müller+crm@Example.CO.uk "), "anna.müller+crm@example.co.uk");
    for (const char* bad : {"anna", "anna@", "@example.com", "a@b", "a b@example.com", "a@@b.com",
                            "a@-x.com", "a@x..com", "a@x.com.", "\"a\"@x.com"}) {
        error(FieldType::Email, bad);
    }
    EXPECT_EQ(ok(FieldType::Phone, "+44 (20) 7946-0958 ext. 12"), "+44 (20) 7946-0958 ext. 12");
    EXPECT_EQ(ok(FieldType::Phone, "030 1234567 x9"), "030 1234567 x9");
    for (const char* bad : {"call me", "12", "+44 20 79460958 ext. abc", "1+2345"}) {
        error(FieldType::Phone, bad);
    }
    EXPECT_EQ(ok(FieldType::Url, "https://Example.com:8443/a?b=c#d"), "https://Example.com:8443/a?b=c#d");
    for (const char* bad : {"example.com", "javascript:alert(1)", "ftp://example.com", "https://localhost",
                            "https://exa mple.com", "http://:80", "https://x.com:99999"}) {
        error(FieldType::Url, bad);
    }
}

TEST(FieldCodec, NumbersMoneyBooleansAndTags) {
    EXPECT_EQ(ok(FieldType::Integer, " 42 "), 42);
    error(FieldType::Integer, "4.5");
    error(FieldType::Integer, "1e3");
    EXPECT_EQ(ok(FieldType::Decimal, "-3.25"), -3.25);
    error(FieldType::Decimal, "NaN");
    error(FieldType::Decimal, 1e20);
    auto money = ok(FieldType::Money, {{"amount", "10.123456"}, {"currency", "usd"}});
    EXPECT_DOUBLE_EQ(money["amount"].get<double>(), 10.1235);
    EXPECT_EQ(money["currency"], "USD");
    error(FieldType::Money, {{"amount", 1}, {"currency", "US"}});
    EXPECT_EQ(ok(FieldType::Boolean, "on"), true);
    EXPECT_EQ(ok(FieldType::Boolean, 0), false);
    error(FieldType::Boolean, "maybe");
    EXPECT_EQ(ok(FieldType::MultiEnum, "b, a, b,,"), nlohmann::json({"b", "a"}));
    error(FieldType::MultiEnum, nlohmann::json::array({std::string(101, 'x')}));
    EXPECT_TRUE(ok(FieldType::Text, "   ").is_null()) << "blank text is no value";
}

TEST(FieldCodec, Utf8) {
    EXPECT_TRUE(FieldCodec::validUtf8("Grüße €  𝄞"));
    EXPECT_FALSE(FieldCodec::validUtf8("\xc3"));
    EXPECT_FALSE(FieldCodec::validUtf8("\xc0\xaf"));        // overlong
    EXPECT_FALSE(FieldCodec::validUtf8("\xed\xa0\x80"));    // surrogate
    EXPECT_FALSE(FieldCodec::validUtf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
    EXPECT_EQ(FieldCodec::utf8Length("Grüße"), 5u);
}
