#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tessera/sdk/Export.hpp>
#include <tessera/sdk/SemVer.hpp>

namespace tessera::sdk {

/// A set of versions written as space-separated comparators, all of which must hold
/// (">=1.0 <2"), with "||" between alternatives. Partial versions are padded with zeros
/// (">=1.2" means ">=1.2.0"); "^1.2" means ">=1.2.0 <2.0.0"; "~1.2" means ">=1.2.0 <1.3.0";
/// "*" matches everything; a bare version means exactly it.
class TESSERA_SDK_API VersionRange {
public:
    /// Parses a range; on failure returns nothing and, when given, fills `error` with the reason.
    static std::optional<VersionRange> parse(std::string_view text, std::string* error = nullptr);

    bool contains(const SemVer& version) const;
    const std::string& text() const noexcept { return text_; }

private:
    enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal };
    struct Comparator {
        Op op;
        SemVer version;
    };
    std::string text_;
    std::vector<std::vector<Comparator>> alternatives_;
};

}  // namespace tessera::sdk
