#pragma once

// Win/loss and velocity: win rates by owner, source, stage reached and competitor, loss
// reasons ranked, average days per stage and to close, and the sales velocity of a pipeline.
#include <tessera/sdk/PluginContext.hpp>

#include "People.hpp"
#include "Pipelines.hpp"

namespace deals {

struct WinLossRow {
    std::string key;
    std::string label;
    std::int64_t won = 0;
    std::int64_t lost = 0;
    double wonAmount = 0;

    /// Won out of closed, in percent (one decimal); 0 when nothing closed.
    double rate() const;
};

/// Won and lost deals (closed between `from` and `to`, in `pipeline`) grouped by a Deal field.
/// Owners are labelled with their names through `people`.
std::vector<WinLossRow> winLossBy(tessera::sdk::Records& records,
                                  const tessera::sdk::Caller& caller,
                                  const std::vector<tessera::sdk::Filter>& scope,
                                  const std::string& field, People& people);
/// Win rate of deals that reached each open stage (by their furthest stage).
std::vector<WinLossRow> winLossByStageReached(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                                              const std::vector<tessera::sdk::Filter>& scope,
                                              const Pipeline& pipeline);
/// Win rate per competitor named on the deals (read page by page: competitors are free tags).
std::vector<WinLossRow> winLossByCompetitor(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                                            const std::vector<tessera::sdk::Filter>& scope);

void addAnalyticsPage(tessera::sdk::PluginContext& context, const Pipelines& pipelines);

}  // namespace deals
