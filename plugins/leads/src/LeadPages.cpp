#include "LeadPages.hpp"

#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

const std::vector<std::pair<std::string, std::string>> kStatuses = {
    {"new", "New"}, {"contacted", "Contacted"}, {"qualified", "Qualified"},
    {"unqualified", "Unqualified"}, {"converted", "Converted"}};
const std::vector<std::pair<std::string, std::string>> kSources = {
    {"web_form", "Web form"}, {"referral", "Referral"}, {"event", "Event"}, {"cold_call", "Cold call"},
    {"partner", "Partner"}, {"advertising", "Advertising"}, {"social", "Social media"}, {"import", "Import"},
    {"api", "API"}, {"other", "Other"}};

std::string labelOf(const std::vector<std::pair<std::string, std::string>>& options, const std::string& value) {
    for (const auto& [key, label] : options) {
        if (key == value) {
            return label;
        }
    }
    return value;
}

nlohmann::json options(const std::vector<std::pair<std::string, std::string>>& list, const std::string& chosen) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [value, label] : list) {
        out.push_back({{"VALUE", value}, {"LABEL", label}, {"SELECTED", value == chosen}});
    }
    return out;
}

std::string ownerName(UserDirectory& users, std::map<std::int64_t, std::string>& names, const Record& row) {
    std::int64_t id = integer(row, "owner_id");
    if (id == 0) {
        return "Unassigned";
    }
    auto it = names.find(id);
    if (it == names.end()) {
        auto user = users.byId(id);
        it = names.emplace(id, user ? user->displayName : "#" + std::to_string(id)).first;
    }
    return it->second;
}

WebResponse listPage(Records& records, UserDirectory& users, const WebRequest& request) {
    std::string status = request.query("status").value_or("open");
    std::string source = request.query("source").value_or("");
    std::string search = trim(request.query("q").value_or(""));
    bool mine = request.query("mine").value_or("") == "1";
    std::vector<Filter> parts;
    if (status == "open") {
        parts.push_back(Filter::in("status", {"new", "contacted", "qualified"}));
    } else if (!status.empty() && status != "all") {
        parts.push_back(Filter::eq("status", status));
    }
    if (!source.empty()) {
        parts.push_back(Filter::eq("source", source));
    }
    if (mine && !request.caller().system) {
        parts.push_back(Filter::eq("owner_id", request.caller().userId));
    }
    Query query;
    query.entity = "Lead";
    if (!parts.empty()) {
        query.filter = Filter::allOf(parts);
    }
    query.search = search.substr(0, 200);
    query.sort = {{"score", true}, {"id", true}};
    query.limit = 100;
    query.after = request.query("after").value_or("");
    Page page = records.query(request.caller(), query);
    std::map<std::int64_t, std::string> names;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : page.rows) {
        bool converted = text(row, "status") == "converted";
        rows.push_back({{"ID", row["id"]},
                        {"NAME", text(row, "full_name")},
                        {"COMPANY", text(row, "company_name")},
                        {"STATUS", labelOf(kStatuses, text(row, "status"))},
                        {"STATUS_KEY", text(row, "status")},
                        {"SOURCE", labelOf(kSources, text(row, "source")) +
                                       (text(row, "campaign_name").empty() ? "" : " · " + text(row, "campaign_name"))},
                        {"SCORE", integer(row, "score")},
                        {"READY", row.value("sales_ready", false) == true},
                        {"OWNER", ownerName(users, names, row)},
                        {"FOLLOW_UP", text(row, "next_follow_up").substr(0, 10)},
                        {"DUPLICATE", !text(row, "duplicate_warning").empty()},
                        {"SELECTABLE", !converted}});
    }
    nlohmann::json statusOptions = options(kStatuses, status);
    nlohmann::json all = {{"VALUE", "all"}, {"LABEL", "All"}, {"SELECTED", status == "all"}};
    nlohmann::json open = {{"VALUE", "open"}, {"LABEL", "Open"}, {"SELECTED", status == "open"}};
    statusOptions.insert(statusOptions.begin(), all);
    statusOptions.insert(statusOptions.begin(), open);
    nlohmann::json data = {{"ROW", rows},
                           {"EMPTY", rows.empty()},
                           {"STATUS_OPTION", statusOptions},
                           {"SOURCE_OPTION", options(kSources, source)},
                           {"Q", search},
                           {"MINE", mine},
                           {"CSRF", request.csrfToken()}};
    if (!page.nextCursor.empty()) {
        data["NEXT"] = "/p/leads/list?status=" + status + "&source=" + source + (mine ? "&mine=1" : "") +
                       "&after=" + page.nextCursor;
        data["HAS_NEXT"] = true;
    }
    return WebResponse::page("Leads", "leads.list.tpl", data, {{"Home", "/"}, {"Leads", ""}});
}

