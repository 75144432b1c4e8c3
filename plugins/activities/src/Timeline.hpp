#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "Activities.hpp"

namespace activities {

/// One entry of a record's timeline: an activity, a task, a meeting, another plugin's event, or
/// a change from the audit log.
struct TimelineEntry {
    std::string at;  ///< ISO 8601 UTC
    int rank = 0;    ///< 1 for timeline items, 0 for audit entries: the order among equal times
    std::int64_t id = 0;
    std::string kind;  ///< call, email, meeting, note, chat, sms, task, event, change
    std::string title;
    std::string summary;
    std::string link;
    std::int64_t actorId = 0;
    std::string sourceEntity;
    std::int64_t sourceId = 0;
    /// For changes: [{"field", "old", "new"}].
    nlohmann::json changes = nlohmann::json::array();
};

struct TimelinePage {
    std::vector<TimelineEntry> entries;
    std::string nextCursor;  ///< "" on the last page
};

/// Reads a record's timeline newest first, merging the TimelineItem index with the record's
/// audit log, keyset-paged on (time, rank, id) so a record with thousands of entries pages as
/// fast as one with ten. Whoever may read the record sees its timeline.
class Timeline {
public:
    static const std::vector<std::string>& kinds();
    /// Kind -> label for pages ("email" -> "E-mail").
    static const std::map<std::string, std::string>& labels();

    explicit Timeline(Activities& shared) : shared_(shared) {}

    /// "not_found" when the caller may not read the record; "validation" for a bad cursor.
    TimelinePage read(const tessera::sdk::Caller& caller, const std::string& entity,
                      std::int64_t id, const std::set<std::string>& kinds, const std::string& after,
                      int limit);

private:
    Activities& shared_;
};

}  // namespace activities
