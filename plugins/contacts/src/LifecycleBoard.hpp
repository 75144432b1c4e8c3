#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "LifecycleStages.hpp"

namespace contacts {

/// The lifecycle board (/p/contacts/lifecycle?entity=Contact|Company): a column per stage in the
/// admins' order with the count and the latest records the viewer may read, each card with a
/// move form (drag and drop with the kernel's board script); moves go through the record API.
void addLifecycleBoard(tessera::sdk::PluginContext& context,
                       std::shared_ptr<LifecycleStages> stages);

}  // namespace contacts
