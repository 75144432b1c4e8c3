#include "ActivityHooks.hpp"

#include "IsoTime.hpp"
#include "Mentions.hpp"
#include "RRule.hpp"
#include "Refuse.hpp"
#include "ReminderSchedule.hpp"
#include "Series.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

constexpr int kReminderGraceMinutes = 15;

/// Fields only the plugin writes; whatever a user sends for them is replaced.
constexpr const char* kDerivedFields[] = {"record_title",     "mentioned_ids", "next_reminder_at",
                                          "last_reminder_at", "completed_at",  "series_id",
                                          "occurrence"};

void keepDerivedFields(HookEvent& event) {
    if (event.caller.system) {
        return;
    }
    for (const char* field : kDerivedFields) {
        if (!event.record.contains(field)) {
            continue;
        }
        if (event.previous.is_object() && event.previous.contains(field)) {
            event.record[field] = event.previous[field];
        } else {
            event.record[field] = nullptr;
        }
    }
}

bool changed(const HookEvent& event, const char* field) {
    auto now = event.record.value(field, nlohmann::json());
    if (!event.previous.is_object() || event.previous.empty()) {
        return !now.is_null();
    }
    return now != event.previous.value(field, nlohmann::json());
}

void linkRecord(Activities& shared, HookEvent& event) {
    std::string entity = text(event.record, "record_entity");
    bool hasId = event.record.value("record_id", nlohmann::json()).is_number_integer();
    if (entity.empty() && !hasId) {
        event.record["record_title"] = nullptr;
        return;
    }
    if (entity.empty()) {
        refuse("record_entity", "is required with a linked record");
    }
    if (!hasId) {
        refuse("record_id", "is required with a linked entity");
    }
    if (!changed(event, "record_entity") && !changed(event, "record_id") && event.caller.system) {
        return;
    }
    std::int64_t id = integer(event.record, "record_id");
    try {
        Record linked = shared.records.get(event.caller, entity, id);
        event.record["record_title"] = recordTitle(entity, linked);
    } catch (const PluginError& e) {
        refuse("record_id",
               "there is no " + entity.substr(0, 64) + " " + std::to_string(id) + " you can see");
    }
}

/// A list of ids of contacts (read through the writer's permissions) or users.
void checkIds(Activities& shared, HookEvent& event, const char* field, bool contacts) {
    auto value = event.record.value(field, nlohmann::json());
    if (value.is_null()) {
        return;
    }
    if (!value.is_array() || value.size() > 100) {
        refuse(field, "must be a list of up to 100 ids");
    }
    nlohmann::json unique = nlohmann::json::array();
    for (const auto& item : value) {
        if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
            refuse(field, "each entry must be a record id (a positive whole number)");
        }
        if (std::find(unique.begin(), unique.end(), item) != unique.end()) {
            continue;
        }
        std::int64_t id = item.get<std::int64_t>();
        bool exists = true;
        if (contacts) {
            try {
                shared.records.get(event.caller, "Contact", id);
            } catch (const PluginError&) {
                exists = false;
            }
        } else {
            exists = shared.users.byId(id).has_value();
        }
        if (!exists) {
            refuse(field, std::string("there is no ") + (contacts ? "contact " : "user ") +
                              std::to_string(id) + (contacts ? " you can see" : ""));
        }
        unique.push_back(item);
    }
    event.record[field] = unique;
}

/// The exceptions of a series, and the link of a changed occurrence to its series.
void checkOccurrenceFields(HookEvent& event) {
    for (const char* field : {"exdates", "overridden"}) {
        if (event.record.contains(field)) {
            event.record[field] = series::checkedTimes(event.record[field], field);
        }
    }
    bool isOccurrence = !event.record.value("recurrence_of", nlohmann::json()).is_null();
    if (isOccurrence && !text(event.record, "rrule").empty()) {
        refuse("rrule", "a changed occurrence of a series does not repeat itself");
    }
    if (isOccurrence && text(event.record, "recurrence_id").empty()) {
        refuse("recurrence_id", "is required for an occurrence of a series");
    }
    if (isOccurrence && integer(event.record, "recurrence_of") == event.id) {
        refuse("recurrence_of", "a meeting is not an occurrence of itself");
    }
}

