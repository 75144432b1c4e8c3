#pragma once

#include <memory>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

/// iCalendar: each user's private feed of their tasks and meetings at a secret URL (the token is
/// shown once and only its SHA-256 is stored; making a new one or revoking ends the old), and a
/// `.ics` download of one meeting.
void addCalendarFeeds(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

/// The feed of `userId` as that user sees it: their tasks (not cancelled) and the meetings they
/// own or attend, from a year back and every repeating one; plus the calendars they chose in their
/// settings that are still shared with them (colleagues' calendars, shared calendars they may
/// read).
std::string feedOf(Activities& shared, std::int64_t userId);

}  // namespace activities
