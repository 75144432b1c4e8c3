#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <tessera/kernel/plugin/PluginManifest.hpp>
#include <tessera/kernel/plugin/PluginState.hpp>
#include <tessera/sdk/Plugin.hpp>

namespace tessera::kernel {

class KernelPluginContext;

/// Everything the kernel knows about one plugin folder: its manifest, state, the reason it
/// failed, and while it runs, its instance and context. Owned by PluginManager.
struct PluginSpec {
    PluginSpec();
    ~PluginSpec();
    PluginSpec(PluginSpec&&) noexcept;
    PluginSpec& operator=(PluginSpec&&) noexcept;

    PluginManifest manifest;
    std::filesystem::path directory;
    PluginState state = PluginState::Invalid;
    std::string error;
    bool autoEnabled = false;
    /// The phase that failed ("load", "initialize", ...), empty otherwise.
    std::string failedPhase;
    /// Holds the plugin's library loaded for as long as any copy lives.
    std::shared_ptr<sdk::Plugin> instance;
    std::unique_ptr<KernelPluginContext> context;

    const std::string& id() const { return manifest.id; }
    bool isActive() const {
        return state != PluginState::Invalid && state != PluginState::Disabled &&
               state != PluginState::Failed;
    }
};

}  // namespace tessera::kernel
