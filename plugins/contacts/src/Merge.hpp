#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// The merge page of two contacts or two companies: a value per field, then Records::merge,
/// which moves every related record of every plugin and can be undone from the history.
void addMergePages(tessera::sdk::PluginContext& context);

}  // namespace contacts
