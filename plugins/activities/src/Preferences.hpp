#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"

namespace activities {

inline constexpr const char* kPreference = "CalendarPreference";

/// A user's calendar settings, one CalendarPreference record per user: the zone their pages and
/// forms use, whom they share their calendar with, and which other calendars their feed holds.
struct Preference {
    std::int64_t id = 0;  ///< 0 while the user has saved none
    std::int64_t version = 0;
    std::int64_t userId = 0;
    std::string timeZone{};  ///< "" for the plugin's zone
    std::vector<std::int64_t> sharedUsers{};
    std::vector<std::int64_t> sharedTeams{};
    /// "user-12" (a colleague's calendar shared with the user), "calendar-3" (a shared calendar).
    std::vector<std::string> feedSources{};
};

Preference preferenceOf(Activities& shared, std::int64_t userId);
/// The zone `userId` reads and types times in: their own, else the plugin's.
TimeZone zoneOfUser(Activities& shared, std::int64_t userId);
/// Whether `owner` shares their calendar with `viewer`, by name or through one of their teams.
bool sharesWith(Activities& shared, const Preference& owner, std::int64_t viewer);
/// The users who share their calendar with `viewer`, by display name.
std::vector<tessera::sdk::UserInfo> sharersWith(Activities& shared, std::int64_t viewer);
/// Creates or updates `userId`'s settings with `values` as that user.
void savePreference(Activities& shared, const tessera::sdk::Caller& caller,
                    const tessera::sdk::Record& values);

/// Validation of CalendarPreference writes (a user edits only their own) and the settings page
/// `/p/activities/settings`.
void addPreferences(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
