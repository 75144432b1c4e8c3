#pragma once

#include <tessera/sdk/Web.hpp>

namespace contacts {

/// A realistic customer base for `tessera demo`: 200 companies × scale (some in group
/// hierarchies), three people per company, roles, relationships, tags, a few duplicates for the
/// duplicates page, and segments.
void loadDemoData(tessera::sdk::DemoContext& demo);

}  // namespace contacts
