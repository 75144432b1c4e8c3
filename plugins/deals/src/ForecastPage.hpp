#pragma once

// The forecast page and its JSON twin.
#include <tessera/sdk/PluginContext.hpp>

namespace deals {

void addForecastPage(tessera::sdk::PluginContext& context);

}  // namespace deals