/// A repeating task's place in its series: the occurrence it is, even when this one was moved.
void keepScheduled(HookEvent& event) {
    if (text(event.record, "rrule").empty()) {
        event.record["scheduled_at"] = nullptr;
    } else if (text(event.record, "scheduled_at").empty()) {
        event.record["scheduled_at"] = event.record.value("due_at", nlohmann::json());
    }
}

void checkSchedule(Activities& shared, const std::string& entity, HookEvent& event) {
    std::string zoneName = text(event.record, "time_zone");
    if (!zoneName.empty() && !TimeZone::named(zoneName)) {
        refuse("time_zone",
               "'" + zoneName.substr(0, 64) + "' is not a time zone name like Europe/Berlin");
    }
    std::string rrule = text(event.record, "rrule");
    const char* anchor = entity == kTask ? "due_at" : "starts_at";
    if (!rrule.empty()) {
        event.record["rrule"] = RRule::parse(rrule).toString();
        if (text(event.record, anchor).empty()) {
            refuse(anchor, "is required for a repeating " +
                               std::string(entity == kTask ? "task" : "meeting"));
        }
    } else if (event.record.contains("rrule")) {
        event.record["rrule"] = nullptr;
    }
    auto offsets = ReminderSchedule::offsets(
        event.record.value("reminder_offsets", nlohmann::json()), "reminder_offsets");
    if (event.record.contains("reminder_offsets") && !event.record["reminder_offsets"].is_null()) {
        event.record["reminder_offsets"] = offsets;
    }
    if (!offsets.empty() && text(event.record, anchor).empty()) {
        refuse(anchor, "is required for reminders");
    }
    if (entity == kMeeting) {
        checkOccurrenceFields(event);
        auto starts = parseUtc(text(event.record, "starts_at"));
        auto ends = parseUtc(text(event.record, "ends_at"));
        if (starts && ends && *ends < *starts) {
            refuse("ends_at", "must not be before the start");
        }
    }
    // A write by the reminder job moves the schedule itself; every other write starts it anew.
    bool fired = event.caller.system && changed(event, "last_reminder_at");
    if (!fired) {
        // A reminder that came due a moment ago (a meeting made five minutes before it starts
        // with a ten-minute reminder) is still sent, once.
        Utc after = nowUtc() - std::chrono::minutes(kReminderGraceMinutes);
        if (auto last = parseUtc(text(event.record, "last_reminder_at")); last && *last > after) {
            after = *last;
        }
        auto next =
            ReminderSchedule::next(entity, event.record, shared.zoneOf(event.record), after);
        event.record["next_reminder_at"] =
            next ? nlohmann::json(formatUtc(*next)) : nlohmann::json();
    }
}

void trackCompletion(HookEvent& event) {
    std::string status = text(event.record, "status");
    std::string before = event.previous.is_object() ? text(event.previous, "status") : "";
    if (status == "done" && before != "done") {
        event.record["completed_at"] = formatUtc(nowUtc());
    } else if (status != "done") {
        event.record["completed_at"] = nullptr;
    }
    if (event.record.value("occurrence", nlohmann::json()).is_null()) {
        event.record["occurrence"] = 1;
    }
}

/// The next task of a series, made when one is completed.
void createNextOccurrence(Activities& shared, HookEvent& event) {
    if (text(event.record, "status") != "done" || text(event.previous, "status") == "done") {
        return;
    }
    if (auto next = nextTaskOf(shared, event.record, event.id)) {
        shared.records.create(Caller::systemCaller(), kTask, *next);
    }
}

