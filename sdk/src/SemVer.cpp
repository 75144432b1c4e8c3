#include <tessera/sdk/SemVer.hpp>

#include <charconv>

namespace tessera::sdk {

namespace {

std::optional<int> parseNumber(std::string_view text) {
    if (text.empty() || text.size() > 9 || (text.size() > 1 && text[0] == '0')) {
        return std::nullopt;
    }
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

bool isIdentifierChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '.';
}

bool isNumeric(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::strong_ordering comparePreRelease(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) {
        // A release outranks any of its pre-releases.
        return a.empty() <=> b.empty();
    }
    while (!a.empty() && !b.empty()) {
        auto takePart = [](std::string_view& s) {
            auto dot = s.find('.');
            std::string_view part = s.substr(0, dot);
            s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
            return part;
        };
        std::string_view pa = takePart(a);
        std::string_view pb = takePart(b);
        bool na = isNumeric(pa);
        bool nb = isNumeric(pb);
        if (na && nb) {
            if (pa.size() != pb.size()) {
                return pa.size() <=> pb.size();
            }
        } else if (na != nb) {
            return na ? std::strong_ordering::less : std::strong_ordering::greater;
        }
        if (auto c = pa.compare(pb); c != 0) {
            return c <=> 0;
        }
    }
    // Equal so far: the one with more fields left sorts after.
    return !a.empty() <=> !b.empty();
}

}  // namespace

SemVer::SemVer(int major, int minor, int patch, std::string preRelease)
    : major_(major), minor_(minor), patch_(patch), preRelease_(std::move(preRelease)) {}

std::optional<SemVer> SemVer::parse(std::string_view text) {
    if (auto plus = text.find('+'); plus != std::string_view::npos) {
        text = text.substr(0, plus);
    }
    std::string_view pre;
    if (auto dash = text.find('-'); dash != std::string_view::npos) {
        pre = text.substr(dash + 1);
        text = text.substr(0, dash);
        if (pre.empty() || pre.front() == '.' || pre.back() == '.') {
            return std::nullopt;
        }
        for (char c : pre) {
            if (!isIdentifierChar(c)) {
                return std::nullopt;
            }
        }
    }
    int parts[3];
    for (int i = 0; i < 3; ++i) {
        auto dot = text.find('.');
        if ((i < 2) == (dot == std::string_view::npos)) {
            return std::nullopt;
        }
        auto number = parseNumber(text.substr(0, dot));
        if (!number) {
            return std::nullopt;
        }
        parts[i] = *number;
        text = i < 2 ? text.substr(dot + 1) : std::string_view{};
    }
    return SemVer(parts[0], parts[1], parts[2], std::string(pre));
}

std::string SemVer::toString() const {
    std::string s =
        std::to_string(major_) + "." + std::to_string(minor_) + "." + std::to_string(patch_);
    if (!preRelease_.empty()) {
        s += "-" + preRelease_;
    }
    return s;
}

std::strong_ordering SemVer::operator<=>(const SemVer& other) const {
    if (auto c = major_ <=> other.major_; c != 0) {
        return c;
    }
    if (auto c = minor_ <=> other.minor_; c != 0) {
        return c;
    }
    if (auto c = patch_ <=> other.patch_; c != 0) {
        return c;
    }
    return comparePreRelease(preRelease_, other.preRelease_);
}

}  // namespace tessera::sdk
