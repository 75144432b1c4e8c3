#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace activities {

/// What activities do when the record they are linked to is merged into another (they follow
/// it, as part of the undoable merge) or when the person it keeps is exported or erased (their
/// interactions, tasks and meetings are part of the export and are erased with the person).
void addLinkedRecordHandlers(tessera::sdk::PluginContext& context);

}  // namespace activities
