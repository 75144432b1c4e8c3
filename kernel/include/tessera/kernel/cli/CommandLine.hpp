#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tessera::kernel {

/// Options every command accepts before its name: `--config FILE`, `--set key=value`.
struct GlobalOptions {
    std::optional<std::filesystem::path> config;
    std::vector<std::string> sets;
};

/// Runs `tessera [global options] COMMAND [options]` and returns the exit status: 0 on success,
/// 1 when the command failed, 2 for a usage mistake. Never lets an exception escape.
int runCommandLine(int argc, char** argv);

}  // namespace tessera::kernel
