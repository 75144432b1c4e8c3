#include "TimelineForms.hpp"

#include <tuple>

#include "FormInput.hpp"
#include "Preferences.hpp"
#include "Refuse.hpp"
#include "Timeline.hpp"

namespace activities {

using namespace tessera::sdk;

WebResponse logActivity(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    std::string entity = FormInput::entityName(form.text("entity"));
    std::int64_t id = form.id(form.text("id"), "id");
    Record values = {{"kind", form.text("kind").empty() ? "note" : form.text("kind")},
                     {"subject", form.text("subject")},
                     {"body", form.text("body")},
                     {"record_entity", entity},
                     {"record_id", id}};
    for (const char* field : {"direction", "outcome"}) {
        if (!form.text(field).empty()) {
            values[field] = form.text(field);
        }
    }
    if (entity == "Contact") {
        values["contact_ids"] = {id};
    }
    try {
        values["occurred_at"] =
            form.utcTime("occurred_at", zoneOfUser(shared, request.caller().userId));
        if (std::string minutes = form.text("duration_minutes"); !minutes.empty()) {
            values["duration_minutes"] =
                minutes.find_first_not_of("0123456789") == std::string::npos && minutes.size() < 6
                    ? nlohmann::json(std::stoi(minutes))
                    : nlohmann::json(minutes);
        }
        Record made = shared.records.create(request.caller(), kInteraction, values);
        return WebResponse::redirect(
            recordPath(entity, id),
            Timeline::labels().at(text(made, "kind")) + " logged: " + text(made, "subject"));
    } catch (const PluginError& e) {
        if (e.error().code != "validation") {
            throw;
        }
        Record linked = shared.records.get(request.caller(), entity, id);
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& [name, label, type] :
             {std::tuple{"kind", "Type (call, email, meeting, note, chat, sms)", "text"},
              std::tuple{"subject", "Subject", "text"},
              std::tuple{"occurred_at", "When", "datetime-local"},
              std::tuple{"direction", "Direction", "text"},
              std::tuple{"outcome", "Outcome", "text"},
              std::tuple{"duration_minutes", "Minutes", "number"}}) {
            auto error = e.error().fields.find(name);
            fields.push_back({{"NAME", name},
                              {"LABEL", label},
                              {"TYPE", type},
                              {"VALUE", form.text(name)},
                              {"HAS_ERROR", error != e.error().fields.end()},
                              {"ERROR", error == e.error().fields.end() ? "" : error->second}});
        }
        WebResponse page = WebResponse::page("Log an activity", "activities.log.tpl",
                                             {{"MESSAGE", "Please correct the marked fields."},
                                              {"ENTITY", entity},
                                              {"RECORD_ID", id},
                                              {"RECORD_TITLE", recordTitle(entity, linked)},
                                              {"BODY", form.text("body")},
                                              {"FIELD", fields},
                                              {"BACK", recordPath(entity, id)}},
                                             {{"Home", "/"},
                                              {recordTitle(entity, linked), recordPath(entity, id)},
                                              {"Log an activity", ""}});
        page.status = 422;
        return page;
    }
}

WebResponse setFollowUp(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    std::int64_t id = form.id(request.param("id"), "id");
    Record interaction = shared.records.get(request.caller(), kInteraction, id);
    Record task = {{"title", form.text("title")},
                   {"due_at", form.utcTime("due_at", zoneOfUser(shared, request.caller().userId))},
                   {"interaction_id", id},
                   {"reminder_offsets", {15}},
                   {"owner_id", request.caller().userId}};
    if (task["due_at"].is_null()) {
        refuse("due_at", "is required for a follow-up");
    }
    if (!text(interaction, "record_entity").empty()) {
        task["record_entity"] = interaction["record_entity"];
        task["record_id"] = interaction["record_id"];
    }
    Record made = shared.records.create(request.caller(), kTask, task);
    std::string fallback =
        text(interaction, "record_entity").empty()
            ? "/p/activities/tasks"
            : recordPath(text(interaction, "record_entity"), integer(interaction, "record_id"));
    return WebResponse::redirect(form.back(fallback), "Follow-up set: " + text(made, "title"));
}

WebResponse completeTask(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    std::int64_t id = form.id(request.param("id"), "id");
    std::int64_t version = form.id(form.text("version"), "version");
    Record done = shared.records.update(request.caller(), kTask, id, version, {{"status", "done"}});
    return WebResponse::redirect(form.back("/p/activities/tasks"), "Done: " + text(done, "title"));
}

}  // namespace activities
