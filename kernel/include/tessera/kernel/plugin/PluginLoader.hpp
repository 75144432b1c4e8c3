#pragma once

#include <filesystem>
#include <memory>

#include <tessera/kernel/plugin/PluginManifest.hpp>
#include <tessera/sdk/Plugin.hpp>

namespace tessera::kernel {

/// Opens plugin libraries behind the binary gate: the library is opened RTLD_LOCAL, its
/// descriptor is compared with the kernel's (ABI number, compiler family and major version,
/// C++ library) and its id with the manifest's, and only then is its factory called.
class PluginLoader {
public:
    /// The library file a manifest names: <folder>/lib<library>.so.
    static std::filesystem::path libraryPath(const PluginManifest& manifest);

    /// Creates the plugin's instance. The returned pointer keeps the library loaded for as long
    /// as any copy of it lives. Throws LoadError naming the file and the cause.
    static std::shared_ptr<sdk::Plugin> load(const PluginManifest& manifest);
};

class LoadError : public std::runtime_error {
public:
    explicit LoadError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tessera::kernel
