#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/cli/CommandLine.hpp>

namespace tessera::kernel {

/// `tessera demo [--scale N] [--force]`: loads the enabled plugins' demo data.
int runDemoCommand(const GlobalOptions& global, const std::vector<std::string>& args);

/// `tessera init [--no-demo]`: what the first start needs — the database migrated, and on an
/// empty one an admin with a generated password (printed once) and the demo data.
int runInitCommand(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace tessera::kernel
