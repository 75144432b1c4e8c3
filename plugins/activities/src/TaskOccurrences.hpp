#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// One occurrence of a repeating task (`/p/activities/tasks/{id}/occurrence`): move or rename
/// this one only (the series keeps its schedule: `scheduled_at` stays) or this and the following
/// ones (the series moves), skip it (cancelled, the next one is made) or end the series here.
/// Past occurrences are records of their own, so "this and following" is also "all" that is left.
void addTaskOccurrences(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
