#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/cli/CommandLine.hpp>

namespace tessera::kernel {

/// `tessera migrate [--status]`: bring the database up to the enabled plugins' schema, or show
/// what that would do and what no migration resolves (columns no longer declared).
int runMigrateCommand(const GlobalOptions& global, const std::vector<std::string>& args);

/// `tessera schema dump`: the merged schema of the enabled plugins as JSON.
int runSchemaCommand(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace tessera::kernel
