#pragma once

#include <tessera/sdk/PluginContext.hpp>

#include "Scoring.hpp"

namespace leads {

/// The leads work list (/p/leads/list: filters, score order, checkboxes for bulk conversion),
/// the score breakdown beside each lead, and the menu.
void addLeadPages(tessera::sdk::PluginContext& context, Scoring& scoring);

}  // namespace leads
