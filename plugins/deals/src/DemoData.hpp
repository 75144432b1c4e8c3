#pragma once

#include <tessera/sdk/Web.hpp>

namespace deals {

/// Open, won and lost deals over the demo companies, with contacts in roles, for the demo users.
void loadDemoData(tessera::sdk::DemoContext& demo);

}  // namespace deals
