#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// Conversion rate and time to convert by source, campaign, owner and month of arrival, and
/// each campaign's cost, revenue won and return (/p/leads/analytics and its JSON twin), over
/// the leads the viewer may read.
void addAnalytics(tessera::sdk::PluginContext& context);

}  // namespace leads
