#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// The task lists (mine, my team's, overdue; bulk reassignment on the team list), the form
/// that adds a task, and the home page widget.
void addTaskPages(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
