#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/cli/CommandLine.hpp>

namespace tessera::kernel {

/// `tessera user add|passwd|list`: accounts and their passwords, straight in the database.
int runUserCommand(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace tessera::kernel
