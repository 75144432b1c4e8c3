#include "MeetingOccurrences.hpp"

#include "FormInput.hpp"
#include "Preferences.hpp"
#include "RRule.hpp"
#include "Refuse.hpp"
#include "Series.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

namespace {

/// What an occurrence of its own takes over from its series.
constexpr const char* kCopiedFields[] = {
    "title",       "description",      "location",    "all_day",       "status",
    "calendar_id", "attendee_ids",     "contact_ids", "record_entity", "record_id",
    "time_zone",   "reminder_offsets", "owner_id",    "team_id"};

nlohmann::json timeList(const std::set<Utc>& times) {
    nlohmann::json out = nlohmann::json::array();
    for (Utc time : times) {
        out.push_back(formatUtc(time));
    }
    return out;
}

std::set<Utc> before(std::set<Utc> times, Utc at) {
    std::erase_if(times, [&](Utc time) { return time >= at; });
    return times;
}

std::set<Utc> shifted(const std::set<Utc>& times, seconds delta) {
    std::set<Utc> out;
    for (Utc time : times) {
        out.insert(time + delta);
    }
    return out;
}

seconds lengthOf(const Record& meeting) {
    auto starts = parseUtc(text(meeting, "starts_at"));
    auto ends = parseUtc(text(meeting, "ends_at"));
    return starts && ends ? *ends - *starts : seconds(0);
}

void apply(Record& values, const OccurrenceChange& change, Utc start, seconds length) {
    if (change.title) {
        values["title"] = *change.title;
    }
    if (change.location) {
        values["location"] = *change.location;
    }
    values["starts_at"] = formatUtc(start);
    values["ends_at"] = formatUtc(start + length);
}

Record copyOf(const Record& meeting) {
    Record copy;
    for (const char* field : kCopiedFields) {
        copy[field] = meeting.value(field, nlohmann::json());
    }
    return copy;
}

}  // namespace

Scope parseScope(const std::string& text) {
    if (text == "this") {
        return Scope::This;
    }
    if (text == "following") {
        return Scope::Following;
    }
    if (text == "all") {
        return Scope::All;
    }
    refuse("scope", "must be this, following or all");
}

Record MeetingOccurrences::series(std::int64_t id, Utc at) {
    Record meeting = shared_.records.get(caller_, kMeeting, id);
    if (text(meeting, "rrule").empty()) {
        refuse("at", "meeting " + std::to_string(id) + " does not repeat");
    }
    if (!series::hasOccurrence(meeting, shared_.zoneOf(meeting), at) ||
        series::times(meeting, "exdates").contains(at)) {
        refuse("at", formatUtc(at) + " is not an occurrence of this meeting");
    }
    return meeting;
}

std::vector<Record> MeetingOccurrences::overrides(std::int64_t seriesId) {
    Query query;
    query.entity = kMeeting;
    query.filter = Filter::eq("recurrence_of", seriesId);
    return readAll(shared_.records, caller_, query);
}

std::optional<Record> MeetingOccurrences::overrideOf(std::int64_t seriesId, Utc at) {
    Query query;
    query.entity = kMeeting;
    query.filter = Filter::allOf(
        {Filter::eq("recurrence_of", seriesId), Filter::eq("recurrence_id", formatUtc(at))});
    query.limit = 1;
    auto rows = shared_.records.query(caller_, query).rows;
    return rows.empty() ? std::nullopt : std::optional<Record>(rows.front());
}

std::int64_t MeetingOccurrences::change(std::int64_t seriesId, Utc at, Scope scope,
                                        const OccurrenceChange& change) {
    Record meeting = series(seriesId, at);
    if (scope == Scope::Following && parseUtc(text(meeting, "starts_at")) == at) {
        scope = Scope::All;
    }
    std::int64_t holder = seriesId;
    shared_.records.transaction([&] {
        if (scope == Scope::This) {
            changeThis(meeting, at, change);
            holder = integer(*overrideOf(seriesId, at), "id");
        } else if (scope == Scope::Following) {
            holder = split(meeting, at, &change);
        } else {
            changeAll(meeting, at, change);
        }
    });
    return holder;
}

