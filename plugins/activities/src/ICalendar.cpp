#include "ICalendar.hpp"

#include <algorithm>
#include <map>

#include "Activities.hpp"
#include "IsoTime.hpp"
#include "ReminderSchedule.hpp"
#include "Series.hpp"

namespace activities {

using namespace std::chrono;

namespace {

/// "2026-03-02T10:00:00Z" -> "20260302T100000Z"; a wall-clock time without the Z.
std::string compact(const std::string& iso, bool utc) {
    std::string out = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    if (iso.size() >= 16) {
        out += "T" + iso.substr(11, 2) + iso.substr(14, 2) +
               (iso.size() >= 19 ? iso.substr(17, 2) : "00");
    }
    return utc ? out + "Z" : out;
}

std::string offset(int seconds) {
    char out[16];
    int minutes = std::abs(seconds) / 60 % (100 * 60);
    std::snprintf(out, sizeof out, "%c%02d%02d", seconds < 0 ? '-' : '+', minutes / 60,
                  minutes % 60);
    return out;
}

std::string byDay(const TimeZone::Transition& rule) {
    static constexpr const char* kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    return (rule.week == 5 ? std::string("-1") : std::to_string(rule.week)) + kDays[rule.weekday];
}

/// A transition's first local start in 1970, as VTIMEZONE wants its DTSTART.
std::string firstStart(const TimeZone::Transition& rule) {
    auto day = TimeZone::dayOf(rule, 1970) + seconds(rule.seconds);
    return compact(formatLocal(day) + ":00", false);
}

void vtimezone(std::vector<std::string>& lines, const TimeZone& zone) {
    lines.push_back("BEGIN:VTIMEZONE");
    lines.push_back("TZID:" + zone.name());
    if (!zone.hasDaylight()) {
        lines.insert(lines.end(),
                     {"BEGIN:STANDARD", "DTSTART:19700101T000000",
                      "TZOFFSETFROM:" + offset(zone.standardOffset()),
                      "TZOFFSETTO:" + offset(zone.standardOffset()),
                      "TZNAME:" + ICalendar::escape(zone.standardAbbreviation()), "END:STANDARD"});
    } else {
        const auto& start = zone.daylightStart();
        const auto& end = zone.daylightEnd();
        lines.insert(
            lines.end(),
            {"BEGIN:DAYLIGHT", "DTSTART:" + firstStart(start),
             "RRULE:FREQ=YEARLY;BYMONTH=" + std::to_string(start.month) + ";BYDAY=" + byDay(start),
             "TZOFFSETFROM:" + offset(zone.standardOffset()),
             "TZOFFSETTO:" + offset(zone.daylightOffset()),
             "TZNAME:" + ICalendar::escape(zone.daylightAbbreviation()), "END:DAYLIGHT",
             "BEGIN:STANDARD", "DTSTART:" + firstStart(end),
             "RRULE:FREQ=YEARLY;BYMONTH=" + std::to_string(end.month) + ";BYDAY=" + byDay(end),
             "TZOFFSETFROM:" + offset(zone.daylightOffset()),
             "TZOFFSETTO:" + offset(zone.standardOffset()),
             "TZNAME:" + ICalendar::escape(zone.standardAbbreviation()), "END:STANDARD"});
    }
    lines.push_back("END:VTIMEZONE");
}

void alarms(std::vector<std::string>& lines, const tessera::sdk::Record& record,
            const std::string& what) {
    for (int minutes : ReminderSchedule::offsets(record.value("reminder_offsets", nlohmann::json()),
                                                 "reminder_offsets")) {
        lines.insert(lines.end(),
                     {"BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + ICalendar::escape(what),
                      minutes == 0 ? "TRIGGER:PT0S" : "TRIGGER:-PT" + std::to_string(minutes) + "M",
                      "END:VALARM"});
    }
}

void common(std::vector<std::string>& lines, const std::string& kind,
            const tessera::sdk::Record& record) {
    std::string modified = text(record, "updated_at");
    // A changed occurrence of a series shares the series' UID (RFC 5545, 3.8.4.4).
    std::int64_t series = integer(record, "recurrence_of");
    lines.push_back("UID:" + kind + "-" +
                    std::to_string(series > 0 ? series : integer(record, "id")) + "@tessera");
    lines.push_back("DTSTAMP:" + compact(modified.empty() ? formatUtc(nowUtc()) : modified, true));
    if (!modified.empty()) {
        lines.push_back("LAST-MODIFIED:" + compact(modified, true));
    }
    lines.push_back("SEQUENCE:" +
                    std::to_string(std::max<std::int64_t>(0, integer(record, "version") - 1)));
}

}  // namespace

std::string ICalendar::escape(const std::string& value) {
    std::string out;
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
                    out += c;
                }
        }
    }
    return out;
}

