#include <tessera/kernel/records/FieldCodec.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>

namespace tessera::kernel {

namespace {

using Normalized = FieldCodec::Normalized;

Normalized bad(std::string why) {
    return Normalized{nullptr, std::move(why)};
}

Normalized good(nlohmann::json value) {
    return Normalized{std::move(value), {}};
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

bool hasControlCharacters(const std::string& s, bool allowNewlines) {
    for (unsigned char c : s) {
        if (c < 0x20 && !(allowNewlines && (c == '\n' || c == '\r' || c == '\t'))) {
            return true;
        }
        if (c == 0x7f) {
            return true;
        }
    }
    return false;
}

std::optional<double> number(const nlohmann::json& v) {
    if (v.is_number()) {
        double d = v.get<double>();
        return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
    }
    if (v.is_string()) {
        std::string s = trim(v.get<std::string>());
        double d = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (!s.empty() && ec == std::errc() && end == s.data() + s.size() && std::isfinite(d)) {
            return d;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> integer(const nlohmann::json& v) {
    if (v.is_number_integer()) {
        return v.get<std::int64_t>();
    }
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) {
            return static_cast<std::int64_t>(d);
        }
        return std::nullopt;
    }
    if (v.is_string()) {
        std::string s = trim(v.get<std::string>());
        std::int64_t i = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
        if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) {
            return i;
        }
    }
    return std::nullopt;
}

bool validDate(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) {
        return false;
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string numberText(double value) {
    if (std::floor(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    return nlohmann::json(value).dump();
}

Normalized checkRange(const FieldDef& f, double value) {
    if (f.min && value < *f.min) {
        return bad("must be at least " + numberText(*f.min));
    }
    if (f.max && value > *f.max) {
        return bad("must be at most " + numberText(*f.max));
    }
    return good(nullptr);
}

Normalized text(const FieldDef& f, const nlohmann::json& v, bool multiline) {
    if (!v.is_string()) {
        return bad("must be text");
    }
    std::string s = v.get<std::string>();
    if (!FieldCodec::validUtf8(s)) {
        return bad("is not valid UTF-8 text");
    }
    if (!multiline) {
        s = trim(s);
    }
    if (hasControlCharacters(s, multiline)) {
        return bad(multiline ? "contains control characters"
                             : "must be one line without control characters");
    }
    std::size_t limit = f.maxLength ? static_cast<std::size_t>(*f.maxLength) : 1000000;
    if (FieldCodec::utf8Length(s) > limit) {
        return bad("is longer than " + std::to_string(limit) + " characters");
    }
    if (s.empty()) {
        return good(nullptr);
    }
    return good(s);
}

/// Reads `count` digits at `pos`; -1 when they are not all digits.
int digitsAt(std::string_view s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - static_cast<int>(era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp + (mp < 10 ? 3 : -9);
    y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

bool parseDate(std::string_view s, int& y, int& m, int& d) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    y = digitsAt(s, 0, 4);
    m = digitsAt(s, 5, 2);
    d = digitsAt(s, 8, 2);
    return y >= 0 && m >= 0 && d >= 0 && validDate(y, m, d);
}

Normalized date(const nlohmann::json& v) {
    std::string s = v.is_string() ? trim(v.get<std::string>()) : "";
    int y, m, d;
    if (s.size() != 10 || !parseDate(s, y, m, d)) {
        return bad("must be a date like 2026-03-31");
    }
    return good(s);
}

Normalized dateTime(const nlohmann::json& v) {
    const Normalized invalid = bad("must be a date and time like 2026-03-31T14:30:00Z");
    std::string s = v.is_string() ? trim(v.get<std::string>()) : "";
    int y, mo, d;
    if (s.size() < 16 || !parseDate(s, y, mo, d) || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':') {
        return invalid;
    }
    int h = digitsAt(s, 11, 2);
    int mi = digitsAt(s, 14, 2);
    int sec = 0;
    std::size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        sec = digitsAt(s, pos + 1, 2);
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            std::size_t end = pos + 1;
            while (end < s.size() && s[end] >= '0' && s[end] <= '9') {
                ++end;
            }
            if (end == pos + 1 || end - pos > 10) {
                return invalid;
            }
            pos = end;
        }
    }
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
        return invalid;
    }
    int offsetMinutes = 0;
    if (pos < s.size()) {
        std::string_view zone = std::string_view(s).substr(pos);
        if (zone != "Z") {
            bool colon = zone.size() == 6 && zone[3] == ':';
            if ((zone.size() != 5 && !colon) || (zone[0] != '+' && zone[0] != '-')) {
                return invalid;
            }
            int zh = digitsAt(zone, 1, 2);
            int zm = digitsAt(zone, colon ? 4 : 3, 2);
            if (zh < 0 || zh > 14 || zm < 0 || zm > 59) {
                return invalid;
            }
            offsetMinutes = (zone[0] == '+' ? 1 : -1) * (zh * 60 + zm);
        }
    }
    std::int64_t minutes = daysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offsetMinutes;
    std::int64_t days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    int minuteOfDay = static_cast<int>(minutes - days * 1440);
    civilFromDays(days, y, mo, d);
    if (y < 1 || y > 9999) {
        return invalid;
    }
    char out[64];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, minuteOfDay / 60,
                  minuteOfDay % 60, sec);
    return good(std::string(out));
}

bool isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// A host name: dot-separated labels of letters, digits and inner hyphens, at least two labels.
bool validDomain(std::string_view domain) {
    int labels = 0;
    while (!domain.empty()) {
        auto dot = domain.find('.');
        std::string_view label = domain.substr(0, dot);
        if (label.empty() || label.size() > 63 || !isAlnum(label.front()) ||
            !isAlnum(label.back())) {
            return false;
        }
        for (char c : label) {
            if (!isAlnum(c) && c != '-') {
                return false;
            }
        }
        ++labels;
        domain = dot == std::string_view::npos ? std::string_view{} : domain.substr(dot + 1);
        if (dot != std::string_view::npos && domain.empty()) {
            return false;
        }
    }
    return labels >= 2;
}

Normalized email(const FieldDef& f, const nlohmann::json& v) {
    Normalized t = text(f, v, false);
    if (!t.ok() || t.value.is_null()) {
        return t;
    }
    std::string s = t.value.get<std::string>();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    auto at = s.find('@');
    bool ok = at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
              validDomain(std::string_view(s).substr(at + 1));
    for (std::size_t i = 0; ok && i < at; ++i) {
        ok = std::string_view(" \t\"'<>(),;:\\").find(s[i]) == std::string_view::npos;
    }
    if (!ok) {
        return bad("must be an email address like name@example.com");
    }
    return good(s);
}

Normalized phone(const FieldDef& f, const nlohmann::json& v) {
    Normalized t = text(f, v, false);
    if (!t.ok() || t.value.is_null()) {
        return t;
    }
    std::string s = t.value.get<std::string>();
    // Digits and the usual separators, an optional leading +, and an optional extension.
    std::string_view number = s;
    for (std::string_view mark : {"ext.", "ext", "x"}) {
        auto pos = number.rfind(mark);
        if (pos != std::string_view::npos && pos > 0) {
            std::string_view extension = number.substr(pos + mark.size());
            while (!extension.empty() && extension.front() == ' ') {
                extension.remove_prefix(1);
            }
            if (!extension.empty() && extension.size() <= 6 &&
                extension.find_first_not_of("0123456789") == std::string_view::npos) {
                number = number.substr(0, pos);
                break;
            }
        }
    }
    int digits = 0;
    bool ok = number.size() <= 40;
    for (std::size_t i = 0; ok && i < number.size(); ++i) {
        char c = number[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (!(c == '+' && i == 0) &&
                   std::string_view(" ()./-").find(c) == std::string_view::npos) {
            ok = false;
        }
    }
    if (!ok || digits < 3) {
        return bad("must be a phone number like +44 20 7946 0958");
    }
    return good(s);
}

Normalized url(const FieldDef& f, const nlohmann::json& v) {
    Normalized t = text(f, v, false);
    if (!t.ok() || t.value.is_null()) {
        return t;
    }
    std::string s = t.value.get<std::string>();
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::size_t start = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
    std::string_view rest = std::string_view(lower).substr(start);
    std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
        std::string_view port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            port.find_first_not_of("0123456789") != std::string_view::npos ||
            std::stoi(std::string(port)) > 65535) {
            host = {};
        } else {
            host = host.substr(0, colon);
        }
    }
    if (start == 0 || !validDomain(host) || s.find_first_of(" \t") != std::string::npos) {
        return bad("must be a web address starting with http:// or https://");
    }
    return good(s);
}

Normalized tags(const FieldDef& f, const nlohmann::json& v) {
    nlohmann::json list = v;
    if (v.is_string()) {
        // From forms: "a, b, c".
        list = nlohmann::json::array();
        std::string s = v.get<std::string>();
        for (std::size_t start = 0; start <= s.size();) {
            auto comma = s.find(',', start);
            std::string item =
                trim(s.substr(start, comma == std::string::npos ? comma : comma - start));
            if (!item.empty()) {
                list.push_back(item);
            }
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
    }
    if (!list.is_array()) {
        return bad("must be a list of values");
    }
    if (list.size() > 100) {
        return bad("has more than 100 values");
    }
    nlohmann::json out = nlohmann::json::array();
    std::set<std::string> seen;
    for (const auto& item : list) {
        if (!item.is_string()) {
            return bad("must be a list of text values");
        }
        std::string s = trim(item.get<std::string>());
        if (s.empty() || !FieldCodec::validUtf8(s) || hasControlCharacters(s, false) ||
            FieldCodec::utf8Length(s) > 100) {
            return bad("values must be 1 to 100 characters of text");
        }
        if (!f.options.empty() && !f.option(s)) {
            return bad("'" + s + "' is not one of the choices");
        }
        if (seen.insert(s).second) {
            out.push_back(s);
        }
    }
    return good(out.empty() ? nlohmann::json(nullptr) : out);
}

}  // namespace

Normalized FieldCodec::normalize(const FieldDef& f, const nlohmann::json& v) {
    if (v.is_null()) {
        return good(nullptr);
    }
    // A form's empty input means "no value" for every field that is not free text.
    bool freeText = f.type == FieldType::Text || f.type == FieldType::LongText ||
                    f.type == FieldType::Json || f.type == FieldType::MultiEnum;
    if (!freeText && v.is_string() && trim(v.get<std::string>()).empty()) {
        return good(nullptr);
    }
    switch (f.type) {
        case FieldType::Text:
            return text(f, v, false);
        case FieldType::LongText:
            return text(f, v, true);
        case FieldType::Email:
            return email(f, v);
        case FieldType::Phone:
            return phone(f, v);
        case FieldType::Url:
            return url(f, v);
        case FieldType::Integer: {
            auto i = integer(v);
            if (!i) {
                return bad("must be a whole number");
            }
            Normalized range = checkRange(f, static_cast<double>(*i));
            return range.ok() ? good(*i) : range;
        }
        case FieldType::Reference: {
            auto i = integer(v);
            if (!i || *i <= 0) {
                return bad("must be the id of a record");
            }
            return good(*i);
        }
        case FieldType::Decimal: {
            auto d = number(v);
            if (!d || std::fabs(*d) >= 1e15) {
                return bad("must be a number below 10^15");
            }
            Normalized range = checkRange(f, *d);
            return range.ok() ? good(*d) : range;
        }
        case FieldType::Money: {
            nlohmann::json amount = v.is_object() ? v.value("amount", nlohmann::json()) : v;
            std::string currency = v.is_object() ? v.value("currency", "") : "";
            if (amount.is_null() ||
                (amount.is_string() && trim(amount.get<std::string>()).empty())) {
                return good(nullptr);
            }
            auto d = number(amount);
            if (!d || std::fabs(*d) >= 1e15) {
                return bad("must be an amount below 10^15");
            }
            Normalized range = checkRange(f, *d);
            if (!range.ok()) {
                return range;
            }
            std::transform(currency.begin(), currency.end(), currency.begin(), ::toupper);
            if (!currency.empty() &&
                (currency.size() != 3 ||
                 currency.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)) {
                return bad("needs a three-letter currency code such as EUR or USD");
            }
            return good({{"amount", std::round(*d * 10000.0) / 10000.0},
                         {"currency",
                          currency.empty() ? nlohmann::json(nullptr) : nlohmann::json(currency)}});
        }
        case FieldType::Boolean: {
            if (v.is_boolean()) {
                return good(v);
            }
            if (v.is_number_integer() && (v == 0 || v == 1)) {
                return good(v == 1);
            }
            if (v.is_string()) {
                std::string s = trim(v.get<std::string>());
                if (s == "true" || s == "1" || s == "on" || s == "yes") {
                    return good(true);
                }
                if (s == "false" || s == "0" || s == "off" || s == "no" || s.empty()) {
                    return good(false);
                }
            }
            return bad("must be true or false");
        }
        case FieldType::Date: {
            return date(v);
        }
        case FieldType::DateTime: {
            return dateTime(v);
        }
        case FieldType::Enum: {
            if (!v.is_string()) {
                return bad("must be one of the choices");
            }
            std::string s = trim(v.get<std::string>());
            if (s.empty()) {
                return good(nullptr);
            }
            if (!f.option(s)) {
                std::string choices;
                for (const auto& o : f.options) {
                    choices += (choices.empty() ? "" : ", ") + o.value;
                }
                return bad("'" + s.substr(0, 100) + "' is not one of the choices (" + choices +
                           ")");
            }
            return good(s);
        }
        case FieldType::MultiEnum:
            return tags(f, v);
        case FieldType::Json: {
            if (v.dump().size() > 1000000) {
                return bad("is larger than 1 MB");
            }
            return good(v);
        }
    }
    return bad("has an unknown type");
}

std::vector<SqlValue> FieldCodec::toSql(const FieldDef& f, const nlohmann::json& v) {
    if (f.type == FieldType::Money) {
        if (v.is_null()) {
            return {std::monostate{}, std::monostate{}};
        }
        SqlValue currency = v.contains("currency") && v["currency"].is_string()
                                ? SqlValue(v["currency"].get<std::string>())
                                : SqlValue(std::monostate{});
        return {SqlValue(v["amount"].get<double>()), currency};
    }
    if (v.is_null()) {
        return {std::monostate{}};
    }
    switch (f.type) {
        case FieldType::Integer:
        case FieldType::Reference:
            return {SqlValue(v.get<std::int64_t>())};
        case FieldType::Decimal:
            return {SqlValue(v.get<double>())};
        case FieldType::Boolean:
            return {SqlValue(v.get<bool>())};
        case FieldType::MultiEnum:
        case FieldType::Json:
            return {SqlValue(v.dump())};
        default:
            return {SqlValue(v.get<std::string>())};
    }
}

nlohmann::json FieldCodec::fromSql(const FieldDef& f, const SqlValue& main,
                                   const SqlValue* currency) {
    if (isNull(main)) {
        return nullptr;
    }
    switch (f.type) {
        case FieldType::Integer:
        case FieldType::Reference:
            return asInt(main);
        case FieldType::Decimal:
            return asDouble(main);
        case FieldType::Money: {
            nlohmann::json c = currency && !isNull(*currency) ? nlohmann::json(asString(*currency))
                                                              : nlohmann::json(nullptr);
            return {{"amount", asDouble(main)}, {"currency", c}};
        }
        case FieldType::Boolean:
            return asBool(main);
        case FieldType::MultiEnum:
        case FieldType::Json: {
            auto parsed = nlohmann::json::parse(asString(main), nullptr, false);
            return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
        }
        default:
            return asString(main);
    }
}

std::optional<std::int64_t> FieldCodec::optionalId(const nlohmann::json& value) {
    if (value.is_number_integer()) {
        return value.get<std::int64_t>();
    }
    return std::nullopt;
}

std::string FieldCodec::display(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_object() && value.contains("amount")) {
        return value["amount"].dump() +
               (value["currency"].is_string() ? " " + value["currency"].get<std::string>() : "");
    }
    return value.dump();
}

bool FieldCodec::validUtf8(const std::string& text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    static constexpr std::uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    for (std::size_t i = 0; i < n;) {
        unsigned char c = s[i];
        int extra = 0;
        if (c >= 0x80) {
            if ((c >> 5) == 0x6) {
                extra = 1;
            } else if ((c >> 4) == 0xe) {
                extra = 2;
            } else if ((c >> 3) == 0x1e) {
                extra = 3;
            } else {
                return false;
            }
        }
        if (i + static_cast<std::size_t>(extra) >= n && extra > 0) {
            return false;
        }
        std::uint32_t cp = extra == 0 ? c : (c & (0x3f >> extra));
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < kSmallest[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

std::size_t FieldCodec::utf8Length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    }));
}

}  // namespace tessera::kernel
