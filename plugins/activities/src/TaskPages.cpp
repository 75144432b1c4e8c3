#include "TaskPages.hpp"

#include <regex>

#include "FormInput.hpp"
#include "Preferences.hpp"
#include "Refuse.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

constexpr int kPageSize = 50;
constexpr std::size_t kMaxReassign = 200;

struct TaskList {
    std::string key;
    std::string label;
    bool team = false;
    bool overdue = false;
};

const std::vector<TaskList>& lists() {
    static const std::vector<TaskList> kLists = {{"mine", "My tasks", false, false},
                                                 {"overdue", "My overdue tasks", false, true},
                                                 {"team", "Team tasks", true, false},
                                                 {"team-overdue", "Team overdue", true, true}};
    return kLists;
}

/// Whose tasks a list shows: the caller's, or their teammates' (everyone the caller may see
/// when they are in no team).
std::optional<Filter> ownersFilter(Activities& shared, const Caller& caller, bool team) {
    if (!team) {
        return Filter::eq("owner_id", caller.userId);
    }
    auto mates = shared.users.teammates(caller.userId);
    if (mates.size() <= 1) {
        return std::nullopt;
    }
    return Filter::in("owner_id", nlohmann::json(mates));
}

Query taskQuery(Activities& shared, const Caller& caller, const TaskList& list) {
    std::vector<Filter> parts = {
        Filter::in("status", nlohmann::json::array({"open", "in_progress"}))};
    if (auto owners = ownersFilter(shared, caller, list.team)) {
        parts.push_back(*owners);
    }
    if (list.overdue) {
        parts.push_back(Filter::lt("due_at", formatUtc(nowUtc())));
    }
    Query query;
    query.entity = kTask;
    query.filter = Filter::allOf(parts);
    query.sort = {{"due_at", false}};
    query.limit = kPageSize;
    return query;
}

nlohmann::json userOptions(Activities& shared, const Caller& caller) {
    nlohmann::json users = nlohmann::json::array();
    for (const auto& user : shared.users.activeUsers()) {
        users.push_back(
            {{"ID", user.id}, {"NAME", user.displayName}, {"ME", user.id == caller.userId}});
    }
    return users;
}

std::string dueText(const TimeZone& zone, const Record& task, bool& overdue) {
    auto due = parseUtc(text(task, "due_at"));
    overdue = due && *due < nowUtc();
    return due ? formatDisplay(zone.toLocal(*due)) : "";
}

WebResponse taskPage(Activities& shared, const WebRequest& request) {
    Caller caller = request.caller();
    std::string key = request.query("list").value_or("mine");
    auto list =
        std::find_if(lists().begin(), lists().end(), [&](const auto& l) { return l.key == key; });
    if (list == lists().end()) {
        refuse("list", "must be mine, overdue, team or team-overdue");
    }
    Query query = taskQuery(shared, caller, *list);
    query.after = request.query("after").value_or("");
    Page page = shared.records.query(caller, query);
    std::map<std::int64_t, std::string> names;
    for (const auto& user : shared.users.activeUsers()) {
        names[user.id] = user.displayName;
    }
    std::string self = "/p/activities/tasks?list=" + list->key;
    TimeZone zone = zoneOfUser(shared, caller.userId);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& task : page.rows) {
        bool overdue = false;
        std::string due = dueText(zone, task, overdue);
        std::string status = text(task, "status");
        std::string priority = text(task, "priority");
        nlohmann::json row = {
            {"ID", task["id"]},
            {"TITLE", text(task, "title")},
            {"HREF", recordPath(kTask, integer(task, "id"))},
            {"DUE", due},
            {"OVERDUE", overdue},
            {"PRIORITY", priority},
            {"PRIORITY_LABEL", priority.empty()
                                   ? ""
                                   : std::string(1, static_cast<char>(std::toupper(priority[0]))) +
                                         priority.substr(1)},
            {"STATUS", status == "in_progress" ? "In progress" : "Open"},
            {"ASSIGNEE",
             names.contains(integer(task, "owner_id")) ? names[integer(task, "owner_id")] : ""},
            {"REPEATS", !text(task, "rrule").empty()},
            {"RRULE", text(task, "rrule")},
            {"BULK", list->team},
            {"OPEN",
             {{"ID", task["id"]},
              {"VERSION", task["version"]},
              {"CSRF", request.csrfToken()},
              {"SELF", self}}}};
        if (!text(task, "record_entity").empty()) {
            row["LINKED"] = {
                {"LINK", recordPath(text(task, "record_entity"), integer(task, "record_id"))},
                {"LINK_TITLE", text(task, "record_title")}};
        }
        rows.push_back(row);
    }
    nlohmann::json tabs = nlohmann::json::array();
    for (const auto& other : lists()) {
        bool counted = other.overdue;
        tabs.push_back(
            {{"LABEL", other.label},
             {"HREF", "/p/activities/tasks?list=" + other.key},
             {"CURRENT", other.key == list->key},
             {"HAS_COUNT", counted},
             {"COUNT",
              counted ? shared.records.count(caller, taskQuery(shared, caller, other)) : 0}});
    }
    nlohmann::json data = {
        {"HEADING", list->label},
        {"TAB", tabs},
        {"ROW", rows},
        {"HAS_ROWS", !rows.empty()},
        {"BULK", list->team},
        {"EMPTY", rows.empty()},
        {"EMPTY_TEXT", list->overdue ? "Nothing is overdue." : "No open tasks here."},
        {"USER", userOptions(shared, caller)},
        {"SELF", self}};
    if (list->team && !rows.empty()) {
        data["BULK_FORM"] = {{"USER", userOptions(shared, caller)}, {"SELF", self}};
    }
    if (!page.nextCursor.empty()) {
        data["MORE"] = {{"HREF", self + "&after=" + page.nextCursor}};
    }
    return WebResponse::page(list->label, "activities.tasks.tpl", data,
                             {{"Home", "/"}, {"Tasks", ""}});
}

