#include "Reminders.hpp"

#include "ReminderSchedule.hpp"

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

void sendClaimed(Activities& shared, const std::string& entity, HookEvent& event) {
    if (!event.caller.system || text(event.record, "last_reminder_at").empty() ||
        event.record.value("last_reminder_at", nlohmann::json()) ==
            event.previous.value("last_reminder_at", nlohmann::json())) {
        return;
    }
    bool task = entity == kTask;
    auto anchor = parseUtc(text(event.record, task ? "due_at" : "starts_at"));
    TimeZone zone = shared.zoneOf(event.record);
    std::string when =
        anchor ? formatLocal(zone.toLocal(*anchor)).replace(10, 1, " ") + " (" + zone.name() + ")"
               : "";
    std::string title = (task ? "Task due: " : "Meeting: ") + text(event.record, "title");
    std::string body = when.empty() ? "" : (task ? "Due " : "Starts ") + when;
    std::string where = text(event.record, "record_title");
    if (!where.empty()) {
        body += " · " + where;
    }
    std::string link = std::string(task ? "/p/activities/tasks" : "/p/activities/calendar") +
                       "?focus=" + std::to_string(event.id);
    for (std::int64_t user : recipients(entity, event.record)) {
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
