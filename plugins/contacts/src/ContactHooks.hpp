#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// The hooks that keep contacts and companies tidy: names composed, e-mails, phones and
/// domains normalised (so duplicates can be found), no parent-company cycles, and every
/// lifecycle stage change kept as a StageChange record.
void addContactHooks(tessera::sdk::PluginContext& context);

/// The current time as ISO 8601 UTC ("2026-11-25T10:00:00Z").
std::string nowIso();

}  // namespace contacts
