#include "Privacy.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

/// Entities holding a `contact_id`, and whether they carry personal values of their own.
const std::vector<std::pair<std::string, bool>> kLinked = {
    {"Address", true},       {"ContactPoint", true}, {"Affiliation", false},
    {"Relationship", false}, {"StageChange", false}, {"SegmentMember", false}};

std::vector<Record> linkedTo(Records& records, const Caller& caller, const std::string& entity,
                             std::int64_t contactId) {
    Query query;
    query.entity = entity;
    query.trash = Trash::Include;
    query.filter = Filter::eq("contact_id", contactId);
    query.sort = {{"id", false}};
    query.limit = 1000;
    return queryAll(records, caller, query);
}

std::int64_t contactIdOf(const WebRequest& request) {
    try {
        return std::stoll(request.param("id"));
    } catch (const std::exception&) {
        throw PluginError("not_found", "no contact has the number '" + request.param("id") + "'");
    }
}

}  // namespace

void addPrivacy(PluginContext& context) {
    Records& records = context.records();
    context.addPersonalDataHandler(
        "Contact",
        {[&records](const PersonalDataRequest& request) {
             nlohmann::json share = nlohmann::json::object();
             for (const auto& [entity, personal] : kLinked) {
                 auto rows = linkedTo(records, request.caller, entity, request.id);
                 if (!rows.empty()) {
                     share[entity] = rows;
                 }
             }
             return share;
         },
         [&records](const PersonalDataRequest& request) {
             for (const auto& [entity, personal] : kLinked) {
                 if (!personal) {
                     continue;
                 }
                 for (const auto& row : linkedTo(records, request.caller, entity, request.id)) {
                     records.erase(request.caller, entity, row["id"].get<std::int64_t>());
                 }
             }
         }});

    context.addRoute({"GET", "/p/contacts/privacy/{id}", Permission::on("Contact", Action::Export),
                      [&records](const WebRequest& request) {
                          std::int64_t id = contactIdOf(request);
                          Record contact = records.get(request.caller(), "Contact", id);
                          std::string base = "/p/contacts/privacy/" + std::to_string(id);
                          return WebResponse::page(
                              "Personal data", "contacts.privacy.tpl",
                              {{"NAME", contact.value("full_name", "")},
                               {"HREF", "/r/contacts/" + std::to_string(id)},
                               {"EXPORT", base + "/export"},
                               {"ERASE", base + "/erase"},
                               {"CSRF", request.csrfToken()}},
                              {{"Home", "/"}, {"Contacts", "/r/contacts"},
                               {contact.value("full_name", ""), "/r/contacts/" + std::to_string(id)},
                               {"Personal data", ""}});
                      }});
    context.addRoute({"GET", "/p/contacts/privacy/{id}/export",
                      Permission::on("Contact", Action::Export),
                      [&records](const WebRequest& request) {
                          std::int64_t id = contactIdOf(request);
                          nlohmann::json data = records.personalData(request.caller(), "Contact", id);
                          WebResponse response = WebResponse::raw(
                              "application/json; charset=utf-8", data.dump(2));
                          response.headers.emplace_back(
                              "Content-Disposition",
                              "attachment; filename=\"personal-data-contact-" + std::to_string(id) +
                                  ".json\"");
                          return response;
                      }});
    context.addRoute({"POST", "/p/contacts/privacy/{id}/erase",
                      Permission::on("Contact", Action::Delete),
                      [&records](const WebRequest& request) {
                          std::int64_t id = contactIdOf(request);
                          if (request.form("confirm").value_or("") != "erase") {
                              throw PluginError(Error{
                                  "validation", "type erase to confirm the erasure",
                                  {{"confirm", "type the word erase to confirm"}}});
                          }
                          records.erase(request.caller(), "Contact", id);
                          return WebResponse::redirect(
                              "/r/contacts/" + std::to_string(id),
                              "The person's data was erased everywhere. The erasure is recorded "
                              "in the history.");
                      }});
    context.addPanel({Slot::DetailActions, "Contact", Permission::on("Contact", Action::Export), 20,
                      [](const PanelContext& panel) -> std::optional<PanelContent> {
                          return PanelContent{"", "contacts.privacy_action.tpl",
                                              {{"HREF", "/p/contacts/privacy/" +
                                                            std::to_string(panel.id)}}};
                      }});
}

}  // namespace contacts
