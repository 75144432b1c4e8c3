#pragma once

#include <cstdint>
#include <string>

/// The number after `name` on a bench's command line ("--rows 5000"), or `fallback`.
inline std::int64_t argument(int argc, char** argv, const std::string& name,
                             std::int64_t fallback) {
    for (int i = 2; i + 1 < argc; ++i) {
        if (argv[i] == name) {
            return std::stoll(argv[i + 1]);
        }
    }
    return fallback;
}
