#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include <tessera/sdk/Export.hpp>

namespace tessera::sdk {

/// A semantic version MAJOR.MINOR.PATCH with an optional pre-release tag ("1.2.0-beta.1").
/// Build metadata ("+abc") is accepted and ignored, as the SemVer rules say.
class TESSERA_SDK_API SemVer {
public:
    SemVer() = default;
    SemVer(int major, int minor, int patch, std::string preRelease = {});

    /// Parses a full version; returns nothing for anything else ("1.0", "v1.0.0", "1.0.0.0").
    static std::optional<SemVer> parse(std::string_view text);

    int major() const noexcept { return major_; }
    int minor() const noexcept { return minor_; }
    int patch() const noexcept { return patch_; }
    const std::string& preRelease() const noexcept { return preRelease_; }
    std::string toString() const;

    /// Orders by precedence: numbers first; a pre-release sorts before its release.
    std::strong_ordering operator<=>(const SemVer& other) const;
    bool operator==(const SemVer& other) const { return (*this <=> other) == 0; }

private:
    int major_ = 0;
    int minor_ = 0;
    int patch_ = 0;
    std::string preRelease_;
};

}  // namespace tessera::sdk
