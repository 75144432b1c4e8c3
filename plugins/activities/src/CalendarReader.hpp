#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <tessera/activities/CalendarSources.hpp>

#include "Activities.hpp"
#include "IsoTime.hpp"

namespace activities {

/// The date fields other plugins asked to show on the calendar ("activities.calendar").
class DateSources final : public tessera::activities::CalendarSources {
public:
    struct Source {
        std::string entity;
        std::string field;
        std::string label;
    };
    void showDateField(const std::string& entity, const std::string& field,
                       const std::string& label) override {
        std::lock_guard guard(mutex_);
        sources_.push_back({entity, field, label});
    }
    std::vector<Source> list() const {
        std::lock_guard guard(mutex_);
        return sources_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Source> sources_;
};

/// One thing on the calendar, in local time.
struct Occurrence {
    Local start{};
    Local end{};
    bool allDay = false;
    bool done = false;
    std::string kind{};  ///< meeting, task, date
    std::string title{};
    std::string where{};
    std::string link{};
    std::int64_t owner = 0;
    std::int64_t id = 0;  ///< the meeting or task
};

/// Whose calendar: a set of users; empty means "everyone the viewer may see".
struct Whose {
    std::string key;
    std::set<std::int64_t> users;
    std::string label;
    std::int64_t calendarId = 0;  ///< a shared calendar instead of people
    /// The one user whose calendar it is shares it with the viewer: all their meetings and tasks
    /// show, and only those the viewer may read link to their pages.
    bool sharedWithViewer = false;
};

/// What the calendar shows for a view: meetings (repeating ones expanded), tasks by due time and
/// other plugins' date fields, in the viewer's zone, as the viewer may see them.
class CalendarReader {
public:
    /// Times come out in `zone`, the viewer's.
    CalendarReader(Activities& shared, const tessera::sdk::Caller& caller,
                   const DateSources& sources, TimeZone zone)
        : shared_(shared), caller_(caller), sources_(sources), zone_(std::move(zone)) {}

    /// Everything on `whose` calendar that overlaps [from, to), all-day first, then by start.
    std::vector<Occurrence> read(const Whose& whose, Local from, Local to);

private:
    void meetings(std::vector<Occurrence>& out, const Whose& whose, Utc fromUtc, Utc toUtc,
                  Local from, Local to);
    void tasks(std::vector<Occurrence>& out, const Whose& whose, Utc fromUtc, Utc toUtc);
    void dates(std::vector<Occurrence>& out, const Whose& whose, Local from, Local to);
    /// Drops the links of what the viewer may not read on a calendar shared with them.
    void unlinkUnreadable(std::vector<Occurrence>& out);

    Activities& shared_;
    tessera::sdk::Caller caller_;
    const DateSources& sources_;
    TimeZone zone_;
};

inline constexpr const char* kSharedCalendar = "SharedCalendar";

}  // namespace activities
