#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/cli/CommandLine.hpp>

namespace tessera::kernel {

/// `tessera plugin list [--json]` and `tessera plugin check DIR`.
int runPluginCommand(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace tessera::kernel
