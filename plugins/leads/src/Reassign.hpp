#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// Manual reassignment: an owner picker beside each open lead for those who may change it,
/// POST /p/leads/leads/{id}/assign (form field `owner_id`) and its JSON twin
/// POST /api/v1/p/leads/leads/{id}/assign ({"owner_id": 12}). The new owner is notified by the
/// assignment hooks.
void addReassign(tessera::sdk::PluginContext& context);

}  // namespace leads