void MeetingOccurrences::cancel(std::int64_t seriesId, Utc at, Scope scope) {
    Record meeting = series(seriesId, at);
    if (scope == Scope::Following && parseUtc(text(meeting, "starts_at")) == at) {
        scope = Scope::All;
    }
    shared_.records.transaction([&] {
        if (scope == Scope::This) {
            if (auto existing = overrideOf(seriesId, at)) {
                // The delete hook lists it as cancelled in the series.
                shared_.records.remove(caller_, kMeeting, integer(*existing, "id"));
                meeting = shared_.records.get(caller_, kMeeting, seriesId);
            }
            std::set<Utc> cancelled = series::times(meeting, "exdates");
            if (!cancelled.contains(at)) {
                cancelled.insert(at);
                shared_.records.update(caller_, kMeeting, seriesId, integer(meeting, "version"),
                                       {{"exdates", timeList(cancelled)}});
            }
        } else if (scope == Scope::Following) {
            split(meeting, at, nullptr);
        } else {
            removeAll(meeting);
        }
    });
}

void MeetingOccurrences::changeThis(const Record& meeting, Utc at, const OccurrenceChange& change) {
    std::int64_t seriesId = integer(meeting, "id");
    if (auto existing = overrideOf(seriesId, at)) {
        Record values;
        Utc start = change.start.value_or(*parseUtc(text(*existing, "starts_at")));
        apply(values, change, start, change.length.value_or(lengthOf(*existing)));
        shared_.records.update(caller_, kMeeting, integer(*existing, "id"),
                               integer(*existing, "version"), values);
        return;
    }
    Record values = copyOf(meeting);
    apply(values, change, change.start.value_or(at), change.length.value_or(lengthOf(meeting)));
    values["recurrence_of"] = seriesId;
    values["recurrence_id"] = formatUtc(at);
    shared_.records.create(caller_, kMeeting, values);
    std::set<Utc> overridden = series::times(meeting, "overridden");
    overridden.insert(at);
    shared_.records.update(caller_, kMeeting, seriesId, integer(meeting, "version"),
                           {{"overridden", timeList(overridden)}});
}

std::int64_t MeetingOccurrences::split(const Record& meeting, Utc at,
                                       const OccurrenceChange* change) {
    std::int64_t seriesId = integer(meeting, "id");
    TimeZone zone = shared_.zoneOf(meeting);
    RRule rule = RRule::parse(text(meeting, "rrule"));
    Local first = zone.toLocal(*parseUtc(text(meeting, "starts_at")));
    std::size_t earlier = rule.expand(first, zone, first, zone.toLocal(at), 100000).size();
    for (const auto& item : overrides(seriesId)) {
        auto replaced = parseUtc(text(item, "recurrence_id"));
        if (replaced && *replaced >= at) {
            shared_.records.remove(caller_, kMeeting, integer(item, "id"));
        }
    }
    Record current = shared_.records.get(caller_, kMeeting, seriesId);  // after the removals
    RRule ended = rule;
    ended.count.reset();
    ended.untilDate.reset();
    ended.untilUtc = at - seconds(1);
    shared_.records.update(
        caller_, kMeeting, seriesId, integer(current, "version"),
        {{"rrule", ended.toString()},
         {"exdates", timeList(before(series::times(current, "exdates"), at))},
         {"overridden", timeList(before(series::times(current, "overridden"), at))}});
    if (change == nullptr) {
        return seriesId;
    }
    RRule rest = rule;
    if (rest.count) {
        *rest.count -= static_cast<int>(earlier);
    }
    Record values = copyOf(meeting);
    apply(values, *change, change->start.value_or(at), change->length.value_or(lengthOf(meeting)));
    values["rrule"] = rest.toString();
    return integer(shared_.records.create(caller_, kMeeting, values), "id");
}

void MeetingOccurrences::changeAll(const Record& meeting, Utc at, const OccurrenceChange& change) {
    std::int64_t seriesId = integer(meeting, "id");
    seconds delta = change.start ? *change.start - at : seconds(0);
    Record values;
    apply(values, change, *parseUtc(text(meeting, "starts_at")) + delta,
          change.length.value_or(lengthOf(meeting)));
    if (delta != seconds(0)) {
        // The exceptions name occurrences by their start: they move with the series.
        values["exdates"] = timeList(shifted(series::times(meeting, "exdates"), delta));
        values["overridden"] = timeList(shifted(series::times(meeting, "overridden"), delta));
        for (const auto& item : overrides(seriesId)) {
            if (auto replaced = parseUtc(text(item, "recurrence_id"))) {
                shared_.records.update(caller_, kMeeting, integer(item, "id"),
                                       integer(item, "version"),
                                       {{"recurrence_id", formatUtc(*replaced + delta)}});
            }
        }
    }
    shared_.records.update(caller_, kMeeting, seriesId, integer(meeting, "version"), values);
}

