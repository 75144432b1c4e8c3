#pragma once

// The forecast: won, commit, best-case and pipeline amounts and the weighted open amount by
// month or quarter, or per owner or team for one period, with quotas and attainment. It adds up
// the forecast roll-ups (Rollups.hpp), a few rows per month, owner and team, so its cost does not
// grow with the number of deals.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

#include "People.hpp"
#include "Periods.hpp"

namespace deals {

struct ForecastRow {
    std::string key;  ///< the period key, or the owner / team id
    std::string label;
    double closed = 0;
    double commit = 0;
    double bestCase = 0;
    double pipeline = 0;
    double weighted = 0;
    std::int64_t openDeals = 0;
    std::optional<double> quota;

    double committed() const { return closed + commit; }
    double bestCaseTotal() const { return closed + commit + bestCase; }
    double unweighted() const { return closed + commit + bestCase + pipeline; }
    /// Won amount over quota in percent; nullopt without a quota.
    std::optional<double> attainment() const;
    nlohmann::json toJson() const;
};

struct ForecastTable {
    std::vector<ForecastRow> rows;
    ForecastRow total;
};

/// Whose numbers: everyone the caller sees, one owner, or one team.
struct ForecastScope {
    std::int64_t owner = 0;
    std::int64_t team = 0;
};

/// One row per month or quarter of `year`.
ForecastTable forecastByPeriod(tessera::sdk::Records& records, const tessera::sdk::Caller& caller, int year,
                               bool quarters, const ForecastScope& scope);
/// The totals of one period (what a widget shows).
ForecastRow forecastOfPeriod(tessera::sdk::Records& records, const tessera::sdk::Caller& caller, const Period& period,
                             const ForecastScope& scope);
/// One row per owner ("owner_id") or team ("team_id") with deals closing in `period`.
ForecastTable forecastByGroup(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                              People& people, const Period& period, const std::string& groupField,
                              const ForecastScope& scope);

}  // namespace deals