/// Notifies the users newly mentioned in an interaction's text, with a link to its record.
void notifyMentions(Activities& shared, HookEvent& event) {
    nlohmann::json before = event.previous.is_object()
                                ? event.previous.value("mentioned_ids", nlohmann::json())
                                : nlohmann::json();
    nlohmann::json mentioned = nlohmann::json::array();
    std::string who = "Someone";
    if (!event.caller.system) {
        if (auto author = shared.users.byId(event.caller.userId)) {
            who = author->displayName;
        }
    }
    std::string entity = text(event.record, "record_entity");
    std::string link = entity.empty() ? recordPath(kInteraction, event.id)
                                      : recordPath(entity, integer(event.record, "record_id"));
    for (const auto& login :
         mentionedLogins(text(event.record, "subject") + " " + text(event.record, "body"))) {
        auto user = shared.users.byLogin(login);
        if (!user || !user->active) {
            continue;
        }
        mentioned.push_back(user->id);
        bool already =
            before.is_array() && std::find(before.begin(), before.end(), user->id) != before.end();
        if (already || (!event.caller.system && user->id == event.caller.userId)) {
            continue;
        }
        std::string where = text(event.record, "record_title");
        shared.notifications.notify({user->id, "activities.mentioned",
                                     who + " mentioned you" + (where.empty() ? "" : " on " + where),
                                     text(event.record, "subject"), link});
    }
    event.record["mentioned_ids"] = mentioned;
}

}  // namespace

std::optional<Record> nextTaskOf(Activities& shared, const Record& task, std::int64_t id) {
    std::string rrule = text(task, "rrule");
    // A moved occurrence keeps its place in the series: the next one follows the schedule.
    auto scheduled = parseUtc(text(task, "scheduled_at"));
    if (!scheduled) {
        scheduled = parseUtc(text(task, "due_at"));
    }
    if (rrule.empty() || !scheduled) {
        return std::nullopt;
    }
    RRule rule = RRule::parse(rrule);
    int occurrence = static_cast<int>(std::max<std::int64_t>(1, integer(task, "occurrence")));
    if (rule.count) {
        // The task's own COUNT counts from the first task of the series.
        *rule.count -= occurrence - 1;
    }
    TimeZone zone = shared.zoneOf(task);
    Local current = zone.toLocal(*scheduled);
    auto next = rule.next(current, zone, current);
    if (!next) {
        return std::nullopt;
    }
    Record copy;
    for (const char* field :
         {"title", "description", "priority", "record_entity", "record_id", "rrule", "time_zone",
          "reminder_offsets", "interaction_id", "owner_id", "team_id"}) {
        copy[field] = task.value(field, nlohmann::json());
    }
    copy["status"] = "open";
    copy["due_at"] = formatUtc(zone.toUtc(*next));
    copy["scheduled_at"] = copy["due_at"];
    std::int64_t series = integer(task, "series_id");
    copy["series_id"] = series > 0 ? series : id;
    copy["occurrence"] = occurrence + 1;
    return copy;
}

void addActivityHooks(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.notifications().declareType("activities.mentioned", "Someone mentioned me in a note");
    for (const char* entity : {kInteraction, kTask, kMeeting}) {
        std::string name = entity;
        auto before = [shared, name](HookEvent& event) {
            keepDerivedFields(event);
            linkRecord(*shared, event);
            if (name == kInteraction) {
                checkIds(*shared, event, "contact_ids", true);
                checkIds(*shared, event, "participant_ids", false);
                if (event.record.value("occurred_at", nlohmann::json()).is_null()) {
                    event.record["occurred_at"] = formatUtc(nowUtc());
                }
                notifyMentions(*shared, event);
                return;
            }
            if (name == kMeeting) {
                checkIds(*shared, event, "contact_ids", true);
                checkIds(*shared, event, "attendee_ids", false);
            } else {
                trackCompletion(event);
                keepScheduled(event);
            }
            checkSchedule(*shared, name, event);
        };
        context.addHook(name, HookPoint::BeforeCreate, 100, before);
        context.addHook(name, HookPoint::BeforeUpdate, 100, before);
    }
    context.addHook(kTask, HookPoint::AfterUpdate, 100,
                    [shared](HookEvent& event) { createNextOccurrence(*shared, event); });
}

}  // namespace activities
