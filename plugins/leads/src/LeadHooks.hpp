#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// The lead's own rules: derived fields (full name, phone digits, company domain), the fields
/// only Tessera writes, "worked on" stamps for the follow-up reminders, the status "converted"
/// only through a conversion and nothing changed after it.
void addLeadHooks(tessera::sdk::PluginContext& context);

}  // namespace leads
