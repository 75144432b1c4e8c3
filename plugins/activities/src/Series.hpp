#pragma once

#include <set>
#include <string>
#include <vector>

#include <tessera/sdk/Query.hpp>

#include "IsoTime.hpp"
#include "TimeZone.hpp"

namespace activities {

/// A repeating meeting's occurrences and their exceptions. A cancelled occurrence is listed in
/// the series' `exdates`; a changed one in its `overridden`, and is a meeting of its own with
/// `recurrence_of` (the series) and `recurrence_id` (the start it replaces). Both lists hold the
/// occurrences' original starts in UTC.
namespace series {

/// The UTC times listed in a JSON array field; anything else in it is ignored.
std::set<Utc> times(const tessera::sdk::Record& record, const std::string& field);
/// The occurrences of the series (in UTC) starting in [from, to) local time, without the
/// cancelled and changed ones, at most `limit`. A meeting without a rule is its one start.
std::vector<Utc> starts(const tessera::sdk::Record& meeting, const TimeZone& zone, Local from,
                        Local to, std::size_t limit);
/// Whether the series has an occurrence starting at `start` (cancelled or changed ones too).
bool hasOccurrence(const tessera::sdk::Record& meeting, const TimeZone& zone, Utc start);
/// "20260302T080000Z", the form an occurrence takes in links.
std::string key(Utc start);
/// The start a key names; nullopt when it is not one.
std::optional<Utc> fromKey(const std::string& key);
/// Validates a JSON list of UTC times for `field` (at most 500), returning it canonical.
nlohmann::json checkedTimes(const nlohmann::json& value, const std::string& field);

}  // namespace series
}  // namespace activities
