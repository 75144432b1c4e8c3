#pragma once

#include <optional>
#include <string>
#include <vector>

#include <tessera/sdk/Query.hpp>

#include "IsoTime.hpp"
#include "TimeZone.hpp"

namespace activities {

/// When the reminders of a task (before its due time) or a meeting (before each occurrence's
/// start) are due.
class ReminderSchedule {
public:
    /// Reminder offsets in minutes before, from a JSON array; refuses anything else for `field`.
    static std::vector<int> offsets(const nlohmann::json& value, const std::string& field);
    /// The first reminder strictly after `after`, or nullopt when none is left (done, cancelled,
    /// no offsets, no time). `entity` is "Task" or "Meeting".
    static std::optional<Utc> next(const std::string& entity, const tessera::sdk::Record& record,
                                   const TimeZone& zone, Utc after);
};

}  // namespace activities