WebResponse createTask(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    TimeZone zone = zoneOfUser(shared, request.caller().userId);
    Record values = {{"title", form.text("title")},
                     {"priority", form.text("priority").empty() ? "normal" : form.text("priority")},
                     {"due_at", form.utcTime("due_at", zone)},
                     {"time_zone", zone.name()},
                     {"description", form.text("description")}};
    std::string owner = form.text("owner_id");
    values["owner_id"] = owner.empty() ? request.caller().userId : form.id(owner, "owner_id");
    if (std::string rrule = form.text("rrule"); !rrule.empty()) {
        values["rrule"] = rrule;
    }
    if (std::string reminder = form.text("reminder"); !reminder.empty()) {
        if (reminder.size() > 5 || reminder.find_first_not_of("0123456789") != std::string::npos) {
            refuse("reminder_offsets", "must be a number of minutes");
        }
        values["reminder_offsets"] = {std::stoi(reminder)};
    }
    Record made = shared.records.create(request.caller(), kTask, values);
    return WebResponse::redirect(form.back("/p/activities/tasks"),
                                 "Task added: " + text(made, "title"));
}

WebResponse reassign(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    std::int64_t owner = form.id(form.text("owner_id"), "owner_id");
    auto user = shared.users.byId(owner);
    if (!user || !user->active) {
        refuse("owner_id", "there is no active user " + std::to_string(owner));
    }
    auto ids = request.formAll("ids");
    if (ids.empty()) {
        refuse("ids", "select at least one task");
    }
    if (ids.size() > kMaxReassign) {
        refuse("ids", "select at most " + std::to_string(kMaxReassign) + " tasks at once");
    }
    int moved = 0;
    for (const auto& text : ids) {
        std::int64_t id = form.id(text, "ids");
        Record task = shared.records.get(request.caller(), kTask, id);
        shared.records.update(request.caller(), kTask, id, integer(task, "version"),
                              {{"owner_id", owner}});
        ++moved;
    }
    return WebResponse::redirect(form.back("/p/activities/tasks?list=team"),
                                 std::to_string(moved) + (moved == 1 ? " task" : " tasks") +
                                     " reassigned to " + user->displayName);
}

std::optional<PanelContent> widget(Activities& shared, const PanelContext& panel) {
    const TaskList& mine = lists()[0];
    Query query = taskQuery(shared, panel.caller, mine);
    query.limit = 6;
    auto rows = shared.records.query(panel.caller, query).rows;
    std::int64_t overdue =
        shared.records.count(panel.caller, taskQuery(shared, panel.caller, lists()[1]));
    nlohmann::json tasks = nlohmann::json::array();
    TimeZone zone = zoneOfUser(shared, panel.caller.userId);
    for (const auto& task : rows) {
        bool late = false;
        std::string due = dueText(zone, task, late);
        tasks.push_back({{"TITLE", text(task, "title")},
                         {"HREF", recordPath(kTask, integer(task, "id"))},
                         {"DUE", due.empty() ? "no due date" : due},
                         {"OVERDUE", late}});
    }
    return PanelContent{"My tasks",
                        "activities.task_widget.tpl",
                        {{"TASK", tasks},
                         {"EMPTY", tasks.empty()},
                         {"HAS_OVERDUE", overdue > 0},
                         {"OVERDUE_COUNT", overdue}}};
}

}  // namespace

void addTaskPages(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.addRoute({"GET", "/p/activities/tasks", Permission::on(kTask, Action::Read),
                      [shared](const WebRequest& request) { return taskPage(*shared, request); }});
    context.addRoute(
        {"POST", "/p/activities/tasks", Permission::on(kTask, Action::Create),
         [shared](const WebRequest& request) { return createTask(*shared, request); }});
    context.addRoute({"POST", "/p/activities/tasks/reassign", Permission::on(kTask, Action::Update),
                      [shared](const WebRequest& request) { return reassign(*shared, request); }});
    context.addMenuItem(
        {"My tasks", "/p/activities/tasks", Permission::on(kTask, Action::Read), 20, "Activities"});
    context.addPanel({Slot::Home, "*", Permission::on(kTask, Action::Read), 10,
                      [shared](const PanelContext& panel) { return widget(*shared, panel); }});
}

}  // namespace activities
