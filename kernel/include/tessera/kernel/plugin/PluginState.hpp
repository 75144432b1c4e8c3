#pragma once

#include <string_view>

namespace tessera::kernel {

/// Where a plugin is in its life. Failed and Invalid carry a reason in PluginSpec::error.
enum class PluginState {
    Invalid,      ///< its manifest could not be read or is wrong
    Disabled,     ///< found, but not enabled in the config
    Resolved,     ///< enabled and its dependencies are there
    Loaded,       ///< library opened, descriptor accepted, instance created
    Declared,     ///< declareSchema() done
    Initialized,  ///< initialize() done
    Running,      ///< extensionsInitialized() done
    Stopped,      ///< aboutToShutdown() done
    Failed,       ///< a step failed, or a dependency did
};

std::string_view toString(PluginState state);

}  // namespace tessera::kernel
