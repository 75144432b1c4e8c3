#pragma once

// The kanban of a pipeline: a column per stage with count, total and weighted total, cards
// that move by drag or by their form (the target stage's required fields asked for in place),
// filters by owner, team and close date; and the move endpoint of the JSON API.
#include <tessera/sdk/PluginContext.hpp>

#include "Pipelines.hpp"

namespace deals {

void addKanban(tessera::sdk::PluginContext& context, const Pipelines& pipelines);

/// Moves a deal to a stage with the values the target stage asked for, as `caller`.
tessera::sdk::Record moveDeal(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                              std::int64_t dealId, std::int64_t version, std::int64_t stageId,
                              tessera::sdk::Record values);

}  // namespace deals
