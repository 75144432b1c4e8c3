#pragma once

// Forecast roll-ups: per month, category, owner and team, the amount, the weighted amount of the
// open deals and the number of deals, kept current by hooks on every deal write. The forecast
// reads these few rows instead of summing a million deals. A roll-up carries the owner and team
// of its deals, so each user's read scope reaches the same totals as it reaches deals.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace deals {

struct RollupRow {
    std::string month;
    std::string category;
    std::int64_t owner = 0;
    std::int64_t team = 0;
    double amount = 0;
    double weighted = 0;
    std::int64_t deals = 0;
};

/// The roll-ups the caller may read whose month starts with `monthPrefix` ("2026-" or
/// "2026-03"), limited to an owner and/or team when given.
std::vector<RollupRow> readRollups(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                                   const std::string& monthPrefix, std::int64_t owner, std::int64_t team);

/// Hooks on Deal that move each deal's contribution between roll-ups, the write protection of the
/// roll-ups, and the job `deals.forecast_rebuild` that recomputes them from the deals (after a
/// bulk import, which runs no hooks).
void addForecastRollups(tessera::sdk::PluginContext& context);

/// Recomputes every roll-up from the deals; returns the number of deals read.
std::int64_t rebuildRollups(tessera::sdk::Records& records);

}  // namespace deals
