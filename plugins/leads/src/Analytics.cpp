#include "Analytics.hpp"

#include <cmath>
#include <cstdio>

#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

struct Cell {
    std::int64_t leads = 0;
    std::int64_t converted = 0;
    double daysToConvert = 0;  ///< average over the converted ones
};

using Breakdown = std::map<std::string, Cell>;

std::string keyOf(const nlohmann::json& group) {
    if (group.is_null()) {
        return "";
    }
    return group.is_string() ? group.get<std::string>() : group.dump();
}

Breakdown breakdown(Records& records, const Caller& caller, const std::string& field, DateBucket bucket,
                    const Filter& period) {
    Breakdown out;
    AggregateQuery all;
    all.entity = "Lead";
    all.groupBy = field;
    all.bucket = bucket;
    all.filter = period;
    for (const auto& row : records.aggregate(caller, all)) {
        out[keyOf(row.group)].leads = row.count;
    }
    AggregateQuery converted = all;
    converted.filter = Filter::allOf({period, Filter::eq("status", "converted")});
    converted.fn = AggregateFn::Avg;
    converted.field = "days_to_convert";
    for (const auto& row : records.aggregate(caller, converted)) {
        out[keyOf(row.group)].converted = row.count;
        out[keyOf(row.group)].daysToConvert = row.value;
    }
    return out;
}

std::string percent(std::int64_t part, std::int64_t whole) {
    if (whole == 0) {
        return "–";
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buffer;
}

std::string days(const Cell& cell) {
    if (cell.converted == 0) {
        return "–";
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f", cell.daysToConvert);
    return buffer;
}

std::string money(double amount) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", std::round(amount));
    std::string digits = buffer;
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count > 0 && count % 3 == 0 && *it != '-') {
            out.insert(out.begin(), ',');
        }
        out.insert(out.begin(), *it);
        ++count;
    }
    return out;
}

nlohmann::json rowsOf(const Breakdown& cells, const std::function<std::string(const std::string&)>& label) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [key, cell] : cells) {
        double rate = cell.leads == 0 ? 0 : 100.0 * static_cast<double>(cell.converted) / static_cast<double>(cell.leads);
        rows.push_back({{"KEY", key},
                        {"LABEL", label(key)},
                        {"LEADS", cell.leads},
                        {"CONVERTED", cell.converted},
                        {"RATE", percent(cell.converted, cell.leads)},
                        {"METER", static_cast<int>(rate)},
                        {"DAYS", days(cell)}});
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const nlohmann::json& a, const nlohmann::json& b) { return a["LEADS"] > b["LEADS"]; });
    return rows;
}

/// What the report needs of every campaign: shared set-up, read as the system.
struct CampaignFacts {
    std::map<std::string, std::string> names;    ///< by id
    std::map<std::string, double> costs;         ///< by id
    std::map<std::string, std::string> channels; ///< by id: the lead source of its leads
};

CampaignFacts campaignFacts(Records& records) {
    CampaignFacts facts;
    Query query;
    query.entity = "Campaign";
    query.fields = {"id", "name", "cost", "channel"};
    query.limit = 1000;
    for (const auto& row : queryAll(records, Caller::systemCaller(), query)) {
        std::string id = row["id"].dump();
        facts.names[id] = text(row, "name");
        facts.costs[id] = number(row, "cost").value_or(0);
        facts.channels[id] = text(row, "channel");
    }
    return facts;
}

std::string returnOf(double won, double cost) {
    return cost > 0 ? percent(static_cast<std::int64_t>(std::llround(won - cost)), static_cast<std::int64_t>(std::llround(cost)))
                    : "–";
}

/// Revenue won per campaign: the won deals the campaign's converted leads became.
std::map<std::string, double> wonByCampaign(Records& records, const Caller& caller, const Filter& period) {
    std::map<std::string, double> won;
    Query converted;
    converted.entity = "Lead";
    converted.filter = Filter::allOf({period, Filter::isNotNull("campaign_id"), Filter::isNotNull("converted_deal_id")});
    converted.fields = {"id", "campaign_id", "converted_deal_id"};
    converted.limit = 1000;
    std::map<std::int64_t, std::string> campaignOfDeal;
    for (const auto& row : queryAll(records, caller, converted)) {
        campaignOfDeal[integer(row, "converted_deal_id")] = row["campaign_id"].dump();
    }
    if (campaignOfDeal.empty()) {
        return won;
    }
    try {
        std::vector<std::int64_t> ids;
        for (const auto& [deal, campaign] : campaignOfDeal) {
            ids.push_back(deal);
        }
        for (std::size_t start = 0; start < ids.size(); start += 1000) {
            Query deals;
            deals.entity = "Deal";
            deals.filter = Filter::allOf(
                {Filter::in("id", std::vector<std::int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                            ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + 1000)))),
                 Filter::eq("status", "won")});
            deals.fields = {"id", "amount"};
            deals.limit = 1000;
            for (const auto& deal : queryAll(records, caller, deals)) {
                won[campaignOfDeal[integer(deal, "id")]] += number(deal, "amount").value_or(0);
            }
        }
    } catch (const PluginError&) {
        // deals are not enabled: no revenue to attribute
    }
    return won;
}

