#include "TimelinePages.hpp"

#include <map>
#include <sstream>

#include "FormInput.hpp"
#include "Preferences.hpp"
#include "Refuse.hpp"
#include "Timeline.hpp"
#include "TimelineForms.hpp"

namespace activities {

using namespace tessera::sdk;
using namespace std::chrono;

namespace {

constexpr std::pair<const char*, const char*> kOutcomes[] = {
    {"connected", "Connected"},       {"voicemail", "Left voicemail"},
    {"no_answer", "No answer"},       {"busy", "Busy"},
    {"wrong_number", "Wrong number"}, {"sent", "Sent"},
    {"received", "Received"},         {"held", "Held"},
    {"interested", "Interested"},     {"not_interested", "Not interested"}};

std::set<std::string> parseKinds(const std::string& types) {
    std::set<std::string> kinds;
    std::stringstream stream(types);
    std::string kind;
    while (std::getline(stream, kind, ',')) {
        if (!kind.empty()) {
            kinds.insert(kind);
        }
    }
    return kinds;
}

std::string timelinePath(const std::string& entity, std::int64_t id) {
    return "/p/activities/timeline/" + entity + "/" + std::to_string(id);
}

/// Entries to template rows, with actor names, and the forms that fit each entry.
class TimelineView {
public:
    TimelineView(Activities& shared, const Caller& caller, std::string csrf, std::string back)
        : shared_(shared),
          caller_(caller),
          csrf_(std::move(csrf)),
          back_(std::move(back)),
          zone_(zoneOfUser(shared, caller.userId)) {}

    const TimeZone& zone() const { return zone_; }

    nlohmann::json rows(const std::vector<TimelineEntry>& entries) {
        loadTasks(entries);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& entry : entries) {
            out.push_back(row(entry));
        }
        return out;
    }

private:
    void loadTasks(const std::vector<TimelineEntry>& entries) {
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& entry : entries) {
            if (entry.sourceEntity == kTask) {
                ids.push_back(entry.sourceId);
            }
        }
        if (ids.empty()) {
            return;
        }
        Query query;
        query.entity = kTask;
        query.filter = Filter::in("id", ids);
        query.limit = static_cast<int>(ids.size());
        for (auto& task : shared_.records.query(caller_, query).rows) {
            std::int64_t id = integer(task, "id");
            tasks_[id] = std::move(task);
        }
    }

    std::string actor(std::int64_t id) {
        if (id == 0) {
            return "";
        }
        auto it = actors_.find(id);
        if (it == actors_.end()) {
            auto user = shared_.users.byId(id);
            it = actors_.emplace(id, user ? user->displayName : "user " + std::to_string(id)).first;
        }
        return it->second;
    }

    nlohmann::json row(const TimelineEntry& entry) {
        auto at = parseUtc(entry.at);
        auto label = Timeline::labels().find(entry.kind);
        nlohmann::json row = {
            {"KIND", entry.kind},
            {"KIND_LABEL", label == Timeline::labels().end() ? entry.kind : label->second},
            {"AT", entry.at},
            {"WHEN", at ? formatDisplay(zone_.toLocal(*at)) : entry.at},
            {"TITLE", entry.title.empty() ? "(no subject)" : entry.title},
            {"HAS_SUMMARY", !entry.summary.empty() && entry.kind != "task"},
            {"SUMMARY", entry.summary},
            {"HAS_LINK", !entry.link.empty()},
            {"NO_LINK", entry.link.empty()},
            {"LINK", entry.link},
            {"HAS_CHANGES", !entry.changes.empty()},
            {"CHANGE", nlohmann::json::array()}};
        if (std::string name = actor(entry.actorId); !name.empty()) {
            row["ACTOR"] = {{"ACTOR", name}};
        }
        for (const auto& change : entry.changes) {
            row["CHANGE"].push_back(
                {{"FIELD", change["field"]}, {"OLD", change["old"]}, {"NEW", change["new"]}});
        }
        if (entry.sourceEntity == kInteraction) {
            Local due = floor<days>(zone_.toLocal(nowUtc())) + days(2) + hours(9);
            row["FOLLOW_UP"] = {{"INTERACTION_ID", entry.sourceId},
                                {"CSRF", csrf_},
                                {"BACK", back_},
                                {"DEFAULT_TITLE", "Follow up: " + entry.title.substr(0, 180)},
                                {"DEFAULT_DUE", formatLocal(due)}};
        }
        if (entry.sourceEntity == kTask) {
            auto task = tasks_.find(entry.sourceId);
            if (task != tasks_.end()) {
                std::string status = text(task->second, "status");
                row["STATUS"] = {{"STATUS", status == "in_progress" ? "in progress" : status}};
                if (status == "open" || status == "in_progress") {
                    row["COMPLETE"] = {{"TASK_ID", entry.sourceId},
                                       {"VERSION", integer(task->second, "version")},
                                       {"CSRF", csrf_},
                                       {"BACK", back_}};
                }
            }
        }
        return row;
    }

