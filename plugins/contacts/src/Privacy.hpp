#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// A person's data export (JSON, with every plugin's share) and erasure, from the contact's
/// page; and this plugin's own share of both: addresses, contact points, affiliations,
/// relationships, lifecycle history and segment memberships.
void addPrivacy(tessera::sdk::PluginContext& context);

}  // namespace contacts