void MeetingOccurrences::removeAll(const Record& meeting) {
    for (const auto& item : overrides(integer(meeting, "id"))) {
        shared_.records.remove(caller_, kMeeting, integer(item, "id"));
    }
    shared_.records.remove(caller_, kMeeting, integer(meeting, "id"));
}

namespace {

Utc occurrenceAt(const FormInput& form) {
    auto at = series::fromKey(form.text("at"));
    if (!at) {
        refuse("at", "must be an occurrence like 20260302T080000Z");
    }
    return *at;
}

std::string weekOf(const TimeZone& zone, Utc time) {
    return "/p/activities/calendar?view=week&date=" +
           formatDate(year_month_day{floor<days>(zone.toLocal(time))});
}

WebResponse occurrencePage(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    Caller caller = request.caller();
    std::int64_t id = form.id(request.param("id"), "id");
    Utc at = occurrenceAt(form);
    MeetingOccurrences occurrences(shared, caller);
    Record meeting = shared.records.get(caller, kMeeting, id);
    if (text(meeting, "rrule").empty() ||
        !series::hasOccurrence(meeting, shared.zoneOf(meeting), at) ||
        series::times(meeting, "exdates").contains(at)) {
        throw PluginError("not_found", "meeting " + std::to_string(id) + " has no such occurrence");
    }
    auto changed = occurrences.overrideOf(id, at);
    const Record& shown = changed ? *changed : meeting;
    Utc start = changed ? *parseUtc(text(shown, "starts_at")) : at;
    TimeZone zone = zoneOfUser(shared, caller.userId);
    std::string title = text(shown, "title");
    nlohmann::json data = {
        {"TITLE", title},
        {"WHEN", formatDisplay(zone.toLocal(start))},
        {"ZONE_NAME", zone.name()},
        {"START", formatLocal(zone.toLocal(start))},
        {"MINUTES", duration_cast<minutes>(lengthOf(shown)).count()},
        {"LOCATION", text(shown, "location")},
        {"RRULE", text(meeting, "rrule")},
        {"SERIES_HREF", recordPath(kMeeting, id)},
        {"ACTION", "/p/activities/meetings/" + std::to_string(id) + "/occurrence"},
        {"AT", series::key(at)},
        {"CHANGED", changed.has_value()},
        {"ORIGINAL", formatDisplay(zone.toLocal(at))}};
    return WebResponse::page(title, "activities.occurrence.tpl", data,
                             {{"Home", "/"}, {"Calendar", weekOf(zone, start)}, {title, ""}});
}

WebResponse changeOccurrence(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    Caller caller = request.caller();
    std::int64_t id = form.id(request.param("id"), "id");
    Utc at = occurrenceAt(form);
    Scope scope = parseScope(form.text("scope"));
    TimeZone zone = zoneOfUser(shared, caller.userId);
    MeetingOccurrences occurrences(shared, caller);
    if (form.text("action") == "cancel") {
        occurrences.cancel(id, at, scope);
        return WebResponse::redirect(weekOf(zone, at), scope == Scope::This
                                                           ? "The occurrence is cancelled."
                                                           : "The occurrences are cancelled.");
    }
    OccurrenceChange change;
    change.title = form.text("title");
    change.location = form.text("location");
    if (auto start = form.utcTime("starts_at", zone); !start.is_null()) {
        change.start = *parseUtc(start.get<std::string>());
    }
    change.length = minutes(form.minutes("duration_minutes", 30));
    occurrences.change(id, at, scope, change);
    return WebResponse::redirect(weekOf(zone, change.start.value_or(at)), "Meeting changed.");
}

/// The JSON API: {"scope": "this", "action": "change", "title": …, "location": …,
/// "starts_at": "2026-03-10T10:00:00Z", "duration_minutes": 45} or {"scope": …, "action":
/// "cancel"}; answers {"meeting": id} of the meeting that now holds the occurrence.
WebResponse changeOccurrenceJson(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    std::int64_t id = form.id(request.param("id"), "id");
    auto at = series::fromKey(request.param("at"));
    if (!at) {
        at = parseUtc(request.param("at"));
    }
    if (!at) {
        refuse("at", "must be an occurrence like 20260302T080000Z");
    }
    auto body = nlohmann::json::parse(request.body(), nullptr, false);
    if (!body.is_object()) {
        refuse("scope", "send a JSON object with scope, action and the new values");
    }
    auto textOf = [&](const char* name) -> std::optional<std::string> {
        auto value = body.value(name, nlohmann::json());
        if (value.is_null()) {
            return std::nullopt;
        }
        if (!value.is_string()) {
            refuse(name, "must be text");
        }
        return value.get<std::string>();
    };
    Scope scope = parseScope(textOf("scope").value_or(""));
    MeetingOccurrences occurrences(shared, request.caller());
    std::string action = textOf("action").value_or("change");
    if (action == "cancel") {
        occurrences.cancel(id, *at, scope);
        return WebResponse::json({{"meeting", nullptr}});
    }
    if (action != "change") {
        refuse("action", "must be change or cancel");
    }
    OccurrenceChange change{textOf("title"), textOf("location"), std::nullopt, std::nullopt};
    if (auto start = textOf("starts_at")) {
        change.start = parseUtc(*start);
        if (!change.start) {
            refuse("starts_at", "must be a UTC time like 2026-03-10T10:00:00Z");
        }
    }
    if (auto minutes = body.value("duration_minutes", nlohmann::json()); !minutes.is_null()) {
        if (!minutes.is_number_integer() || minutes.get<int>() < 1 || minutes.get<int>() > 1440) {
            refuse("duration_minutes", "must be 1 to 1440 minutes");
        }
        change.length = std::chrono::minutes(minutes.get<int>());
    }
    return WebResponse::json({{"meeting", occurrences.change(id, *at, scope, change)}});
}

/// Whatever deletes a meeting (its record page, the record API): a deleted changed occurrence
/// is a cancelled occurrence of its series, and a deleted series takes its changed occurrences.
void keepSeriesWhole(Records& records, HookEvent& event) {
    Caller system = Caller::systemCaller();
    std::int64_t seriesId = integer(event.record, "recurrence_of");
    auto replaced = parseUtc(text(event.record, "recurrence_id"));
    if (seriesId > 0 && replaced) {
        Record meeting;
        try {
            meeting = records.get(system, kMeeting, seriesId);
        } catch (const PluginError&) {
            return;  // the series went first
        }
        std::set<Utc> overridden = series::times(meeting, "overridden");
        if (overridden.erase(*replaced) == 0) {
            return;
        }
        std::set<Utc> cancelled = series::times(meeting, "exdates");
        cancelled.insert(*replaced);
        records.update(system, kMeeting, seriesId, integer(meeting, "version"),
                       {{"exdates", timeList(cancelled)}, {"overridden", timeList(overridden)}});
        return;
    }
    if (!text(event.record, "rrule").empty()) {
        Query changed;
        changed.entity = kMeeting;
        changed.filter = Filter::eq("recurrence_of", event.id);
        for (const auto& item : readAll(records, system, changed)) {
            records.remove(system, kMeeting, integer(item, "id"));
        }
    }
}

}  // namespace

void addMeetingOccurrences(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.addHook(kMeeting, HookPoint::AfterDelete, 100,
                    [shared](HookEvent& event) { keepSeriesWhole(shared->records, event); });
    context.addRoute(
        {"GET", "/p/activities/meetings/{id}/occurrence", Permission::on(kMeeting, Action::Read),
         [shared](const WebRequest& request) { return occurrencePage(*shared, request); }});
    context.addRoute(
        {"POST", "/p/activities/meetings/{id}/occurrence", Permission::on(kMeeting, Action::Update),
         [shared](const WebRequest& request) { return changeOccurrence(*shared, request); }});
    context.addRoute(
        {"POST", "/api/v1/p/activities/meetings/{id}/occurrences/{at}",
         Permission::on(kMeeting, Action::Update),
         [shared](const WebRequest& request) { return changeOccurrenceJson(*shared, request); }});
}

}  // namespace activities
