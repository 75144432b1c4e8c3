#include "CalendarReader.hpp"

#include <algorithm>

#include "Series.hpp"

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
    Utc fromUtc = zone_.toUtc(from) - days(1);
    Utc toUtc = zone_.toUtc(to) + days(1);
    meetings(out, whose, fromUtc, toUtc, from, to);
    if (whose.calendarId == 0) {
        tasks(out, whose, fromUtc, toUtc);
    }
    if (whose.sharedWithViewer) {
        unlinkUnreadable(out);
    }
    if (whose.calendarId == 0) {
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
    query.fields = {"title",      "location",      "starts_at",    "ends_at",   "all_day",
                    "status",     "attendee_ids",  "rrule",        "time_zone", "exdates",
                    "overridden", "recurrence_of", "recurrence_id"};
    if (whose.calendarId != 0) {
        query.filter = Filter::allOf({*query.filter, Filter::eq("calendar_id", whose.calendarId)});
    }
    // A viewer's own calendar holds the meetings they attend, whoever owns them, a shared
    // calendar every meeting on it, and so does a colleague's calendar they share with the
    // viewer; other calendars only what the viewer may read.
    bool own = (whose.users.size() == 1 && whose.users.contains(caller_.userId)) ||
               whose.calendarId != 0 || whose.sharedWithViewer;
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
        auto length = *ends - *starts;
        std::int64_t id = integer(meeting, "id");
        bool repeats = !text(meeting, "rrule").empty();
        Occurrence base{.allDay = meeting.value("all_day", false),
                        .kind = "meeting",
                        .title = text(meeting, "title"),
                        .where = text(meeting, "location"),
                        .link = recordPath(kMeeting, id),
                        .owner = integer(meeting, "owner_id"),
                        .id = id};
        TimeZone zone = shared_.zoneOf(meeting);
        for (Utc start :
             series::starts(meeting, zone, zone.toLocal(zone_.toUtc(from)) - length - days(1),
                            zone.toLocal(zone_.toUtc(to)) + days(1), 500)) {
            Occurrence item = base;
            item.start = zone_.toLocal(start);
            item.end = zone_.toLocal(start + length);
            std::int64_t seriesId = integer(meeting, "recurrence_of");
            auto replaced = parseUtc(text(meeting, "recurrence_id"));
            if (repeats || (seriesId > 0 && replaced)) {
                item.link = "/p/activities/meetings/" + std::to_string(repeats ? id : seriesId) +
                            "/occurrence?at=" + series::key(repeats ? start : *replaced);
            }
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
    query.fields = {"title", "due_at", "status", "record_title"};
    Caller reader = whose.sharedWithViewer ? Caller::systemCaller() : caller_;
    for (const auto& task : readAll(shared_.records, reader, query)) {
        Local due = zone_.toLocal(*parseUtc(text(task, "due_at")));
        out.push_back({.start = due,
                       .end = due,
                       .done = text(task, "status") == "done",
                       .kind = "task",
                       .title = text(task, "title"),
                       .where = text(task, "record_title"),
                       .link = recordPath(kTask, integer(task, "id")),
                       .owner = integer(task, "owner_id"),
                       .id = integer(task, "id")});
    }
}

void CalendarReader::unlinkUnreadable(std::vector<Occurrence>& out) {
    for (const char* entity : {kMeeting, kTask}) {
        std::set<std::int64_t> ids;
        for (const auto& item : out) {
            if (item.kind == (entity == kMeeting ? "meeting" : "task")) {
                ids.insert(item.id);
            }
        }
        if (ids.empty()) {
            continue;
        }
        std::set<std::int64_t> readable;
        for (const auto& row :
             readByIds(shared_.records, caller_, entity,
                       std::vector<std::int64_t>(ids.begin(), ids.end()), {"id"})) {
            readable.insert(integer(row, "id"));
        }
        for (auto& item : out) {
            bool ofEntity = item.kind == (entity == kMeeting ? "meeting" : "task");
            if (ofEntity && !readable.contains(item.id)) {
                item.link.clear();
            }
        }
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
