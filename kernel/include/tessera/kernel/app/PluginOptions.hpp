#pragma once

#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/plugin/PluginManager.hpp>

namespace tessera::kernel {

/// The plugin manager's options as the config says: plugins.path (folders separated by ':' or
/// ','), plugins.enabled, and plugin.<id>.<key> settings.
PluginManagerOptions pluginOptionsFrom(const Config& config);

}  // namespace tessera::kernel
