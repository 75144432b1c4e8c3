#pragma once

// The rules a deal follows through its pipeline: the stage's required fields, a loss reason
// when lost, won/lost dates, the probability from the stage (or its override), the weighted
// amount and forecast category, and the stage history (and the entry tasks) written after every
// move.
#include <tessera/sdk/PluginContext.hpp>

#include "EntryTasks.hpp"
#include "Pipelines.hpp"

namespace deals {

/// `entryTasks` makes the tasks of a stage a deal enters, in the same transaction.
void addStageRules(tessera::sdk::PluginContext& context, const Pipelines& pipelines,
                   EntryTasks& entryTasks);

/// The forecast category a probability implies: commit from 75 %, best case from 50 %.
std::string categoryForProbability(int probability);

}  // namespace deals
