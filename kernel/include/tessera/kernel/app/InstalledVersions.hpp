#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <tessera/kernel/plugin/PluginManager.hpp>

namespace tessera::kernel {

/// Which version of each plugin last ran on this installation, kept in
/// <var.path>/installed-plugins.json, so that an upgrade knows what it upgrades from.
class InstalledVersions {
public:
    explicit InstalledVersions(std::filesystem::path file);

    /// The recorded version of `id`, or an empty string.
    std::string versionOf(const std::string& id) const;

    /// Records the version of every running plugin and returns one line per change
    /// ("deals 1.0.0 -> 1.1.0", "deals installed 1.0.0").
    std::vector<std::string> record(const PluginManager& plugins);

private:
    std::filesystem::path file_;
    std::map<std::string, std::string> versions_;
};

}  // namespace tessera::kernel
