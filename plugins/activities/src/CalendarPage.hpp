#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// The calendar page (month, week, day; mine, a colleague's, my team's) with meetings (repeating
/// ones expanded), tasks by due time, and date fields other plugins asked to show; and the
/// "activities.calendar" service through which they ask.
void addCalendarPage(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
