#include "Reassign.hpp"

#include <algorithm>

#include "Refuse.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

std::int64_t positiveId(const std::string& value, const std::string& field, const std::string& what) {
    try {
        std::size_t used = 0;
        long long id = std::stoll(trim(value), &used);
        if (used == trim(value).size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
    }
    if (field.empty()) {
        throw PluginError("not_found", "no " + what + " has the id '" + value.substr(0, 40) + "'");
    }
    refuse(field, "choose " + what);
}

Record reassign(Records& records, UserDirectory& users, const Caller& caller, std::int64_t leadId,
                std::int64_t ownerId) {
    auto owner = users.byId(ownerId);
    if (!owner || !owner->active) {
        refuse("owner_id", "there is no active user " + std::to_string(ownerId));
    }
    Record lead = records.get(caller, "Lead", leadId);
    return records.update(caller, "Lead", leadId, integer(lead, "version"), {{"owner_id", ownerId}});
}

}  // namespace

void addReassign(PluginContext& context) {
    Records& records = context.records();
    UserDirectory& users = context.users();
    context.addRoute({"POST", "/p/leads/leads/{id}/assign", Permission::on("Lead", Action::Update),
                      [&records, &users](const WebRequest& request) {
                          std::int64_t id = positiveId(request.param("id"), "", "lead");
                          Record lead = reassign(records, users, request.caller(), id,
                                                 positiveId(request.form("owner_id").value_or(""), "owner_id", "a user"));
                          auto owner = users.byId(integer(lead, "owner_id"));
                          return WebResponse::redirect("/r/leads/" + std::to_string(id),
                                                       "The lead is " + (owner ? owner->displayName : "reassigned") +
                                                           "'s now.");
                      }});
    context.addRoute({"POST", "/api/v1/p/leads/leads/{id}/assign", Permission::on("Lead", Action::Update),
                      [&records, &users](const WebRequest& request) {
                          auto body = nlohmann::json::parse(request.body(), nullptr, false);
                          if (!body.is_object() || !body.contains("owner_id") || !body["owner_id"].is_number_integer()) {
                              refuse("owner_id", "send {\"owner_id\": <user id>}");
                          }
                          Record lead = reassign(records, users, request.caller(), positiveId(request.param("id"), "", "lead"),
                                                 body["owner_id"].get<std::int64_t>());
                          return WebResponse::json(lead);
                      }});
    context.addPanel({Slot::DetailSide, "Lead", Permission::on("Lead", Action::Update), 20,
                      [&records, &users](const PanelContext& panel) -> std::optional<PanelContent> {
                          if (!panel.record || text(*panel.record, "status") == "converted") {
                              return std::nullopt;
                          }
                          // Whoever may only change their own leads cannot give one away: the
                          // record API refuses it, so the picker is not offered.
                          Explanation may = records.explain(panel.caller, "Lead", panel.id, Action::Update);
                          if (!may.allowed || may.scope == "own") {
                              return std::nullopt;
                          }
                          std::vector<std::int64_t> mates;
                          if (may.scope == "team" && !panel.caller.system) {
                              mates = users.teammates(panel.caller.userId);
                          }
                          std::int64_t current = integer(*panel.record, "owner_id");
                          nlohmann::json options = nlohmann::json::array();
                          for (const auto& user : users.activeUsers()) {
                              if (may.scope == "team" && std::find(mates.begin(), mates.end(), user.id) == mates.end()) {
                                  continue;
                              }
                              options.push_back({{"VALUE", user.id}, {"LABEL", user.displayName},
                                                 {"SELECTED", user.id == current}});
                          }
                          std::string rule = text(*panel.record, "assignment_rule_id");
                          return PanelContent{"Owner",
                                              "leads.assign_panel.tpl",
                                              {{"ID", panel.id},
                                               {"CSRF", panel.csrfToken},
                                               {"USER", options},
                                               {"ASSIGNED_AT", text(*panel.record, "assigned_at").substr(0, 16)},
                                               {"HAS_ASSIGNED_AT", !text(*panel.record, "assigned_at").empty()},
                                               {"BY_RULE", !rule.empty()}}};
                      }});
}

}  // namespace leads
