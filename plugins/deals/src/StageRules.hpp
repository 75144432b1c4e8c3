#pragma once

// The rules a deal follows through its pipeline: the stage's required fields, a loss reason
// when lost, won/lost dates, the probability from the stage (or its override), the weighted
// amount and forecast category, and the stage history written after every move.
#include <tessera/sdk/PluginContext.hpp>

#include "Pipelines.hpp"

namespace deals {

void addStageRules(tessera::sdk::PluginContext& context, const Pipelines& pipelines);

/// The forecast category a probability implies: commit from 75 %, best case from 50 %.
std::string categoryForProbability(int probability);

}  // namespace deals
