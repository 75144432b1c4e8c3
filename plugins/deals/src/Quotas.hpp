#pragma once

// Quotas: a goal (won amount) for a user or a team per month or quarter.
#include <tessera/sdk/PluginContext.hpp>

namespace deals {

/// Checks quotas on save: a month or quarter, exactly one of user or team, one quota per period
/// and target; only those who may change pipelines set them; the quota is owned by its user (or
/// belongs to its team) so each sees their own.
void addQuotaRules(tessera::sdk::PluginContext& context);

}  // namespace deals
