#include "Normalize.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <sstream>

namespace contacts {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string lower(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

/// Folds the common two-byte UTF-8 Latin-1 letters to ASCII ("é" -> "e", "ß" -> "ss").
std::string foldAccents(const std::string& text) {
    static const std::array<const char*, 64> kFold = {
        "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "oe", "",  "o", "u", "u", "u", "ue", "y", "th", "ss",
        "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "oe", "",  "o", "u", "u", "u", "ue", "y", "th", "y"};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0xC3 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0xBF) {
                out += kFold[next - 0x80];
                ++i;
                continue;
            }
        }
        out += static_cast<char>(byte);
    }
    return out;
}

}  // namespace

std::string trim(const std::string& text) {
    std::size_t first = 0;
    while (first < text.size() && isSpace(text[first])) {
        ++first;
    }
    std::size_t last = text.size();
    while (last > first && isSpace(text[last - 1])) {
        --last;
    }
    return text.substr(first, last - first);
}

std::string normalizeEmail(const std::string& email) {
    std::string text = lower(trim(email));
    auto at = text.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= text.size()) {
        return {};
    }
    return text;
}

std::string normalizePhone(const std::string& phone) {
    std::string digits;
    std::string text = trim(phone);
    if (text.starts_with("00")) {
        digits = "+";
        text = text.substr(2);
    } else if (text.starts_with("+")) {
        digits = "+";
    }
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        }
    }
    std::size_t count = digits.size() - (digits.starts_with("+") ? 1 : 0);
    return count >= 5 ? digits : std::string{};
}

std::string domainOf(const std::string& urlOrDomain) {
    std::string text = lower(trim(urlOrDomain));
    if (auto scheme = text.find("://"); scheme != std::string::npos) {
        text = text.substr(scheme + 3);
    }
    if (auto at = text.find('@'); at != std::string::npos) {
        text = text.substr(at + 1);
    }
    text = text.substr(0, text.find_first_of("/?#:"));
    if (text.starts_with("www.")) {
        text = text.substr(4);
    }
    if (text.find('.') == std::string::npos || text.size() > 253) {
        return {};
    }
    return text;
}

std::string companyDomainOfEmail(const std::string& email) {
    static const std::set<std::string> kFreeMail = {
        "gmail.com",   "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
        "icloud.com",  "me.com",         "aol.com",   "gmx.de",      "gmx.net",     "web.de",
        "mail.com",    "proton.me",      "protonmail.com", "yandex.ru", "t-online.de",
        "orange.fr",   "free.fr",        "libero.it", "qq.com",      "163.com"};
    std::string normalized = normalizeEmail(email);
    if (normalized.empty()) {
        return {};
    }
    std::string domain = normalized.substr(normalized.find('@') + 1);
    return kFreeMail.contains(domain) ? std::string{} : domain;
}

std::string nameKey(const std::string& name, bool company) {
    std::string folded = lower(foldAccents(trim(name)));
    std::string cleaned;
    for (char c : folded) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cleaned += c;
        } else if (!cleaned.empty() && cleaned.back() != ' ') {
            cleaned += ' ';
        }
    }
    cleaned = trim(cleaned);
    if (!company) {
        return cleaned;
    }
    static const std::set<std::string> kLegalForms = {
        "inc", "incorporated", "ltd", "limited", "llc", "gmbh", "ag", "sa", "sas", "sarl", "bv",
        "nv", "plc", "co", "corp", "corporation", "company", "kg", "oy", "ab", "as", "spa", "srl"};
    std::istringstream words(cleaned);
    std::vector<std::string> kept;
    for (std::string word; words >> word;) {
        kept.push_back(word);
    }
    while (kept.size() > 1 && kLegalForms.contains(kept.back())) {
        kept.pop_back();
    }
    std::string key;
    for (const auto& word : kept) {
        key += (key.empty() ? "" : " ") + word;
    }
    return key;
}

