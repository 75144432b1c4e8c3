#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// `/p/activities/settings`: a user's time zone, whom they share their calendar with, and which
/// other calendars their iCalendar feed includes.
void addSettingsPage(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
