#include "Reminders.hpp"

#include "Preferences.hpp"
#include "ReminderSchedule.hpp"
#include "Series.hpp"

namespace activities {

using namespace tessera::sdk;

std::vector<std::pair<std::string, Record>> Reminders::due(Utc now, int limit) {
    std::vector<std::pair<std::string, Record>> out;
    for (const char* entity : {kTask, kMeeting}) {
        Query query;
        query.entity = entity;
        query.filter = Filter::lte("next_reminder_at", formatUtc(now));
        query.sort = {{"next_reminder_at", false}};
        query.limit = limit;
        for (auto& row : records_.query(Caller::systemCaller(), query).rows) {
            out.emplace_back(entity, std::move(row));
        }
    }
    return out;
}

bool Reminders::fire(const std::string& entity, const Record& row, Utc now) {
    auto next = ReminderSchedule::next(entity, row, zoneFor(row, zone_), now);
    try {
        records_.update(
            Caller::systemCaller(), entity, integer(row, "id"), integer(row, "version"),
            {{"last_reminder_at", row["next_reminder_at"]},
             {"next_reminder_at", next ? nlohmann::json(formatUtc(*next)) : nlohmann::json()}});
        return true;
    } catch (const PluginError& e) {
        if (e.error().code == "conflict" || e.error().code == "not_found") {
            return false;  // claimed by another node, changed or deleted meanwhile
        }
        throw;
    }
}

int Reminders::run(Utc now) {
    int sent = 0;
    for (const auto& [entity, row] : due(now)) {
        sent += fire(entity, row, now) ? 1 : 0;
    }
    return sent;
}

namespace {

/// Who hears a reminder: a task's assignee (its owner); a meeting's owner and attendees.
std::vector<std::int64_t> recipients(const std::string& entity, const Record& record) {
    std::vector<std::int64_t> users;
    if (std::int64_t owner = integer(record, "owner_id")) {
        users.push_back(owner);
    }
    auto attendees = record.value("attendee_ids", nlohmann::json());
    if (entity == kMeeting && attendees.is_array()) {
        for (const auto& id : attendees) {
            if (id.is_number_integer() &&
                std::find(users.begin(), users.end(), id.get<std::int64_t>()) == users.end()) {
                users.push_back(id.get<std::int64_t>());
            }
        }
    }
    return users;
}

/// The due time or meeting start the reminder just claimed is about: for a repeating meeting
/// the first occurrence not before the reminder.
std::optional<Utc> occurrenceReminded(Activities& shared, const std::string& entity,
                                      const Record& record) {
    auto anchor = parseUtc(text(record, entity == kTask ? "due_at" : "starts_at"));
    auto reminded = parseUtc(text(record, "last_reminder_at"));
    if (entity == kTask || !anchor || !reminded || text(record, "rrule").empty()) {
        return anchor;
    }
    TimeZone zone = shared.zoneOf(record);
    Local from = zone.toLocal(*reminded);
    auto next = series::starts(record, zone, from, from + std::chrono::days(29), 1);
    return next.empty() ? anchor : std::optional<Utc>(next.front());
}

void sendClaimed(Activities& shared, const std::string& entity, HookEvent& event) {
    if (!event.caller.system || text(event.record, "last_reminder_at").empty() ||
        event.record.value("last_reminder_at", nlohmann::json()) ==
            event.previous.value("last_reminder_at", nlohmann::json())) {
        return;
    }
    bool task = entity == kTask;
    std::optional<Utc> anchor = occurrenceReminded(shared, entity, event.record);
    std::string title = (task ? "Task due: " : "Meeting: ") + text(event.record, "title");
    std::string where = text(event.record, "record_title");
    std::string link = std::string(task ? "/p/activities/tasks" : "/p/activities/calendar") +
                       "?focus=" + std::to_string(event.id);
    for (std::int64_t user : recipients(entity, event.record)) {
        // Each recipient reads the time on their own clock.
        std::string body;
        if (anchor) {
            TimeZone zone = zoneOfUser(shared, user);
            body = std::string(task ? "Due " : "Starts ") +
                   formatLocal(zone.toLocal(*anchor)).replace(10, 1, " ") + " (" + zone.name() +
                   ")";
        }
        if (!where.empty()) {
            body += (body.empty() ? "" : " · ") + where;
        }
        shared.notifications.notify({user, "activities.reminder", title, body, link});
    }
}

}  // namespace

void addReminders(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.notifications().declareType("activities.reminder",
                                        "Reminders of my tasks and meetings");
    for (const char* entity : {kTask, kMeeting}) {
        std::string name = entity;
        context.addHook(name, HookPoint::AfterUpdate, 200,
                        [shared, name](HookEvent& event) { sendClaimed(*shared, name, event); });
    }
    context.addJob({"activities.reminders", "Send due reminders of tasks and meetings", "* * * * *",
                    std::chrono::seconds(120), 3, [shared](JobRun& run) {
                        Reminders reminders(run.records(), shared->zone);
                        int sent = reminders.run(nowUtc());
                        run.progress(sent, sent);
                    }});
    JobService& jobs = context.jobs();
    context.addRoute(
        {"POST", "/api/v1/p/activities/reminders/run", Permission::admin(),
         [&jobs](const WebRequest&) {
             return WebResponse::json({{"run", jobs.enqueue("activities.reminders", {})}}, 202);
         }});
}

}  // namespace activities