std::string ICalendar::fold(const std::string& line) {
    std::string out;
    std::size_t at = 0;
    std::size_t width = 75;
    while (line.size() - at > width) {
        std::size_t cut = at + width;
        while (cut > at && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out += line.substr(at, cut - at) + "\r\n ";
        at = cut;
        width = 74;  // the leading space counts
    }
    return out + line.substr(at) + "\r\n";
}

void ICalendar::addComponent(const std::vector<std::string>& lines) {
    std::string block;
    for (const auto& line : lines) {
        block += fold(line);
    }
    components_.push_back(std::move(block));
}

std::string ICalendar::zoneOf(const tessera::sdk::Record& record) {
    TimeZone zone = zoneFor(record, fallback_);
    if (std::none_of(zones_.begin(), zones_.end(),
                     [&](const TimeZone& z) { return z.name() == zone.name(); })) {
        zones_.push_back(zone);
    }
    return zone.name();
}

void ICalendar::when(std::vector<std::string>& lines, const std::string& property,
                     const std::string& utc, const std::string& zoneName, bool allDay) {
    auto time = parseUtc(utc);
    if (!time) {
        return;
    }
    const TimeZone& zone = *std::find_if(zones_.begin(), zones_.end(),
                                         [&](const TimeZone& z) { return z.name() == zoneName; });
    Local local = zone.toLocal(*time);
    if (allDay) {
        lines.push_back(property +
                        ";VALUE=DATE:" + compact(formatLocal(local), false).substr(0, 8));
    } else if (zone.name() == "UTC") {
        lines.push_back(property + ":" + compact(utc, true));
    } else {
        lines.push_back(property + ";TZID=" + zone.name() + ":" +
                        compact(formatLocal(local) + ":00", false));
    }
}

void ICalendar::addMeeting(const tessera::sdk::Record& meeting) {
    std::vector<std::string> lines = {"BEGIN:VEVENT"};
    common(lines, "meeting", meeting);
    std::string zone = zoneOf(meeting);
    bool allDay = meeting.value("all_day", false);
    when(lines, "DTSTART", text(meeting, "starts_at"), zone, allDay);
    if (allDay) {
        // DTEND of an all-day event is the day after its last day.
        auto end = parseUtc(text(meeting, "ends_at"));
        if (end) {
            when(lines, "DTEND", formatUtc(*end + days(1)), zone, true);
        }
    } else {
        when(lines, "DTEND", text(meeting, "ends_at"), zone, false);
    }
    if (integer(meeting, "recurrence_of") > 0) {
        when(lines, "RECURRENCE-ID", text(meeting, "recurrence_id"), zone, allDay);
    }
    lines.push_back("SUMMARY:" + escape(text(meeting, "title")));
    for (const auto& [property, field] :
         {std::pair{"LOCATION", "location"}, std::pair{"DESCRIPTION", "description"}}) {
        if (!text(meeting, field).empty()) {
            lines.push_back(std::string(property) + ":" + escape(text(meeting, field)));
        }
    }
    if (!text(meeting, "rrule").empty()) {
        lines.push_back("RRULE:" + text(meeting, "rrule"));
        for (Utc cancelled : series::times(meeting, "exdates")) {
            when(lines, "EXDATE", formatUtc(cancelled), zone, allDay);
        }
    }
    lines.push_back(std::string("STATUS:") +
                    (text(meeting, "status") == "cancelled" ? "CANCELLED" : "CONFIRMED"));
    alarms(lines, meeting, text(meeting, "title"));
    lines.push_back("END:VEVENT");
    addComponent(lines);
}

void ICalendar::addTask(const tessera::sdk::Record& task) {
    // A repeating task moved off its schedule is the series at its scheduled time plus that one
    // occurrence at its own (RECURRENCE-ID), as clients show a moved occurrence.
    std::string due = text(task, "due_at");
    std::string scheduled = text(task, "scheduled_at");
    bool repeats = !text(task, "rrule").empty() && !due.empty();
    bool moved = repeats && !scheduled.empty() && parseUtc(scheduled) != parseUtc(due);
    addTodo(task, moved ? scheduled : due, "", repeats);
    if (moved) {
        addTodo(task, due, scheduled, false);
    }
}

void ICalendar::addTodo(const tessera::sdk::Record& task, const std::string& due,
                        const std::string& recurrenceId, bool withRule) {
    std::vector<std::string> lines = {"BEGIN:VTODO"};
    common(lines, "task", task);
    std::string zone = zoneOf(task);
    when(lines, "DUE", due, zone, false);
    if (!recurrenceId.empty()) {
        when(lines, "RECURRENCE-ID", recurrenceId, zone, false);
    }
    lines.push_back("SUMMARY:" + escape(text(task, "title")));
    if (!text(task, "description").empty()) {
        lines.push_back("DESCRIPTION:" + escape(text(task, "description")));
    }
    static const std::map<std::string, std::string> kPriorities = {
        {"urgent", "1"}, {"high", "3"}, {"normal", "5"}, {"low", "9"}};
    if (auto it = kPriorities.find(text(task, "priority")); it != kPriorities.end()) {
        lines.push_back("PRIORITY:" + it->second);
    }
    static const std::map<std::string, std::string> kStatus = {{"open", "NEEDS-ACTION"},
                                                               {"in_progress", "IN-PROCESS"},
                                                               {"done", "COMPLETED"},
                                                               {"cancelled", "CANCELLED"}};
    if (auto it = kStatus.find(text(task, "status")); it != kStatus.end()) {
        lines.push_back("STATUS:" + it->second);
    }
    if (!text(task, "completed_at").empty()) {
        lines.push_back("COMPLETED:" + compact(text(task, "completed_at"), true));
    }
    if (withRule) {
        lines.push_back("RRULE:" + text(task, "rrule"));
    }
    if (!due.empty()) {
        alarms(lines, task, text(task, "title"));
    }
    lines.push_back("END:VTODO");
    addComponent(lines);
}

std::string ICalendar::serialize() const {
    std::vector<std::string> head = {
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tessera//Activities//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape(name_),
        "X-WR-TIMEZONE:" + (readerZone_.empty() ? fallback_.name() : readerZone_)};
    std::string out;
    for (const auto& line : head) {
        out += fold(line);
    }
    for (const auto& zone : zones_) {
        std::vector<std::string> lines;
        if (zone.name() != "UTC") {
            vtimezone(lines, zone);
        }
        for (const auto& line : lines) {
            out += fold(line);
        }
    }
    for (const auto& component : components_) {
        out += component;
    }
    return out + "END:VCALENDAR\r\n";
}

}  // namespace activities
