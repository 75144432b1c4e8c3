#pragma once

#include <string>

#include <tessera/sdk/PluginContext.hpp>

namespace activities {

/// Keeps TimelineItem rows, one per record an activity appears on (its linked record and each
/// contact involved), so a record's timeline is one indexed, keyset-paged query however many
/// sources feed it. Items carry their source's owner and team.
class TimelineIndex {
public:
    explicit TimelineIndex(tessera::sdk::Records& records) : records_(records) {}

    /// Writes the items of an interaction, task or meeting as it now is.
    void sync(const std::string& entity, const tessera::sdk::Record& source);
    /// Removes the items of a deleted activity.
    void drop(const std::string& entity, std::int64_t id);
    /// Adds an entry for an event another plugin published with a "timeline" object in its
    /// payload: {"entity": "Deal", "id": 12, "title": "Stage: won", "summary": "...", "kind":
    /// "event"}.
    void addEvent(const tessera::sdk::Event& event);

private:
    tessera::sdk::Records& records_;
};

/// Wires the index to the activity entities' hooks and to published events.
void addTimelineIndex(tessera::sdk::PluginContext& context);

}  // namespace activities
