#include "SearchText.hpp"

#include <array>
#include <cstdint>

namespace tessera::kernel::detail {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
    char32_t codePoint = 0;
    std::size_t length = 1;
    bool valid = false;
};

/// Decodes the character at `pos`; an invalid or truncated sequence yields valid=false and a
/// length of one byte, so that decoding resynchronises on the next byte.
Decoded decode(std::string_view s, std::size_t pos) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07;
        minimum = 0x10000;
    } else {
        return {};
    }
    if (pos + length > s.size()) {
        return {};
    }
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next & 0xC0) != 0x80) {
            return {};
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return {};
    }
    return {cp, length, true};
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct Range {
    char32_t first;
    char32_t last;
};

// Separator blocks outside ASCII: controls, Latin-1 punctuation and symbols, general
// punctuation, currency, arrows to dingbats, CJK punctuation, full-width punctuation,
// specials, emoji and tags.
constexpr std::array kSeparators{
    Range{0x0080, 0x00A9},   Range{0x00AB, 0x00B1}, Range{0x00B4, 0x00B4}, Range{0x00B6, 0x00B8},
    Range{0x00BB, 0x00BB},   Range{0x00BF, 0x00BF}, Range{0x00D7, 0x00D7}, Range{0x00F7, 0x00F7},
    Range{0x2000, 0x206F},   Range{0x20A0, 0x20CF}, Range{0x2190, 0x2BFF}, Range{0x2E00, 0x2E7F},
    Range{0x3000, 0x3004},   Range{0x3008, 0x3020}, Range{0xFE00, 0xFE0F}, Range{0xFE10, 0xFE1F},
    Range{0xFE30, 0xFE6F},   Range{0xFEFF, 0xFEFF}, Range{0xFF01, 0xFF0F}, Range{0xFF1A, 0xFF20},
    Range{0xFF3B, 0xFF40},   Range{0xFF5B, 0xFF65}, Range{0xFFF0, 0xFFFF}, Range{0x1F000, 0x1FAFF},
    Range{0xE0000, 0xE007F},
};

bool isWordChar(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    for (const auto& range : kSeparators) {
        if (cp < range.first) {
            return true;
        }
        if (cp <= range.last) {
            return false;
        }
    }
    return true;
}

// clang-format off
// Latin-1 letters U+00C0..U+00FF folded to lower case without diacritics (0: keep as is, lower
// case applied separately).
constexpr std::array<char, 64> kLatin1Base{
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // C0
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   0,    // D0
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // E0
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   'y',  // F0
};
// clang-format on

struct BaseRange {
    char32_t first;
    char32_t last;
    char base;
};

// Latin Extended-A, upper and lower case alike.
constexpr std::array kLatinExtendedA{
    BaseRange{0x0100, 0x0105, 'a'}, BaseRange{0x0106, 0x010D, 'c'}, BaseRange{0x010E, 0x0111, 'd'},
    BaseRange{0x0112, 0x011B, 'e'}, BaseRange{0x011C, 0x0123, 'g'}, BaseRange{0x0124, 0x0127, 'h'},
    BaseRange{0x0128, 0x0131, 'i'}, BaseRange{0x0134, 0x0135, 'j'}, BaseRange{0x0136, 0x0138, 'k'},
    BaseRange{0x0139, 0x0142, 'l'}, BaseRange{0x0143, 0x014B, 'n'}, BaseRange{0x014C, 0x0151, 'o'},
    BaseRange{0x0154, 0x0159, 'r'}, BaseRange{0x015A, 0x0161, 's'}, BaseRange{0x0162, 0x0167, 't'},
    BaseRange{0x0168, 0x0173, 'u'}, BaseRange{0x0174, 0x0175, 'w'}, BaseRange{0x0176, 0x0178, 'y'},
    BaseRange{0x0179, 0x017E, 'z'}, BaseRange{0x017F, 0x017F, 's'},
};

char32_t foldCodePoint(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        char base = kLatin1Base[cp - 0xC0];
        if (base != 0) {
            return static_cast<char32_t>(base);
        }
        return (cp <= 0xDE && cp != 0xD7) ? cp + 32 : cp;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        for (const auto& range : kLatinExtendedA) {
            if (cp >= range.first && cp <= range.last) {
                return static_cast<char32_t>(range.base);
            }
        }
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3A9) {
        return cp + 0x20;  // Greek capitals
    }
    if (cp >= 0x410 && cp <= 0x42F) {
        return cp + 0x20;  // Cyrillic capitals
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 0x50;
    }
    return cp;
}

}  // namespace

std::string SearchText::clean(std::string_view text, std::size_t maxBytes) {
    std::string out;
    out.reserve(std::min(text.size(), maxBytes));
    for (std::size_t pos = 0; pos < text.size();) {
        Decoded d = decode(text, pos);
        char32_t cp = d.valid ? d.codePoint : kReplacement;
        if (cp < 0x20 && cp != '\t' && cp != '\n') {
            cp = ' ';
        } else if (cp == 0x7F) {
            cp = ' ';
        }
        std::string encoded;
        appendUtf8(encoded, cp);
        if (out.size() + encoded.size() > maxBytes) {
            break;
        }
        out += encoded;
        pos += d.length;
    }
    return out;
}

std::vector<SearchText::Span> SearchText::words(std::string_view text, std::size_t maxWords) {
    std::vector<Span> result;
    std::size_t start = std::string_view::npos;
    std::size_t pos = 0;
    while (pos < text.size() && result.size() < maxWords) {
        Decoded d = decode(text, pos);
        bool word = d.valid && isWordChar(d.codePoint);
        if (word && start == std::string_view::npos) {
            start = pos;
        } else if (!word && start != std::string_view::npos) {
            result.push_back({start, pos});
            start = std::string_view::npos;
        }
        pos += d.length;
    }
    if (start != std::string_view::npos && result.size() < maxWords) {
        result.push_back({start, pos});
    }
    return result;
}

std::string SearchText::fold(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (std::size_t pos = 0; pos < word.size();) {
        Decoded d = decode(word, pos);
        if (d.valid) {
            appendUtf8(out, foldCodePoint(d.codePoint));
        }
        pos += d.length;
    }
    return out;
}

std::string_view SearchText::truncate(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) {
        return text;
    }
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end);
}

std::size_t SearchText::length(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

}  // namespace tessera::kernel::detail
