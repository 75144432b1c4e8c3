#pragma once

#include <cstdint>

#include <tessera/sdk/PluginContext.hpp>

#include "RuleCache.hpp"

namespace leads {

/// A lead's score and which rule gave what.
struct ScoreResult {
    std::int64_t total = 0;
    /// [{"rule", "condition", "points"}], in rule order, only rules that matched.
    nlohmann::json details = nlohmann::json::array();
};

/// The admin's scoring rules: field rules add their points when the lead's field matches,
/// behaviour rules add theirs per counted event (up to `max_times`).
class Scoring {
public:
    Scoring(tessera::sdk::Records& records, std::int64_t threshold);

    ScoreResult score(const tessera::sdk::Record& lead);
    std::int64_t threshold() const { return threshold_; }
    RuleCache& rules() { return rules_; }

private:
    RuleCache rules_;
    std::int64_t threshold_;
};

/// Scores every lead as it is written, guards the rules (only `leads.configure` holders edit
/// them; fields and operators are checked) and re-scores open leads when a rule changes
/// (job `leads.rescore`).
void addScoring(tessera::sdk::PluginContext& context, Scoring& scoring);

}  // namespace leads
