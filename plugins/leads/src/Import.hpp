#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// POST /api/v1/p/leads/import: a CSV file of leads (header row; columns named like the lead's
/// fields or their usual headings) or {"rows": [{field: value}]}, at most 5,000 rows, created
/// one by one for the caller with every hook (scoring, assignment rules, duplicate warnings) in
/// one operation that can be undone; answers the counts and a message per refused row.
void addImport(tessera::sdk::PluginContext& context);

}  // namespace leads
