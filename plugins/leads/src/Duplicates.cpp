#include "Duplicates.hpp"

#include <map>

#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

/// One query per entity: the rows matching any of `keys` (field -> value), each named with the
/// first key it shares, at most 5 per entity.
void collect(Records& records, const Caller& caller, const std::string& entity,
             const std::vector<std::pair<std::string, std::string>>& keys, const std::string& titleField,
             std::int64_t selfId, std::vector<DuplicateMatch>& out) {
    static const std::map<std::string, std::string> kReasons = {
        {"email", "same e-mail address"}, {"phone_key", "same phone number"}, {"domain", "same company domain"}};
    if (keys.empty()) {
        return;
    }
    std::vector<Filter> any;
    Query query;
    query.entity = entity;
    query.fields = {"id", titleField};
    for (const auto& [field, value] : keys) {
        any.push_back(Filter::eq(field, value));
        query.fields.push_back(field);
    }
    Filter filter = any.size() == 1 ? any[0] : Filter::anyOf(any);
    if (entity == "Lead") {
        filter = Filter::allOf({std::move(filter), Filter::ne("status", "converted")});
    }
    query.filter = std::move(filter);
    query.sort = {{"id", false}};
    query.limit = 6;
    int kept = 0;
    for (const auto& row : records.query(caller, query).rows) {
        std::int64_t id = integer(row, "id");
        if ((entity == "Lead" && id == selfId) || kept == 5) {
            continue;
        }
        for (const auto& [field, value] : keys) {
            if (text(row, field) == value) {
                out.push_back({entity, id, text(row, titleField), kReasons.at(field)});
                ++kept;
                break;
            }
        }
    }
}

}  // namespace

std::vector<DuplicateMatch> findDuplicates(Records& records, const Caller& caller, const Record& lead,
                                           std::int64_t selfId) {
    std::vector<DuplicateMatch> matches;
    std::vector<std::pair<std::string, std::string>> person;
    if (std::string email = normalizeEmail(text(lead, "email")); !email.empty()) {
        person.emplace_back("email", email);
    }
    if (std::string phone = normalizePhone(text(lead, "phone")); !phone.empty()) {
        person.emplace_back("phone_key", phone);
    }
    collect(records, caller, "Lead", person, "full_name", selfId, matches);
    collect(records, caller, "Contact", person, "full_name", selfId, matches);
    std::string domain = text(lead, "company_domain");
    if (domain.empty()) {
        domain = domainOf(text(lead, "website"));
    }
    if (!domain.empty() && !isFreeMailDomain(domain)) {
        collect(records, caller, "Company", {{"domain", domain}}, "name", selfId, matches);
    }
    return matches;
}

std::string describe(const std::vector<DuplicateMatch>& matches) {
    std::string line;
    for (const auto& match : matches) {
        std::string part = match.reason + " as " + lower(match.entity) + " " + std::to_string(match.id) +
                           (match.title.empty() ? "" : " (" + match.title + ")");
        if (line.size() + part.size() + 2 > 500) {
            break;
        }
        line += (line.empty() ? "" : "; ") + part;
    }
    return line;
}

void addDuplicateChecks(PluginContext& context) {
    Records& records = context.records();
    context.addHook("Lead", HookPoint::BeforeCreate, 40, [&records](HookEvent& event) {
        std::string warning = describe(findDuplicates(records, Caller::systemCaller(), event.record, 0));
        event.record["duplicate_warning"] = warning.empty() ? nlohmann::json() : nlohmann::json(warning);
    });
    context.addPanel({Slot::DetailSide, "Lead", Permission::on("Lead", Action::Read), 30,
                      [&records](const PanelContext& panel) -> std::optional<PanelContent> {
                          if (!panel.record || text(*panel.record, "status") == "converted") {
                              return std::nullopt;
                          }
                          auto matches = findDuplicates(records, panel.caller, *panel.record, panel.id);
                          if (matches.empty()) {
                              return std::nullopt;
                          }
                          nlohmann::json rows = nlohmann::json::array();
                          for (const auto& match : matches) {
                              std::string slug = match.entity == "Lead"      ? "leads"
                                                 : match.entity == "Contact" ? "contacts"
                                                                             : "companies";
                              rows.push_back({{"TITLE", match.title.empty() ? "#" + std::to_string(match.id) : match.title},
                                              {"KIND", match.entity == "Lead" ? "Lead" : match.entity},
                                              {"REASON", match.reason},
                                              {"HREF", "/r/" + slug + "/" + std::to_string(match.id)}});
                          }
                          return PanelContent{"Possible duplicates", "leads.duplicates_panel.tpl", {{"MATCH", rows}}};
                      }});
    context.addRoute({"GET", "/api/v1/p/leads/duplicates", Permission::on("Lead", Action::Read),
                      [&records](const WebRequest& request) {
                          Record probe = {{"email", request.query("email").value_or("")},
                                          {"phone", request.query("phone").value_or("")},
                                          {"company_domain", domainOf(request.query("domain").value_or(""))}};
                          nlohmann::json out = nlohmann::json::array();
                          for (const auto& match : findDuplicates(records, request.caller(), probe, 0)) {
                              out.push_back({{"entity", match.entity}, {"id", match.id}, {"title", match.title},
                                             {"reason", match.reason}});
                          }
                          return WebResponse::json({{"matches", out}});
                      }});
}

}  // namespace leads
