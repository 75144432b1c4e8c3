#pragma once

#include <optional>
#include <string>

#include "IsoTime.hpp"

namespace activities {

/// A time zone as the rule a POSIX TZ string gives ("CET-1CEST,M3.5.0,M10.5.0/3"): a standard
/// offset and, optionally, a daylight-saving offset with yearly start and end rules. IANA zones
/// are read from the footer of their TZif file, which holds the rule in force today; past rule
/// changes are not applied (activities are about the present and the future).
class TimeZone {
public:
    /// A day of the year as Mm.w.d: weekday d (0 = Sunday) of week w (5 = last) of month m, at
    /// `seconds` local time (in the offset in force before the change).
    struct Transition {
        int month = 0;
        int week = 0;
        int weekday = 0;
        int seconds = 7200;
    };

    static TimeZone utc();
    /// The zone of an IANA name ("Europe/Berlin"); nullopt for an unknown or unsafe name.
    static std::optional<TimeZone> named(const std::string& name);
    /// From a POSIX TZ rule; nullopt when it cannot be read.
    static std::optional<TimeZone> fromPosix(const std::string& name, const std::string& rule);

    const std::string& name() const { return name_; }
    Utc toUtc(Local time) const;
    Local toLocal(Utc time) const;
    /// Seconds east of UTC at `time`.
    int offsetAt(Utc time) const;
    bool daylightAt(Utc time) const;

    bool hasDaylight() const { return hasDaylight_; }
    int standardOffset() const { return standardOffset_; }
    int daylightOffset() const { return daylightOffset_; }
    const std::string& standardAbbreviation() const { return standardName_; }
    const std::string& daylightAbbreviation() const { return daylightName_; }
    const Transition& daylightStart() const { return start_; }
    const Transition& daylightEnd() const { return end_; }
    /// The local day of the transition in `year`.
    static std::chrono::local_days dayOf(const Transition& rule, int year);

private:
    static std::optional<TimeZone> read(const std::string& name);

    std::string name_;
    std::string standardName_;
    std::string daylightName_;
    int standardOffset_ = 0;
    int daylightOffset_ = 0;
    bool hasDaylight_ = false;
    Transition start_;
    Transition end_;
};

}  // namespace activities
