#pragma once

#include <tessera/sdk/Web.hpp>

namespace activities {

/// Interactions, tasks (some recurring, some overdue) and meetings (one weekly) spread over the
/// demo companies and their contacts, around today, owned by the demo sales users.
void loadDemoData(tessera::sdk::DemoContext& demo);

}  // namespace activities
