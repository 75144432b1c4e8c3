#include <tessera/kernel/plugin/PluginState.hpp>

namespace tessera::kernel {

std::string_view toString(PluginState state) {
    switch (state) {
        case PluginState::Invalid: return "invalid";
        case PluginState::Disabled: return "disabled";
        case PluginState::Resolved: return "resolved";
        case PluginState::Loaded: return "loaded";
        case PluginState::Declared: return "declared";
        case PluginState::Initialized: return "initialized";
        case PluginState::Running: return "running";
        case PluginState::Stopped: return "stopped";
        case PluginState::Failed: return "failed";
    }
    return "unknown";
}

}  // namespace tessera::kernel