nlohmann::json report(Records& records, UserDirectory& users, const Caller& caller, const std::string& from,
                      const std::string& to) {
    Filter period = Filter::between("created_at", from, to);
    CampaignFacts facts = campaignFacts(records);
    auto& names = facts.names;
    auto& costs = facts.costs;
    auto identity = [](const std::string& key) { return key.empty() ? std::string("(none)") : key; };
    auto sourceLabel = [](const std::string& key) {
        static const std::map<std::string, std::string> kLabels = {
            {"web_form", "Web form"}, {"referral", "Referral"}, {"event", "Event"}, {"cold_call", "Cold call"},
            {"partner", "Partner"}, {"advertising", "Advertising"}, {"social", "Social media"},
            {"import", "Import"}, {"api", "API"}, {"other", "Other"}};
        auto it = kLabels.find(key);
        return it == kLabels.end() ? (key.empty() ? std::string("(none)") : key) : it->second;
    };
    auto ownerLabel = [&users](const std::string& key) {
        if (key.empty()) {
            return std::string("Unassigned");
        }
        auto user = users.byId(std::stoll(key));
        return user ? user->displayName : "#" + key;
    };
    auto campaignLabel = [&names](const std::string& key) {
        if (key.empty()) {
            return std::string("(no campaign)");
        }
        auto it = names.find(key);
        return it == names.end() ? "#" + key : it->second;
    };
    auto byCampaign = breakdown(records, caller, "campaign_id", DateBucket::None, period);
    auto won = wonByCampaign(records, caller, period);
    nlohmann::json roi = nlohmann::json::array();
    for (const auto& [key, cell] : byCampaign) {
        if (key.empty()) {
            continue;
        }
        double cost = costs.contains(key) ? costs[key] : 0;
        double revenue = won.contains(key) ? won[key] : 0;
        nlohmann::json row = {{"LABEL", campaignLabel(key)},
                              {"LEADS", cell.leads},
                              {"CONVERTED", cell.converted},
                              {"COST", money(cost)},
                              {"COST_PER_LEAD", cell.leads == 0 ? "–" : money(cost / static_cast<double>(cell.leads))},
                              {"WON", money(revenue)},
                              {"cost", cost},
                              {"won", revenue}};
        row["ROI"] = returnOf(revenue, cost);
        roi.push_back(row);
    }
    std::int64_t total = 0;
    std::int64_t converted = 0;
    double daySum = 0;
    auto bySource = breakdown(records, caller, "source", DateBucket::None, period);
    for (const auto& [key, cell] : bySource) {
        total += cell.leads;
        converted += cell.converted;
        daySum += cell.daysToConvert * static_cast<double>(cell.converted);
    }
    Cell overall{total, converted, converted == 0 ? 0 : daySum / static_cast<double>(converted)};
    // A source's return: the costs of the campaigns bringing leads of that source, against the
    // revenue their leads won.
    std::map<std::string, std::pair<double, double>> bySourceMoney;  // cost, won
    for (const auto& [id, cost] : costs) {
        bySourceMoney[facts.channels[id]].first += cost;
    }
    for (const auto& [id, revenue] : won) {
        bySourceMoney[facts.channels[id]].second += revenue;
    }
    nlohmann::json sourceRoi = nlohmann::json::array();
    for (const auto& [source, amounts] : bySourceMoney) {
        if (amounts.first <= 0 && amounts.second <= 0) {
            continue;
        }
        const Cell& cell = bySource.contains(source) ? bySource.at(source) : Cell{};
        sourceRoi.push_back({{"LABEL", sourceLabel(source)}, {"LEADS", cell.leads}, {"CONVERTED", cell.converted},
                             {"COST", money(amounts.first)}, {"WON", money(amounts.second)},
                             {"ROI", returnOf(amounts.second, amounts.first)},
                             {"key", source}, {"cost", amounts.first}, {"won", amounts.second}});
    }
    AggregateQuery lost;
    lost.entity = "Lead";
    lost.groupBy = "unqualified_reason";
    lost.filter = Filter::allOf({period, Filter::eq("status", "unqualified")});
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& row : records.aggregate(caller, lost)) {
        static const std::map<std::string, std::string> kReasons = {
            {"no_budget", "No budget"}, {"no_need", "No need"}, {"no_authority", "Not a decision maker"},
            {"timing", "Bad timing"}, {"competitor", "Chose a competitor"}, {"unreachable", "Unreachable"},
            {"spam", "Spam or fake"}, {"duplicate", "Duplicate"}, {"other", "Other"}};
        std::string key = keyOf(row.group);
        reasons.push_back({{"KEY", key},
                           {"LABEL", kReasons.contains(key) ? kReasons.at(key) : (key.empty() ? "(not given)" : key)},
                           {"COUNT", row.count}});
    }
    std::stable_sort(reasons.begin(), reasons.end(),
                     [](const nlohmann::json& a, const nlohmann::json& b) { return a["COUNT"] > b["COUNT"]; });
    return {{"FROM", from},
            {"REASON", reasons},
            {"NO_REASON", reasons.empty()},
            {"TO", to},
            {"TOTAL", total},
            {"CONVERTED", converted},
            {"RATE", percent(converted, total)},
            {"DAYS", days(overall)},
            {"BY_SOURCE", rowsOf(bySource, sourceLabel)},
            {"BY_CAMPAIGN", rowsOf(byCampaign, campaignLabel)},
            {"BY_OWNER", rowsOf(breakdown(records, caller, "owner_id", DateBucket::None, period), ownerLabel)},
            {"BY_MONTH", rowsOf(breakdown(records, caller, "created_at", DateBucket::Month, period), identity)},
            {"ROI", roi},
            {"SOURCE_ROI", sourceRoi},
            {"NO_SOURCE_ROI", sourceRoi.empty()},
            {"NO_ROI", roi.empty()}};
}

