#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// The company tree panel: the ancestors and descendants of a company with roll-ups of people
/// and annual revenue over each subtree.
void addHierarchyPanel(tessera::sdk::PluginContext& context);

}  // namespace contacts
