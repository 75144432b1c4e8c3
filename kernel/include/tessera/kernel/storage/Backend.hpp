#pragma once

#include <string_view>

namespace tessera::kernel {

/// The database engines the kernel stores entities in.
enum class Backend {
    Sqlite,    ///< embedded default: one file (or memory), WAL mode
    Postgres,  ///< production and multi-node backend
};

/// The name used in messages and URLs: "sqlite" or "postgresql".
constexpr std::string_view backendName(Backend backend) {
    return backend == Backend::Sqlite ? "sqlite" : "postgresql";
}

}  // namespace tessera::kernel
