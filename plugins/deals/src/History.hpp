#pragma once

// A deal's stage history with the time spent in each stage (a panel on the deal), and the daily
// job that tells owners about deals stalled longer than their stage allows.
#include <tessera/sdk/PluginContext.hpp>

#include "Pipelines.hpp"

namespace deals {

void addHistoryPanel(tessera::sdk::PluginContext& context, const Pipelines& pipelines);

/// Registers `deals.stalled` (daily at 06:00 UTC) and its notification type.
void addStalledDealAlerts(tessera::sdk::PluginContext& context, const Pipelines& pipelines);

/// Notifies the owners of open deals that sit in a stage longer than its stalled-after days
/// (once per stay in a stage); returns how many were reported.
int reportStalledDeals(tessera::sdk::Records& records, const Pipelines& pipelines,
                       tessera::sdk::NotificationService& notifications, double nowDays);

}  // namespace deals