    Activities& shared_;
    Caller caller_;
    std::string csrf_;
    std::string back_;
    std::map<std::int64_t, std::string> actors_;
    std::map<std::int64_t, Record> tasks_;
    TimeZone zone_;
};

nlohmann::json kindOptions(const std::string& selected) {
    nlohmann::json options = nlohmann::json::array();
    for (const char* kind : {"call", "note", "email", "meeting", "chat", "sms"}) {
        options.push_back({{"VALUE", kind},
                           {"LABEL", Timeline::labels().at(kind)},
                           {"SELECTED", selected == kind}});
    }
    return options;
}

nlohmann::json outcomeOptions() {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& [value, label] : kOutcomes) {
        options.push_back({{"VALUE", value}, {"LABEL", label}});
    }
    return options;
}

/// The template data of a timeline: the panel (first page, all kinds) or the page.
nlohmann::json timelineData(Activities& shared, const Caller& caller, const std::string& csrf,
                            const std::string& entity, std::int64_t id, const std::string& types,
                            const std::string& after, bool panel) {
    Timeline timeline(shared);
    TimelinePage page =
        timeline.read(caller, entity, id, parseKinds(types), after, shared.pageSize);
    std::string back = panel ? recordPath(entity, id) : timelinePath(entity, id);
    TimelineView view(shared, caller, csrf, back);
    std::string base = timelinePath(entity, id);
    nlohmann::json filter = nlohmann::json::array();
    filter.push_back({{"LABEL", "All"}, {"HREF", base}, {"CURRENT", !panel && types.empty()}});
    for (const auto& kind : Timeline::kinds()) {
        filter.push_back({{"LABEL", Timeline::labels().at(kind)},
                          {"HREF", base + "?types=" + kind},
                          {"CURRENT", !panel && types == kind}});
    }
    nlohmann::json data = {{"ENTITY", entity},
                           {"RECORD_ID", id},
                           {"CSRF", csrf},
                           {"FILTER", filter},
                           {"ENTRY", view.rows(page.entries)},
                           {"EMPTY", page.entries.empty()},
                           {"CAN_LOG", true},
                           {"NOW", formatLocal(view.zone().toLocal(nowUtc()))},
                           {"KIND_OPTION", kindOptions("call")},
                           {"OUTCOME_OPTION", outcomeOptions()}};
    if (!page.nextCursor.empty()) {
        data["MORE"] = {{"HREF", base + "?after=" + page.nextCursor +
                                     (types.empty() ? "" : "&types=" + types)}};
    }
    if (panel) {
        data["FULL_LINK"] = {{"HREF", base}};
    }
    data["PLAN"] = {{"HREF", "/p/activities/calendar?view=week&plan=1&entity=" + entity +
                                 "&id=" + std::to_string(id)}};
    return data;
}

nlohmann::json entryJson(const TimelineEntry& entry) {
    return {{"at", entry.at},
            {"kind", entry.kind},
            {"title", entry.title},
            {"summary", entry.summary},
            {"link", entry.link},
            {"actorId", entry.actorId},
            {"source", entry.sourceEntity},
            {"sourceId", entry.sourceId},
            {"changes", entry.changes}};
}

}  // namespace

