#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tessera/kernel/acl/DeclaredPermission.hpp>
#include <tessera/sdk/SemVer.hpp>
#include <tessera/sdk/VersionRange.hpp>

namespace tessera::kernel {

/// One entry of a manifest's "depends": the plugin id and the version this plugin was written
/// against. A provider matches when its compatVersion <= version <= its version.
struct PluginDependency {
    std::string id;
    sdk::SemVer version;
    bool optional = false;
};

/// A plugin's plugin.json, read and checked before any of its code runs.
struct PluginManifest {
    std::string id;
    std::string name;
    sdk::SemVer version;
    sdk::SemVer compatVersion;
    sdk::VersionRange sdk;
    std::string library;
    std::string category;
    std::string description;
    std::vector<PluginDependency> depends;
    /// The named permissions the plugin checks ("permissions"), each starting with "<id>.".
    std::vector<DeclaredPermission> permissions;
    bool autoInstall = false;
    nlohmann::json config = nlohmann::json::object();
    std::filesystem::path file;

    /// Reads and validates `file`. Throws ManifestError whose message names the file, the key
    /// and the fix.
    static PluginManifest read(const std::filesystem::path& file);

    /// True when `id` is a valid plugin id: [a-z][a-z0-9_.-]*.
    static bool isValidId(const std::string& id);
};

class ManifestError : public std::runtime_error {
public:
    explicit ManifestError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tessera::kernel
