#pragma once

#include <string>

#include <boost/config.hpp>

namespace tessera::activities {

/// Lets other plugins put a date or datetime field of their entity on the activities calendar
/// (a contract's end date, an invoice's due date). Get it with
/// `context.find<CalendarSources>("activities.calendar")` in extensionsInitialized() (list
/// `activities` as an optional dependency). The calendar shows the records the viewer may read,
/// owned by the people whose calendar is shown, on the day of the field's value. Thread-safe.
class BOOST_SYMBOL_VISIBLE CalendarSources {
public:
    virtual ~CalendarSources() = default;
    /// `label` prefixes the record's title on the calendar ("Contract ends").
    virtual void showDateField(const std::string& entity, const std::string& field,
                               const std::string& label) = 0;
};

}  // namespace tessera::activities
