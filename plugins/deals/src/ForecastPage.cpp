#include "ForecastPage.hpp"

#include "DealFilters.hpp"
#include "Forecast.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

struct ForecastRequest {
    int year = 0;
    bool quarters = true;
    Period period;
    bool byTeam = false;
    ForecastScope scope;
    std::string ownerText;

    static ForecastRequest read(const WebRequest& request) {
        ForecastRequest out;
        std::string today = todayIso();
        std::string year = request.query("year").value_or(today.substr(0, 4));
        auto parsedYear = parseInteger(year);
        if (!parsedYear || *parsedYear < 1900 || *parsedYear > 2999) {
            refuseParameter("year", "is a year such as 2026");
        }
        out.year = static_cast<int>(*parsedYear);
        std::string view = request.query("view").value_or("quarter");
        if (view != "quarter" && view != "month") {
            refuseParameter("view", "is 'quarter' or 'month'");
        }
        out.quarters = view == "quarter";
        std::string period = request.query("period").value_or("");
        auto parsed = period.empty() ? std::optional<Period>(quarterOf(today)) : parsePeriod(period);
        if (!parsed) {
            refuseParameter("period", "is a month (2026-03) or a quarter (2026-Q1)");
        }
        out.period = *parsed;
        std::string by = request.query("by").value_or("owner");
        if (by != "owner" && by != "team") {
            refuseParameter("by", "is 'owner' or 'team'");
        }
        out.byTeam = by == "team";
        DealFilters filters = DealFilters::read(request);
        out.ownerText = filters.owner;
        out.scope.owner = filters.owner == "me" ? request.caller().userId
                                                 : (filters.owner.empty() ? 0 : *parseInteger(filters.owner));
        out.scope.team = filters.team;
        return out;
    }
};

nlohmann::json rowData(const ForecastRow& row, const std::string& currency) {
    auto attainment = row.attainment();
    return {{"LABEL", row.label},
            {"CLOSED", moneyText(row.closed, currency)},
            {"COMMIT", moneyText(row.commit, currency)},
            {"BEST_CASE", moneyText(row.bestCase, currency)},
            {"PIPELINE", moneyText(row.pipeline, currency)},
            {"COMMITTED", moneyText(row.committed(), currency)},
            {"UNWEIGHTED", moneyText(row.unweighted(), currency)},
            {"WEIGHTED", moneyText(row.weighted, currency)},
            {"QUOTA", row.quota ? moneyText(*row.quota, currency) : "—"},
            {"HAS_ATTAINMENT", attainment.has_value()},
            {"ATTAINMENT", attainment ? *attainment : 0.0},
            {"METER", attainment ? std::min(*attainment, 150.0) : 0.0}};
}

nlohmann::json tableData(const ForecastTable& table, const std::string& currency) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
        rows.push_back(rowData(row, currency));
    }
    return {{"ROW", rows}, {"TOTAL", rowData(table.total, currency)}};
}

nlohmann::json tableJson(const ForecastTable& table) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
        rows.push_back(row.toJson());
    }
    return {{"rows", rows}, {"total", table.total.toJson()}};
}

}  // namespace

void addForecastPage(PluginContext& context) {
    Records& records = context.records();
    std::string currency = context.config().value("currency", "EUR");
    auto& users = context.users();
    context.addRoute(
        {"GET", "/p/deals/forecast", Permission::on("Deal", Action::Read),
         [&records, &users, currency](const WebRequest& request) {
             ForecastRequest wanted = ForecastRequest::read(request);
             Caller caller = request.caller();
             People people(users);
             ForecastTable periods = forecastByPeriod(records, caller, wanted.year, wanted.quarters, wanted.scope);
             ForecastTable groups =
                 forecastByGroup(records, caller, people, wanted.period,
                                 wanted.byTeam ? "team_id" : "owner_id", wanted.scope);
             DealFilters filters;
             filters.owner = wanted.ownerText;
             filters.team = wanted.scope.team;
             std::set<std::int64_t> owners, teams;
             for (const auto& row : groups.rows) {
                 if (auto id = parseInteger(row.key)) {
                     (wanted.byTeam ? teams : owners).insert(*id);
                 }
             }
             nlohmann::json data = filters.templateData(caller, people, owners, teams);
             data["YEAR"] = wanted.year;
             data["PREVIOUS_YEAR"] = wanted.year - 1;
             data["NEXT_YEAR"] = wanted.year + 1;
             data["BY_QUARTER"] = wanted.quarters;
             data["BY_MONTH"] = !wanted.quarters;
             data["PERIOD"] = wanted.period.key;
             data["PERIOD_LABEL"] = wanted.period.label;
             data["BY_TEAM"] = wanted.byTeam;
             data["BY_OWNER"] = !wanted.byTeam;
             data["GROUP_LABEL"] = wanted.byTeam ? "Team" : "Owner";
             data["PERIODS"] = tableData(periods, currency);
             data["GROUPS"] = tableData(groups, currency);
             data["NO_GROUPS"] = groups.rows.empty();
             data["CURRENCY"] = currency;
             return WebResponse::page("Forecast " + std::to_string(wanted.year), "deals.forecast.tpl", data,
                                      {{"Home", "/"}, {"Deals", "/r/deals"}, {"Forecast", ""}});
         }});
    context.addRoute(
        {"GET", "/api/v1/p/deals/forecast", Permission::on("Deal", Action::Read),
         [&records, &users](const WebRequest& request) {
             ForecastRequest wanted = ForecastRequest::read(request);
             Caller caller = request.caller();
             People people(users);
             return WebResponse::json(
                 {{"year", wanted.year},
                  {"view", wanted.quarters ? "quarter" : "month"},
                  {"periods", tableJson(forecastByPeriod(records, caller, wanted.year,
                                                         wanted.quarters, wanted.scope))},
                  {"period", wanted.period.key},
                  {"by", wanted.byTeam ? "team" : "owner"},
                  {"groups", tableJson(forecastByGroup(records, caller, people, wanted.period,
                                                       wanted.byTeam ? "team_id" : "owner_id",
                                                       wanted.scope))}});
         }});
    context.addMenuItem({"Forecast", "/p/deals/forecast", Permission::on("Deal", Action::Read), 20, "Sales"});
}

}  // namespace deals
