#pragma once

#include <memory>
#include <optional>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"
#include "IsoTime.hpp"

namespace activities {

/// Which occurrences of a repeating meeting a change applies to.
enum class Scope { This, Following, All };

/// The new values of an occurrence; unset ones stay as they are.
struct OccurrenceChange {
    std::optional<std::string> title;
    std::optional<std::string> location;
    std::optional<Utc> start;
    std::optional<std::chrono::seconds> length;
};

/// Changes and cancellations of one occurrence of a repeating meeting, of it and the ones after
/// it, or of the whole series, with the permissions of `caller`:
/// - this: a changed occurrence becomes a meeting of its own (`recurrence_of`, `recurrence_id`)
///   listed in the series' `overridden`; a cancelled one goes to its `exdates`;
/// - following: the series ends before the occurrence (UNTIL) and, for a change, a new series
///   starts at it with what is left of a COUNT; later single changes of the old series go;
/// - all: the series moves by as much as the occurrence moved, with its exceptions.
/// Each is one transaction. `at` must be an occurrence of the series ("validation" naming `at`).
class MeetingOccurrences {
public:
    MeetingOccurrences(Activities& shared, tessera::sdk::Caller caller)
        : shared_(shared), caller_(std::move(caller)) {}

    /// Returns the id of the meeting that now holds the occurrence.
    std::int64_t change(std::int64_t seriesId, Utc at, Scope scope, const OccurrenceChange& change);
    void cancel(std::int64_t seriesId, Utc at, Scope scope);
    /// The override of occurrence `at`, when it has one.
    std::optional<tessera::sdk::Record> overrideOf(std::int64_t seriesId, Utc at);

private:
    tessera::sdk::Record series(std::int64_t id, Utc at);
    void changeThis(const tessera::sdk::Record& series, Utc at, const OccurrenceChange& change);
    std::int64_t split(const tessera::sdk::Record& series, Utc at, const OccurrenceChange* change);
    void changeAll(const tessera::sdk::Record& series, Utc at, const OccurrenceChange& change);
    void removeAll(const tessera::sdk::Record& series);
    std::vector<tessera::sdk::Record> overrides(std::int64_t seriesId);

    Activities& shared_;
    tessera::sdk::Caller caller_;
};

/// Reads "this", "following" or "all" ("validation" naming `scope` otherwise).
Scope parseScope(const std::string& text);

/// The occurrence page (`/p/activities/meetings/{id}/occurrence?at=20260302T080000Z`) with its
/// change and cancel forms, and the route they post to.
void addMeetingOccurrences(tessera::sdk::PluginContext& context,
                           std::shared_ptr<Activities> shared);

}  // namespace activities
