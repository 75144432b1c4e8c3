#pragma once

#include <optional>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// The oldest open (not converted) lead with this e-mail address.
std::optional<tessera::sdk::Record> openLeadWithEmail(tessera::sdk::Records& records, const std::string& email);

/// Counts one event of `kind` on the lead (its score follows through the scoring hook) and fills
/// the lead's empty fields from `fill`; as the system, retried when a write got in between.
void recordBehaviour(tessera::sdk::Records& records, const tessera::sdk::Record& lead, const std::string& kind,
                     const tessera::sdk::Record& fill = tessera::sdk::Record::object(), bool touched = false);

/// Behaviour reported by others: the event `leads.behaviour` ({"lead_id" or "email", "kind"}),
/// POST /api/v1/p/leads/behaviour with the same body, and activities logged on a lead (counted
/// as "interaction_<kind>", "task" or "meeting", and marking the lead as worked on).
void addBehaviour(tessera::sdk::PluginContext& context);

}  // namespace leads