double nameSimilarity(const std::string& a, const std::string& b, bool company) {
    std::string s = nameKey(a, company);
    std::string t = nameKey(b, company);
    if (s.empty() || t.empty()) {
        return 0;
    }
    if (s == t) {
        return 1;
    }
    std::size_t window = std::max(s.size(), t.size()) / 2;
    window = window > 0 ? window - 1 : 0;
    std::vector<bool> sMatched(s.size()), tMatched(t.size());
    double matches = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::size_t from = i > window ? i - window : 0;
        std::size_t to = std::min(t.size(), i + window + 1);
        for (std::size_t j = from; j < to; ++j) {
            if (!tMatched[j] && s[i] == t[j]) {
                sMatched[i] = tMatched[j] = true;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0) {
        return 0;
    }
    double transpositions = 0;
    for (std::size_t i = 0, j = 0; i < s.size(); ++i) {
        if (!sMatched[i]) {
            continue;
        }
        while (!tMatched[j]) {
            ++j;
        }
        if (s[i] != t[j]) {
            ++transpositions;
        }
        ++j;
    }
    double jaro = (matches / static_cast<double>(s.size()) +
                   matches / static_cast<double>(t.size()) +
                   (matches - transpositions / 2) / matches) /
                  3;
    std::size_t prefix = 0;
    while (prefix < 4 && prefix < s.size() && prefix < t.size() && s[prefix] == t[prefix]) {
        ++prefix;
    }
    return jaro + static_cast<double>(prefix) * 0.1 * (1 - jaro);
}

std::vector<std::string> nameTokens(const std::string& name, bool company) {
    std::istringstream words(nameKey(name, company));
    std::vector<std::string> tokens;
    for (std::string word; words >> word;) {
        tokens.push_back(word);
    }
    std::sort(tokens.begin(), tokens.end());
    return tokens;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

namespace {

std::string joined(const std::vector<std::string>& tokens) {
    std::string text;
    for (const auto& token : tokens) {
        text += (text.empty() ? "" : " ") + token;
    }
    return text;
}

/// Same word, one typo in a word of four letters or more, or an initial of the word.
bool wordsMatch(const std::string& a, const std::string& b) {
    if (a == b) {
        return true;
    }
    if ((a.size() == 1 && b.front() == a.front()) || (b.size() == 1 && a.front() == b.front())) {
        return true;
    }
    return std::min(a.size(), b.size()) >= 4 && editDistance(a, b) <= 1;
}

/// How words of `few` pair with words of `many` (each used once): how many found a partner, and
/// how many of those only with a typo or as an initial.
struct WordPairing {
    std::size_t matched = 0;
    std::size_t inexact = 0;
};

WordPairing pairWords(const std::vector<std::string>& few, const std::vector<std::string>& many) {
    std::vector<bool> used(many.size(), false);
    WordPairing pairing;
    for (const auto& word : few) {
        // An exact partner first, so "anna anne" against "anna anne" pairs exactly.
        std::size_t found = many.size();
        for (std::size_t j = 0; j < many.size() && found == many.size(); ++j) {
            if (!used[j] && many[j] == word) {
                found = j;
            }
        }
        for (std::size_t j = 0; j < many.size() && found == many.size(); ++j) {
            if (!used[j] && wordsMatch(word, many[j])) {
                found = j;
                ++pairing.inexact;
            }
        }
        if (found < many.size()) {
            used[found] = true;
            ++pairing.matched;
        }
    }
    return pairing;
}

}  // namespace

double nameMatch(const std::string& a, const std::string& b, bool company) {
    std::vector<std::string> ta = nameTokens(a, company);
    std::vector<std::string> tb = nameTokens(b, company);
    if (ta.empty() || tb.empty()) {
        return 0;
    }
    std::string sa = joined(ta);
    std::string sb = joined(tb);
    if (sa == sb) {
        return 1;
    }
    // A space more or less ("Anne Marie" / "Annemarie"): one edit of the whole name.
    if (ta.size() != tb.size() && std::min(sa.size(), sb.size()) >= 5 &&
        editDistance(sa, sb) <= 1) {
        return 0.9;
    }
    const auto& few = ta.size() <= tb.size() ? ta : tb;
    const auto& many = ta.size() <= tb.size() ? tb : ta;
    bool initialsOnly =
        std::all_of(few.begin(), few.end(), [](const auto& w) { return w.size() == 1; });
    WordPairing pairing = pairWords(few, many);
    if (initialsOnly || pairing.matched < few.size()) {
        return 0;
    }
    if (few.size() == many.size()) {
        bool oneTypo =
            pairing.inexact == 1 &&
            std::all_of(few.begin(), few.end(), [](const auto& w) { return w.size() > 1; }) &&
            std::all_of(many.begin(), many.end(), [](const auto& w) { return w.size() > 1; });
        return oneTypo ? 0.9 : 0.85;
    }
    return !company && few.size() >= 2 && pairing.inexact == 0 ? kSimilarNames : 0;
}

}  // namespace contacts
