#pragma once

#include <memory>
#include <optional>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// Checks and completes interactions, tasks and meetings on every write: the linked record and
/// the people involved must exist and be visible to the writer, times, recurrence and reminder
/// offsets are validated, the next reminder is scheduled, a completed recurring task makes the
/// next one, and users mentioned in an interaction are notified.
void addActivityHooks(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

/// The task that follows `task` (record `id`) in its series, to be created; nullopt when it does
/// not repeat or its series has ended.
std::optional<tessera::sdk::Record> nextTaskOf(Activities& shared, const tessera::sdk::Record& task,
                                               std::int64_t id);

}  // namespace activities
