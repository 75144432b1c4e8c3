#include "Behaviour.hpp"

#include "Refuse.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

bool validKind(const std::string& kind) {
    if (kind.empty() || kind.size() > 64) {
        return false;
    }
    for (char c : kind) {
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
              c == '_' || c == '.')) {
            return false;
        }
    }
    return true;
}

/// The lead a report names, by id or e-mail address; none when it is unknown or converted.
std::optional<Record> leadOf(Records& records, const nlohmann::json& report) {
    if (report.contains("lead_id") && report["lead_id"].is_number_integer()) {
        try {
            Record lead = records.get(Caller::systemCaller(), "Lead", report["lead_id"].get<std::int64_t>());
            if (text(lead, "status") != "converted") {
                return lead;
            }
        } catch (const PluginError&) {
        }
        return std::nullopt;
    }
    return openLeadWithEmail(records, text(report, "email"));
}

std::string activityKind(const std::string& entity, const Record& record) {
    if (entity == "Interaction") {
        return "interaction_" + (text(record, "kind").empty() ? "note" : text(record, "kind"));
    }
    return lower(entity);
}

}  // namespace

std::optional<Record> openLeadWithEmail(Records& records, const std::string& email) {
    std::string normalized = normalizeEmail(email);
    if (normalized.empty()) {
        return std::nullopt;
    }
    Query query;
    query.entity = "Lead";
    query.filter = Filter::allOf({Filter::eq("email", normalized), Filter::ne("status", "converted")});
    query.sort = {{"id", false}};
    query.limit = 1;
    auto rows = records.query(Caller::systemCaller(), query).rows;
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0];
}

void recordBehaviour(Records& records, const Record& lead, const std::string& kind, const Record& fill,
                     bool touched) {
    Record current = lead;
    for (int attempt = 0;; ++attempt) {
        nlohmann::json behaviour = current.value("behaviour", nlohmann::json::object());
        if (!behaviour.is_object()) {
            behaviour = nlohmann::json::object();
        }
        behaviour[kind] = countOf(behaviour, kind) + 1;
        Record changes = {{"behaviour", behaviour}};
        for (const auto& [field, value] : fill.items()) {
            if (current.value(field, nlohmann::json()).is_null()) {
                changes[field] = value;
            }
        }
        if (touched) {
            changes["last_touched_at"] = isoNow();
            changes["reminded_at"] = nullptr;
            changes["escalated_at"] = nullptr;
        }
        try {
            records.update(Caller::systemCaller(), "Lead", integer(current, "id"), integer(current, "version"),
                           changes);
            return;
        } catch (const PluginError& e) {
            if (e.error().code != "conflict" || attempt >= 3) {
                throw;
            }
            current = records.get(Caller::systemCaller(), "Lead", integer(current, "id"));
        }
    }
}

void addBehaviour(PluginContext& context) {
    Records& records = context.records();
    PluginContext* plugin = &context;
    auto report = [&records, plugin](const nlohmann::json& payload) {
        try {
            std::string kind = text(payload, "kind");
            if (!validKind(kind)) {
                return;
            }
            if (auto lead = leadOf(records, payload)) {
                recordBehaviour(records, *lead, kind);
            }
        } catch (const std::exception& e) {
            plugin->log(LogLevel::Warning, std::string("a behaviour report was not counted: ") + e.what());
        }
    };
    context.subscribe("leads.behaviour", [report](const Event& event) { report(event.payload); });
    context.subscribe("record.created", [&records, plugin](const Event& event) {
        std::string entity = text(event.payload, "entity");
        if (entity != "Interaction" && entity != "Task" && entity != "Meeting") {
            return;
        }
        const Record& activity = event.payload.value("record", nlohmann::json::object());
        if (text(activity, "record_entity") != "Lead") {
            return;
        }
        try {
            Record lead = records.get(Caller::systemCaller(), "Lead", integer(activity, "record_id"));
            if (text(lead, "status") != "converted") {
                recordBehaviour(records, lead, activityKind(entity, activity), Record::object(), true);
            }
        } catch (const std::exception& e) {
            plugin->log(LogLevel::Warning, std::string("an activity on a lead was not counted: ") + e.what());
        }
    });
    context.addRoute({"POST", "/api/v1/p/leads/behaviour", Permission::on("Lead", Action::Update),
                      [&records](const WebRequest& request) {
                          auto body = nlohmann::json::parse(request.body(), nullptr, false);
                          if (!body.is_object()) {
                              refuse("body", "send a JSON object with lead_id or email, and kind");
                          }
                          std::string kind = text(body, "kind");
                          if (!validKind(kind)) {
                              refuse("kind", "use 1 to 64 of a-z, 0-9, '_' and '.', e.g. email_open");
                          }
                          // The reporter must see the lead; the count itself is the system's.
                          if (body.contains("lead_id")) {
                              records.get(request.caller(), "Lead", integer(body, "lead_id"));
                          }
                          auto lead = leadOf(records, body);
                          if (!lead) {
                              throw PluginError("not_found", "no open lead has this id or e-mail address");
                          }
                          records.get(request.caller(), "Lead", integer(*lead, "id"));
                          recordBehaviour(records, *lead, kind);
                          Record now = records.get(request.caller(), "Lead", integer(*lead, "id"));
                          return WebResponse::json({{"id", now["id"]},
                                                    {"score", now["score"]},
                                                    {"behaviour", now["behaviour"]}});
                      }});
}

}  // namespace leads
