#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/cli/CommandLine.hpp>

namespace tessera::kernel {

/// `tessera serve`: starts the kernel and the HTTP server on server.bind:server.port and serves
/// until SIGTERM or SIGINT, then lets requests under way finish. Refuses to start while an
/// enabled plugin failed, unless plugins.on_error = skip.
int runServeCommand(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace tessera::kernel
