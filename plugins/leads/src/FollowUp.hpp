#pragma once

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// The named permission of the people who hear about their teammates' neglected leads.
inline constexpr const char* kManagePermission = "leads.manage";

/// The job `leads.follow_up` (every 10 minutes, on one node): an open lead nobody worked on for
/// the hours its status allows reminds its owner; still untouched `escalate_after_hours` later,
/// it tells the owner's teammates who hold leads.manage; a due next follow-up date reminds the
/// owner once.
void addFollowUps(tessera::sdk::PluginContext& context);

}  // namespace leads
