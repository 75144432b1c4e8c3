#include "CalendarReader.hpp"

#include <algorithm>

#include "RRule.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

namespace {

bool concerns(const Record& meeting, const std::set<std::int64_t>& users) {
    if (users.empty() || users.contains(integer(meeting, "owner_id"))) {
        return true;
    }
    auto attendees = meeting.value("attendee_ids", nlohmann::json());
    if (attendees.is_array()) {
        for (const auto& id : attendees) {
            if (id.is_number_integer() && users.contains(id.get<std::int64_t>())) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace

std::vector<Occurrence> CalendarReader::read(const Whose& whose, Local from, Local to) {
    std::vector<Occurrence> out;
    Utc fromUtc = shared_.zone.toUtc(from) - days(1);
    Utc toUtc = shared_.zone.toUtc(to) + days(1);
    meetings(out, whose, fromUtc, toUtc, from, to);
    if (whose.calendarId == 0) {
        tasks(out, whose, fromUtc, toUtc);
        dates(out, whose, from, to);
    }
    std::erase_if(out, [&](const Occurrence& o) { return o.end < from || o.start >= to; });
    std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
        return std::tie(b.allDay, a.start, a.title) < std::tie(a.allDay, b.start, b.title);
    });
    return out;
}

void CalendarReader::meetings(std::vector<Occurrence>& out, const Whose& whose, Utc fromUtc,
                              Utc toUtc, Local from, Local to) {
    Query query;
    query.entity = kMeeting;
    query.filter = Filter::allOf(
        {Filter::lt("starts_at", formatUtc(toUtc)),
         Filter::anyOf({Filter::gte("ends_at", formatUtc(fromUtc)), Filter::isNotNull("rrule")})});
    query.sort = {{"starts_at", false}};
    if (whose.calendarId != 0) {
        query.filter = Filter::allOf({*query.filter, Filter::eq("calendar_id", whose.calendarId)});
    }
    // A viewer's own calendar holds the meetings they attend, whoever owns them, and a shared
    // calendar every meeting on it; other calendars only what the viewer may read.
    bool own =
        (whose.users.size() == 1 && whose.users.contains(caller_.userId)) || whose.calendarId != 0;
    for (const auto& meeting :
         readAll(shared_.records, own ? Caller::systemCaller() : caller_, query)) {
        if (!concerns(meeting, whose.users) || text(meeting, "status") == "cancelled") {
            continue;
        }
        auto starts = parseUtc(text(meeting, "starts_at"));
        auto ends = parseUtc(text(meeting, "ends_at"));
        if (!starts || !ends) {
            continue;
        }
        TimeZone zone = shared_.zoneOf(meeting);
        auto length = *ends - *starts;
        Occurrence base{.allDay = meeting.value("all_day", false),
                        .kind = "meeting",
                        .title = text(meeting, "title"),
                        .where = text(meeting, "location"),
                        .link = recordPath(kMeeting, integer(meeting, "id")),
                        .owner = integer(meeting, "owner_id")};
        std::vector<Utc> startsUtc = {*starts};
        if (!text(meeting, "rrule").empty()) {
            startsUtc.clear();
            RRule rule = RRule::parse(text(meeting, "rrule"));
            Local seriesStart = zone.toLocal(*starts);
            for (Local local :
                 rule.expand(seriesStart, zone, from - length - days(1), to + days(1), 500)) {
                startsUtc.push_back(zone.toUtc(local));
            }
        }
        for (Utc start : startsUtc) {
            Occurrence item = base;
            item.start = shared_.zone.toLocal(start);
            item.end = shared_.zone.toLocal(start + length);
            out.push_back(item);
        }
    }
}

void CalendarReader::tasks(std::vector<Occurrence>& out, const Whose& whose, Utc fromUtc,
                           Utc toUtc) {
    Query query;
    query.entity = kTask;
    std::vector<Filter> parts = {Filter::gte("due_at", formatUtc(fromUtc)),
                                 Filter::lt("due_at", formatUtc(toUtc)),
                                 Filter::ne("status", "cancelled")};
    if (!whose.users.empty()) {
        parts.push_back(Filter::in("owner_id", nlohmann::json(whose.users)));
    }
    query.filter = Filter::allOf(parts);
    for (const auto& task : readAll(shared_.records, caller_, query)) {
        Local due = shared_.zone.toLocal(*parseUtc(text(task, "due_at")));
        out.push_back({.start = due,
                       .end = due,
                       .done = text(task, "status") == "done",
                       .kind = "task",
                       .title = text(task, "title"),
                       .where = text(task, "record_title"),
                       .link = recordPath(kTask, integer(task, "id")),
                       .owner = integer(task, "owner_id")});
    }
}

void CalendarReader::dates(std::vector<Occurrence>& out, const Whose& whose, Local from, Local to) {
    for (const auto& source : sources_.list()) {
        Query query;
        query.entity = source.entity;
        std::vector<Filter> parts = {
            Filter::gte(source.field, formatDate(year_month_day{floor<days>(from)})),
            Filter::lt(source.field, formatDate(year_month_day{floor<days>(to)}))};
        if (!whose.users.empty()) {
            parts.push_back(Filter::in("owner_id", nlohmann::json(whose.users)));
        }
        query.filter = Filter::allOf(parts);
        try {
            for (const auto& row : readAll(shared_.records, caller_, query)) {
                auto day = parseDate(text(row, source.field).substr(0, 10));
                if (!day) {
                    continue;
                }
                Local start = local_days{*day};
                out.push_back({.start = start,
                               .end = start,
                               .allDay = true,
                               .kind = "date",
                               .title = source.label + ": " + recordTitle(source.entity, row),
                               .link = recordPath(source.entity, integer(row, "id")),
                               .owner = integer(row, "owner_id")});
            }
        } catch (const PluginError&) {
            // The viewer may not read that entity: it stays off their calendar.
        }
    }
}

}  // namespace activities
