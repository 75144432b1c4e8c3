#pragma once

#include <cstdint>

#include <tessera/sdk/Toolchain.hpp>
#include <tessera/sdk/Version.hpp>

namespace tessera::sdk {

/// Constant data every plugin library exports under the alias `tessera_plugin_descriptor`.
/// The kernel reads it before running any plugin code and refuses a library whose ABI number,
/// compiler family and major version, or C++ library differ from its own. Plain data only: its
/// layout is part of the ABI and is guarded by kAbiVersion.
struct PluginDescriptor {
    std::uint32_t abiVersion;
    const char* sdkVersion;
    const char* compilerFamily;
    const char* compilerMajor;
    const char* compiler;
    const char* stdlib;
    const char* pluginId;
};

/// The descriptor of the translation unit that evaluates it: the kernel's for the kernel, a
/// plugin's for a plugin.
constexpr PluginDescriptor makeDescriptor(const char* pluginId) {
    return PluginDescriptor{kAbiVersion,    kSdkVersion,    TESSERA_COMPILER_FAMILY,
                            TESSERA_COMPILER_MAJOR, TESSERA_COMPILER_FULL, TESSERA_STDLIB, pluginId};
}

/// Alias names under which a plugin library exports its descriptor and factory.
inline constexpr const char* kDescriptorSymbol = "tessera_plugin_descriptor";
inline constexpr const char* kFactorySymbol = "tessera_create_plugin";

}  // namespace tessera::sdk
