#pragma once

#include <string>
#include <vector>

#include <tessera/sdk/Query.hpp>

#include "TimeZone.hpp"

namespace activities {

/// Writes RFC 5545 calendars: meetings as VEVENTs and tasks as VTODOs, in their own time zones
/// (a VTIMEZONE for each, from its current rule), with their RRULE, reminders as VALARMs, text
/// escaped and lines folded at 75 octets.
class ICalendar {
public:
    ICalendar(std::string name, TimeZone fallback)
        : name_(std::move(name)), fallback_(std::move(fallback)) {}

    /// The zone the reader lives in, for clients that show floating times (X-WR-TIMEZONE).
    void setReaderZone(std::string name) { readerZone_ = std::move(name); }
    void addMeeting(const tessera::sdk::Record& meeting);
    void addTask(const tessera::sdk::Record& task);
    std::string serialize() const;

    /// TEXT value escaping (backslash, semicolon, comma, newline).
    static std::string escape(const std::string& value);
    /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 character.
    static std::string fold(const std::string& line);

private:
    std::string zoneOf(const tessera::sdk::Record& record);
    void addComponent(const std::vector<std::string>& lines);
    void addTodo(const tessera::sdk::Record& task, const std::string& due,
                 const std::string& recurrenceId, bool withRule);
    void when(std::vector<std::string>& lines, const std::string& property, const std::string& utc,
              const std::string& zone, bool allDay);

    std::string name_;
    TimeZone fallback_;
    std::string readerZone_;
    std::vector<TimeZone> zones_;
    std::vector<std::string> components_;
};

}  // namespace activities
