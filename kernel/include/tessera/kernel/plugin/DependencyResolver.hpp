#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <tessera/kernel/plugin/PluginSpec.hpp>

namespace tessera::kernel {

/// Decides which plugins run and in what order: enables the configured ones and the
/// autoInstall bridges whose dependencies are all enabled, fails those whose required
/// dependencies are absent, too old or failed, and orders the rest so that every plugin comes
/// after what it depends on (optional dependencies included when present). A cycle fails every
/// member, with a message naming the cycle in order.
class DependencyResolver {
public:
    /// Updates states and errors in `specs` and returns the ids of the plugins to run, in
    /// dependency order. Ids in `enabled` with no plugin folder are returned in `unknown`.
    static std::vector<std::string> resolve(std::map<std::string, PluginSpec>& specs,
                                            const std::vector<std::string>& enabled,
                                            std::vector<std::string>& unknown);

    /// Marks as failed every active plugin that requires a failed one ("needs X, which failed:
    /// ..."), following chains; `order` is dependency order.
    static void propagateFailures(std::map<std::string, PluginSpec>& specs,
                                  const std::vector<std::string>& order);
};

}  // namespace tessera::kernel