/// The home widget: the caller's open leads, how many are sales-ready, due for follow-up or
/// waiting since a reminder.
std::optional<PanelContent> myLeads(Records& records, const PanelContext& panel) {
    if (panel.caller.system) {
        return std::nullopt;
    }
    Filter mine = Filter::allOf({Filter::eq("owner_id", panel.caller.userId),
                                 Filter::in("status", {"new", "contacted", "qualified"})});
    auto countOf = [&records, &panel, &mine](std::optional<Filter> more) {
        Query query;
        query.entity = "Lead";
        query.filter = more ? Filter::allOf({mine, *more}) : mine;
        return records.count(panel.caller, query);
    };
    std::int64_t open = countOf(std::nullopt);
    return PanelContent{"My leads",
                        "leads.home_widget.tpl",
                        {{"OPEN", open},
                         {"NEW", countOf(Filter::eq("status", "new"))},
                         {"READY", countOf(Filter::eq("sales_ready", true))},
                         {"DUE", countOf(Filter::lte("next_follow_up", isoNow()))},
                         {"WAITING", countOf(Filter::isNotNull("reminded_at"))},
                         {"NONE", open == 0},
                         {"ANY", open > 0}}};
}

}  // namespace

void addLeadPages(PluginContext& context, Scoring& scoring) {
    Records& records = context.records();
    UserDirectory& users = context.users();
    context.addRoute({"GET", "/p/leads/list", Permission::on("Lead", Action::Read),
                      [&records, &users](const WebRequest& request) { return listPage(records, users, request); }});
    context.addMenuItem({"Lead inbox", "/p/leads/list", Permission::on("Lead", Action::Read), 5, "Leads"});
    context.addPanel({Slot::Home, "*", Permission::on("Lead", Action::Read), 15,
                      [&records](const PanelContext& panel) { return myLeads(records, panel); }});
    context.addMenuItem({"Lead analytics", "/p/leads/analytics", Permission::on("Lead", Action::Read), 40, "Leads"});
    context.addRoute({"GET", "/api/v1/p/leads/leads/{id}/score", Permission::on("Lead", Action::Read),
                      [&records, &scoring](const WebRequest& request) {
                          std::int64_t id = 0;
                          try {
                              id = std::stoll(request.param("id"));
                          } catch (const std::exception&) {
                              throw PluginError("not_found", "no lead has this id");
                          }
                          Record lead = records.get(request.caller(), "Lead", id);
                          return WebResponse::json({{"score", lead["score"]},
                                                    {"threshold", scoring.threshold()},
                                                    {"sales_ready", lead["sales_ready"]},
                                                    {"rules", lead.value("score_details", nlohmann::json::array())}});
                      }});
    const std::int64_t threshold = scoring.threshold();
    context.addPanel({Slot::DetailSide, "Lead", Permission::on("Lead", Action::Read), 10,
                      [threshold](const PanelContext& panel) -> std::optional<PanelContent> {
                          if (!panel.record) {
                              return std::nullopt;
                          }
                          nlohmann::json rules = nlohmann::json::array();
                          for (const auto& item : panel.record->value("score_details", nlohmann::json::array())) {
                              std::int64_t points = integer(item, "points");
                              rules.push_back({{"RULE", text(item, "rule")},
                                               {"CONDITION", text(item, "condition")},
                                               {"POINTS", (points > 0 ? "+" : "") + std::to_string(points)},
                                               {"NEGATIVE", points < 0}});
                          }
                          std::int64_t score = integer(*panel.record, "score");
                          return PanelContent{"Score",
                                              "leads.score_panel.tpl",
                                              {{"SCORE", score},
                                               {"THRESHOLD", threshold},
                                               {"READY", score >= threshold},
                                               {"METER", std::max<std::int64_t>(0, std::min<std::int64_t>(score, threshold))},
                                               {"RULE", rules},
                                               {"NO_RULE", rules.empty()}}};
                      }});
}

}  // namespace leads
