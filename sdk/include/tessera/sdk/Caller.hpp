#pragma once

#include <cstdint>

namespace tessera::sdk {

/// Who a record call acts for: a signed-in user (permissions apply) or the system (jobs,
/// migrations, demo data; permissions do not apply, but audit entries say "system").
struct Caller {
    std::int64_t userId = 0;
    bool system = false;

    static Caller user(std::int64_t id) { return Caller{id, false}; }
    static Caller systemCaller() { return Caller{0, true}; }
};

}  // namespace tessera::sdk
