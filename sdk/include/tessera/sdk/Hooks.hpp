#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::sdk {

enum class HookPoint {
    BeforeCreate, AfterCreate, BeforeUpdate, AfterUpdate,
    BeforeDelete, AfterDelete, BeforeRestore, AfterRestore
};

/// What a hook sees. In a before-hook `record` may be changed (the values to be written); to
/// refuse, throw PluginError("validation", ...) with a message per field. After-hooks run in
/// the same transaction and may write through Records; throwing rolls everything back.
struct HookEvent {
    std::string entity;
    Caller caller;
    std::int64_t id = 0;  ///< 0 in BeforeCreate
    Record& record;       ///< the new values (all fields after the write)
    const Record& previous;  ///< the stored values before the write; empty on create
};

using HookHandler = std::function<void(HookEvent&)>;

/// An event published after a transaction commits: "record.created" and the like, or a
/// plugin's own ("deals.stage_changed").
struct Event {
    std::string type;
    nlohmann::json payload;
};

using EventHandler = std::function<void(const Event&)>;

}  // namespace tessera::sdk