std::string dateParam(const WebRequest& request, const std::string& name, const std::string& fallback) {
    std::string value = request.query(name).value_or("");
    if (value.empty()) {
        return fallback;
    }
    if (value.size() != 10 || !epochOf(value)) {
        throw PluginError(Error{"validation", name + ": use a date like 2026-01-31", {{name, "use a date like 2026-01-31"}}});
    }
    return value;
}

}  // namespace

void addAnalytics(PluginContext& context) {
    Records& records = context.records();
    UserDirectory& users = context.users();
    auto read = [&records, &users](const WebRequest& request) {
        std::string from = dateParam(request, "from", isoNow(-365 * 86400).substr(0, 10));
        std::string to = dateParam(request, "to", isoNow().substr(0, 10));
        return report(records, users, request.caller(), from, to);
    };
    context.addRoute({"GET", "/p/leads/analytics", Permission::on("Lead", Action::Read), [read](const WebRequest& request) {
                          // BY_MONTH keys sort oldest first; the page shows the newest first.
                          nlohmann::json data = read(request);
                          std::sort(data["BY_MONTH"].begin(), data["BY_MONTH"].end(),
                                    [](const nlohmann::json& a, const nlohmann::json& b) { return a["KEY"] > b["KEY"]; });
                          return WebResponse::page("Lead analytics", "leads.analytics.tpl", data,
                                                   {{"Home", "/"}, {"Leads", "/p/leads/list"}, {"Analytics", ""}});
                      }});
    context.addRoute({"GET", "/api/v1/p/leads/analytics", Permission::on("Lead", Action::Read),
                      [read](const WebRequest& request) {
                          nlohmann::json data = read(request);
                          auto rows = [&data](const char* key) {
                              nlohmann::json out = nlohmann::json::array();
                              for (const auto& row : data[key]) {
                                  out.push_back({{"key", row["KEY"]}, {"label", row["LABEL"]}, {"leads", row["LEADS"]},
                                                 {"converted", row["CONVERTED"]}, {"rate", row["RATE"]},
                                                 {"days_to_convert", row["DAYS"]}});
                              }
                              return out;
                          };
                          nlohmann::json roi = nlohmann::json::array();
                          for (const auto& row : data["ROI"]) {
                              roi.push_back({{"campaign", row["LABEL"]}, {"leads", row["LEADS"]},
                                             {"converted", row["CONVERTED"]}, {"cost", row["cost"]},
                                             {"won", row["won"]}, {"roi", row["ROI"]}});
                          }
                          nlohmann::json sourceRoi = nlohmann::json::array();
                          for (const auto& row : data["SOURCE_ROI"]) {
                              sourceRoi.push_back({{"source", row["key"]}, {"leads", row["LEADS"]},
                                                   {"converted", row["CONVERTED"]}, {"cost", row["cost"]},
                                                   {"won", row["won"]}, {"roi", row["ROI"]}});
                          }
                          nlohmann::json reasons = nlohmann::json::array();
                          for (const auto& row : data["REASON"]) {
                              reasons.push_back({{"reason", row["KEY"]}, {"leads", row["COUNT"]}});
                          }
                          return WebResponse::json({{"from", data["FROM"]}, {"to", data["TO"]}, {"source_roi", sourceRoi},
                                                    {"unqualified_reasons", reasons},
                                                    {"leads", data["TOTAL"]}, {"converted", data["CONVERTED"]},
                                                    {"by_source", rows("BY_SOURCE")}, {"by_campaign", rows("BY_CAMPAIGN")},
                                                    {"by_owner", rows("BY_OWNER")}, {"by_month", rows("BY_MONTH")},
                                                    {"roi", roi}});
                      }});
}

}  // namespace leads
