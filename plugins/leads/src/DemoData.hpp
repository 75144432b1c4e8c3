#pragma once

#include <tessera/sdk/Web.hpp>

#include "Conversion.hpp"

namespace leads {

/// Campaigns with costs, scoring and assignment rules for the demo teams, and 300 leads (times
/// the scale) across sources, campaigns and statuses; some converted, with deals when the deals
/// plugin runs.
void loadDemoData(tessera::sdk::DemoContext& demo, Conversion& conversion);

}  // namespace leads