void addTimelinePages(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.addPanel({Slot::DetailMain, "*", Permission::signedIn(), 100,
                      [shared](const PanelContext& panel) -> std::optional<PanelContent> {
                          if (panel.entity == kTimelineItem || panel.entity == "CalendarFeed") {
                              return std::nullopt;
                          }
                          return PanelContent{"Timeline", "activities.timeline.tpl",
                                              timelineData(*shared, panel.caller, panel.csrfToken,
                                                           panel.entity, panel.id, "", "", true)};
                      }});
    context.addPanel(
        {Slot::DetailActions, kMeeting, Permission::on(kMeeting, Action::Read), 100,
         [](const PanelContext& panel) -> std::optional<PanelContent> {
             return PanelContent{"", "activities.actions.tpl", {{"ICS", {{"ID", panel.id}}}}};
         }});
    context.addPanel({Slot::DetailActions, kTask, Permission::on(kTask, Action::Update), 100,
                      [](const PanelContext& panel) -> std::optional<PanelContent> {
                          std::string status = panel.record ? text(*panel.record, "status") : "";
                          if (status != "open" && status != "in_progress") {
                              return std::nullopt;
                          }
                          return PanelContent{"",
                                              "activities.actions.tpl",
                                              {{"DONE",
                                                {{"ID", panel.id},
                                                 {"VERSION", integer(*panel.record, "version")},
                                                 {"CSRF", panel.csrfToken},
                                                 {"REPEATS", !text(*panel.record, "rrule").empty()},
                                                 {"BACK", recordPath(kTask, panel.id)}}}}};
                      }});
    context.addRoute({"GET", "/p/activities/timeline/{entity}/{id}", Permission::signedIn(),
                      [shared](const WebRequest& request) {
                          FormInput form(request);
                          std::string entity = FormInput::entityName(request.param("entity"));
                          std::int64_t id = form.id(request.param("id"), "id");
                          Record record = shared->records.get(request.caller(), entity, id);
                          std::string title = recordTitle(entity, record);
                          nlohmann::json data =
                              timelineData(*shared, request.caller(), request.csrfToken(), entity,
                                           id, request.query("types").value_or(""),
                                           request.query("after").value_or(""), false);
                          data["HEADING"] = {{"TITLE", title}};
                          return WebResponse::page(
                              "Timeline of " + title, "activities.timeline.tpl", data,
                              {{"Home", "/"}, {title, recordPath(entity, id)}, {"Timeline", ""}});
                      }});
    context.addRoute(
        {"GET", "/api/v1/p/activities/timeline/{entity}/{id}", Permission::signedIn(),
         [shared](const WebRequest& request) {
             FormInput form(request);
             std::string entity = FormInput::entityName(request.param("entity"));
             std::int64_t id = form.id(request.param("id"), "id");
             std::string limit = request.query("limit").value_or("25");
             if (limit.empty() || limit.size() > 3 ||
                 limit.find_first_not_of("0123456789") != std::string::npos) {
                 refuse("limit", "must be a number from 1 to 200");
             }
             TimelinePage page = Timeline(*shared).read(
                 request.caller(), entity, id, parseKinds(request.query("types").value_or("")),
                 request.query("after").value_or(""), std::stoi(limit));
             nlohmann::json entries = nlohmann::json::array();
             for (const auto& entry : page.entries) {
                 entries.push_back(entryJson(entry));
             }
             return WebResponse::json(
                 {{"entries", entries},
                  {"next",
                   page.nextCursor.empty() ? nlohmann::json() : nlohmann::json(page.nextCursor)}});
         }});
    context.addRoute(
        {"POST", "/p/activities/log", Permission::on(kInteraction, Action::Create),
         [shared](const WebRequest& request) { return logActivity(*shared, request); }});
    context.addRoute(
        {"POST", "/p/activities/interactions/{id}/follow-up", Permission::on(kTask, Action::Create),
         [shared](const WebRequest& request) { return setFollowUp(*shared, request); }});
    context.addRoute(
        {"POST", "/p/activities/tasks/{id}/complete", Permission::on(kTask, Action::Update),
         [shared](const WebRequest& request) { return completeTask(*shared, request); }});
}

}  // namespace activities
