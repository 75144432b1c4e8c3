#include "TaskOccurrences.hpp"

#include "ActivityHooks.hpp"
#include "FormInput.hpp"
#include "MeetingOccurrences.hpp"
#include "Preferences.hpp"
#include "Refuse.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

Record openTask(Activities& shared, const Caller& caller, const FormInput& form,
                const WebRequest& request) {
    Record task = shared.records.get(caller, kTask, form.id(request.param("id"), "id"));
    std::string status = text(task, "status");
    if (status == "done" || status == "cancelled") {
        refuse("status", "the task is " + status + " already");
    }
    return task;
}

WebResponse occurrencePage(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    Record task = openTask(shared, request.caller(), form, request);
    TimeZone zone = zoneOfUser(shared, request.caller().userId);
    auto due = parseUtc(text(task, "due_at"));
    auto scheduled = parseUtc(text(task, "scheduled_at"));
    std::string title = text(task, "title");
    std::string path = recordPath(kTask, integer(task, "id"));
    nlohmann::json data = {{"TITLE", title},
                           {"ACTION", "/p/activities/tasks/" + task["id"].dump() + "/occurrence"},
                           {"DUE", due ? formatLocal(zone.toLocal(*due)) : ""},
                           {"WHEN", due ? formatDisplay(zone.toLocal(*due)) : "no due time"},
                           {"ZONE_NAME", zone.name()},
                           {"RRULE", text(task, "rrule")},
                           {"REPEATS", !text(task, "rrule").empty()},
                           {"TASK_HREF", path}};
    if (scheduled && due && *scheduled != *due) {
        data["MOVED"] = {{"ORIGINAL", formatDisplay(zone.toLocal(*scheduled))}};
    }
    return WebResponse::page(title, "activities.task_occurrence.tpl", data,
                             {{"Home", "/"}, {"Tasks", "/p/activities/tasks"}, {title, path}});
}

WebResponse changeOccurrence(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    Caller caller = request.caller();
    Record task = openTask(shared, caller, form, request);
    std::int64_t id = integer(task, "id");
    std::int64_t version = integer(task, "version");
    bool repeats = !text(task, "rrule").empty();
    std::string action = form.text("action");
    std::string back = recordPath(kTask, id);
    if (action == "skip" || action == "end") {
        if (!repeats) {
            refuse("action", "the task does not repeat: cancel or delete it instead");
        }
        Record next;
        shared.records.transaction([&] {
            shared.records.update(caller, kTask, id, version, {{"status", "cancelled"}});
            if (action == "skip") {
                if (auto following = nextTaskOf(shared, task, id)) {
                    next = shared.records.create(Caller::systemCaller(), kTask, *following);
                }
            }
        });
        if (next.is_object() && next.contains("id")) {
            Utc due = *parseUtc(text(next, "due_at"));
            return WebResponse::redirect(
                recordPath(kTask, integer(next, "id")),
                "Skipped; the next one is due " +
                    formatDisplay(zoneOfUser(shared, caller.userId).toLocal(due)));
        }
        return WebResponse::redirect(back, "The series ends here.");
    }
    if (action != "change") {
        refuse("action", "must be change, skip or end");
    }
    Scope scope = parseScope(form.text("scope"));
    if (scope != Scope::This && !repeats) {
        refuse("scope", "the task does not repeat: only this one can change");
    }
    TimeZone zone = zoneOfUser(shared, caller.userId);
    Record values = {{"title", form.text("title")}, {"due_at", form.utcTime("due_at", zone)}};
    if (values["due_at"].is_null()) {
        refuse("due_at", "is required");
    }
    if (scope != Scope::This) {
        values["scheduled_at"] = values["due_at"];  // the series moves with it
    }
    shared.records.update(caller, kTask, id, version, values);
    return WebResponse::redirect(back, scope == Scope::This ? "This occurrence changed."
                                                            : "The series changed from here on.");
}

}  // namespace

void addTaskOccurrences(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.addRoute(
        {"GET", "/p/activities/tasks/{id}/occurrence", Permission::on(kTask, Action::Update),
         [shared](const WebRequest& request) { return occurrencePage(*shared, request); }});
    context.addRoute(
        {"POST", "/p/activities/tasks/{id}/occurrence", Permission::on(kTask, Action::Update),
         [shared](const WebRequest& request) { return changeOccurrence(*shared, request); }});
}

}  // namespace activities
