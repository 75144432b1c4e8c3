#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// Downloads of contacts or companies as CSV or XLSX: /p/contacts/export.csv and
/// /p/contacts/export.xlsx with entity=Contact|Company and segment=ID, ids=1,2,3 or neither
/// (everything the caller may export); needs the export permission.
void addExport(tessera::sdk::PluginContext& context);

}  // namespace contacts
