#pragma once

#include <optional>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// The hooks that keep contacts and companies tidy: names composed, e-mails, phones and
/// domains normalised (so duplicates can be found), no parent-company cycles, and every
/// lifecycle stage change kept as a StageChange record.
void addContactHooks(tessera::sdk::PluginContext& context);

/// What the before-write hooks do to a Contact or Company (names composed and trimmed, e-mails,
/// phones and domains normalised, parent cycles refused with a "validation" error), for the
/// bulk paths, which run no hooks. Other entities are left alone.
void prepareRecord(tessera::sdk::Records& records, tessera::sdk::HookEvent& event);

/// The StageChange row a change of lifecycle stage leaves; nullopt when the stage stayed.
std::optional<tessera::sdk::Record> stageChangeOf(const tessera::sdk::HookEvent& event);

/// The current time as ISO 8601 UTC ("2026-11-25T10:00:00Z").
std::string nowIso();

}  // namespace contacts
