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

}  // namespace contacts
