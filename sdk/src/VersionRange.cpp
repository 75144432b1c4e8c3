#include <tessera/sdk/VersionRange.hpp>

#include <algorithm>
#include <sstream>

namespace tessera::sdk {

namespace {

/// Parses "1", "1.2" or "1.2.3[-pre]"; returns the padded version and how many numbers were given.
std::optional<std::pair<SemVer, int>> parsePartial(std::string_view text) {
    if (auto full = SemVer::parse(text)) {
        return std::pair{*full, 3};
    }
    std::string padded(text);
    int given = 1 + static_cast<int>(std::count(text.begin(), text.end(), '.'));
    if (given > 2 || text.find('-') != std::string_view::npos) {
        return std::nullopt;
    }
    for (int i = given; i < 3; ++i) {
        padded += ".0";
    }
    if (auto version = SemVer::parse(padded)) {
        return std::pair{*version, given};
    }
    return std::nullopt;
}

}  // namespace

std::optional<VersionRange> VersionRange::parse(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<VersionRange> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    VersionRange range;
    range.text_ = std::string(text);
    range.alternatives_.emplace_back();
    std::istringstream words{std::string(text)};
    std::string word;
    bool any = false;
    while (words >> word) {
        if (word == "||") {
            if (range.alternatives_.back().empty()) {
                return fail("'||' needs a comparator on each side");
            }
            range.alternatives_.emplace_back();
            continue;
        }
        any = true;
        if (word == "*") {
            range.alternatives_.back().push_back({Op::GreaterEqual, SemVer(0, 0, 0)});
            continue;
        }
        std::string_view w = word;
        Op op = Op::Equal;
        char prefix = 0;
        if (w.starts_with(">=")) {
            op = Op::GreaterEqual, w.remove_prefix(2);
        } else if (w.starts_with("<=")) {
            op = Op::LessEqual, w.remove_prefix(2);
        } else if (w.starts_with(">")) {
            op = Op::Greater, w.remove_prefix(1);
        } else if (w.starts_with("<")) {
            op = Op::Less, w.remove_prefix(1);
        } else if (w.starts_with("=")) {
            w.remove_prefix(1);
        } else if (w.starts_with("^") || w.starts_with("~")) {
            prefix = w.front(), w.remove_prefix(1);
        }
        auto parsed = parsePartial(w);
        if (!parsed) {
            return fail("'" + word + "' is not a version comparator (write e.g. >=1.0 <2)");
        }
        auto [version, given] = *parsed;
        auto& all = range.alternatives_.back();
        if (prefix == '^') {
            all.push_back({Op::GreaterEqual, version});
            all.push_back({Op::Less, SemVer(version.major() + 1, 0, 0)});
        } else if (prefix == '~') {
            all.push_back({Op::GreaterEqual, version});
            all.push_back({Op::Less, SemVer(version.major(), version.minor() + 1, 0)});
        } else if (op == Op::Equal && given < 3) {
            // "=1.2" means any 1.2.x, "=1" any 1.x.y.
            all.push_back({Op::GreaterEqual, version});
            all.push_back({Op::Less, given == 1 ? SemVer(version.major() + 1, 0, 0)
                                                : SemVer(version.major(), version.minor() + 1, 0)});
        } else {
            all.push_back({op, version});
        }
    }
    if (!any) {
        return fail("the range is empty (write e.g. >=1.0 <2)");
    }
    if (range.alternatives_.back().empty()) {
        return fail("'||' needs a comparator on each side");
    }
    return range;
}

bool VersionRange::contains(const SemVer& version) const {
    for (const auto& all : alternatives_) {
        bool ok = true;
        for (const auto& c : all) {
            switch (c.op) {
                case Op::Less: ok = version < c.version; break;
                case Op::LessEqual: ok = version <= c.version; break;
                case Op::Greater: ok = version > c.version; break;
                case Op::GreaterEqual: ok = version >= c.version; break;
                case Op::Equal: ok = version == c.version; break;
            }
            if (!ok) {
                break;
            }
        }
        if (ok) {
            return true;
        }
    }
    return false;
}

}  // namespace tessera::sdk
