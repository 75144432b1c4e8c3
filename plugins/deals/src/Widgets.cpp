#include "Widgets.hpp"

#include <algorithm>

#include "Forecast.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

constexpr int kWidgetRows = 8;

nlohmann::json dealRows(const std::vector<Record>& deals) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& deal : deals) {
        rows.push_back({{"NAME", textOf(deal, "name")},
                        {"HREF", "/r/deals/" + std::to_string(idOf(deal, "id"))},
                        {"STAGE", textOf(deal, "stage_name")},
                        {"AMOUNT", isBlank(deal, "amount") ? "—" : moneyText(amountOf(deal, "amount"), currencyOf(deal, "amount"))},
                        {"CLOSE", textOf(deal, "expected_close_date").empty() ? "no close date" : textOf(deal, "expected_close_date")}});
    }
    return rows;
}

AggregateRow total(Records& records, const Caller& caller, const Filter& filter) {
    AggregateQuery sum;
    sum.entity = "Deal";
    sum.filter = filter;
    sum.fn = AggregateFn::Sum;
    sum.field = "amount";
    auto rows = records.aggregate(caller, sum);
    return rows.empty() ? AggregateRow{} : rows.front();
}

std::vector<Record> openDeals(Records& records, const Caller& caller, const Filter& filter) {
    Query query;
    query.entity = "Deal";
    query.filter = Filter::allOf({filter, Filter::eq("status", "open")});
    // Biggest expected value first; an unindexed leading key keeps SQLite on the filter's index
    // (see Kanban.cpp).
    query.sort = {{"weighted_amount", true}, {"expected_close_date", false}};
    query.fields = {"id", "name", "stage_name", "amount", "expected_close_date"};
    query.limit = kWidgetRows;
    return records.query(caller, query).rows;
}

/// Open deals and totals for a set of deals (a company's, a contact's).
std::optional<PanelContent> dealsPanel(Records& records, const Caller& caller, const Filter& filter,
                                       const std::string& currency, const std::string& newHref) {
    AggregateRow open = total(records, caller, Filter::allOf({filter, Filter::eq("status", "open")}));
    AggregateRow won = total(records, caller, Filter::allOf({filter, Filter::eq("status", "won")}));
    auto rows = openDeals(records, caller, filter);
    return PanelContent{"Deals", "deals.record_panel.tpl",
                        {{"DEAL", dealRows(rows)},
                         {"OPEN_COUNT", open.count},
                         {"OPEN_TOTAL", moneyText(open.value, currency)},
                         {"WON_COUNT", won.count},
                         {"WON_TOTAL", moneyText(won.value, currency)},
                         {"MORE", open.count > static_cast<std::int64_t>(rows.size())},
                         {"NONE", open.count == 0},
                         {"NEW_HREF", newHref}}};
}

}  // namespace

nlohmann::json barChart(const std::vector<std::tuple<std::string, double, double>>& rows,
                        const std::string& currency) {
    constexpr int kLabelWidth = 110, kBarWidth = 190, kRowHeight = 26;
    double largest = 1;
    for (const auto& [label, value, second] : rows) {
        largest = std::max({largest, value, second});
    }
    nlohmann::json bars = nlohmann::json::array();
    int y = 2;
    for (const auto& [label, value, second] : rows) {
        int full = std::max(1, static_cast<int>(value / largest * kBarWidth));
        bars.push_back({{"LABEL", label},
                        {"AMOUNT", moneyText(value, currency)},
                        {"X", kLabelWidth},
                        {"TEXT_Y", y + 15},
                        {"BAR_Y", y + 3},
                        {"WIDTH", full},
                        {"WEIGHTED_WIDTH", std::max(1, static_cast<int>(second / largest * kBarWidth))},
                        {"AMOUNT_X", kLabelWidth + full + 6}});
        y += kRowHeight;
    }
    return {{"BAR", bars}, {"HEIGHT", y + 2}};
}

void addHomeWidgets(PluginContext& context, const Pipelines& pipelines) {
    Records& records = context.records();
    std::string currency = context.config().value("currency", "EUR");
    context.addPanel({Slot::Home, "*", Permission::on("Deal", Action::Read), 20,
                      [&records, currency](const PanelContext& panel) -> std::optional<PanelContent> {
                          Filter mine = Filter::eq("owner_id", panel.caller.userId);
                          auto content = dealsPanel(records, panel.caller, mine, currency, "/r/deals/new");
                          content->title = "My open deals";
                          return content;
                      }});
    context.addPanel(
        {Slot::Home, "*", Permission::on("Deal", Action::Read), 21,
         [&records, &pipelines, currency](const PanelContext& panel) -> std::optional<PanelContent> {
             Pipeline pipeline = pipelines.defaultPipeline();
             std::map<std::int64_t, std::pair<double, double>> sums;
             for (const char* field : {"amount", "weighted_amount"}) {
                 AggregateQuery sum;
                 sum.entity = "Deal";
                 sum.filter = Filter::allOf({pipeline.deals(), Filter::eq("status", "open")});
                 sum.fn = AggregateFn::Sum;
                 sum.field = field;
                 sum.groupBy = "stage_id";
                 for (const auto& row : records.aggregate(panel.caller, sum)) {
                     if (row.group.is_number_integer()) {
                         auto& target = sums[row.group.get<std::int64_t>()];
                         (std::string(field) == "amount" ? target.first : target.second) = row.value;
                     }
                 }
             }
             std::vector<std::tuple<std::string, double, double>> bars;
             for (const auto& stage : pipeline.stages) {
                 if (!stage.closed()) {
                     bars.emplace_back(stage.name, sums[stage.id].first, sums[stage.id].second);
                 }
             }
             nlohmann::json chart = barChart(bars, pipeline.currency);
             chart["PIPELINE"] = pipeline.name;
             chart["BOARD"] = "/p/deals/board/" + std::to_string(pipeline.id);
             return PanelContent{"Pipeline by stage", "deals.chart_widget.tpl", chart};
         }});
    context.addPanel(
        {Slot::Home, "*", Permission::on("Deal", Action::Read), 22,
         [&records, currency](const PanelContext& panel) -> std::optional<PanelContent> {
             Period quarter = quarterOf(todayIso());
             ForecastRow row = forecastOfPeriod(records, panel.caller, quarter, {panel.caller.userId, 0});
             bool everyone = !row.quota;
             if (everyone) {
                 row = forecastOfPeriod(records, panel.caller, quarter, {});
             }
             auto attainment = row.attainment();
             return PanelContent{"Forecast " + quarter.label, "deals.forecast_widget.tpl",
                                 {{"WHOSE", everyone ? "All deals you can see" : "Your deals"},
                                  {"CLOSED", moneyText(row.closed, currency)},
                                  {"COMMITTED", moneyText(row.committed(), currency)},
                                  {"BEST_CASE", moneyText(row.bestCaseTotal(), currency)},
                                  {"WEIGHTED", moneyText(row.closed + row.weighted, currency)},
                                  {"HAS_QUOTA", row.quota.has_value()},
                                  {"QUOTA", row.quota ? moneyText(*row.quota, currency) : ""},
                                  {"ATTAINMENT", attainment.value_or(0)},
                                  {"METER", std::min(attainment.value_or(0), 150.0)},
                                  {"LINK", "/p/deals/forecast?period=" + quarter.key}}};
         }});
}

void addRecordPanels(PluginContext& context) {
    Records& records = context.records();
    std::string currency = context.config().value("currency", "EUR");
    context.addPanel({Slot::DetailSide, "Company", Permission::on("Deal", Action::Read), 30,
                      [&records, currency](const PanelContext& panel) -> std::optional<PanelContent> {
                          return dealsPanel(records, panel.caller, Filter::eq("company_id", panel.id), currency,
                                            "/r/deals/new");
                      }});
    context.addPanel({Slot::DetailSide, "Contact", Permission::on("Deal", Action::Read), 30,
                      [&records, currency](const PanelContext& panel) -> std::optional<PanelContent> {
                          Query links;
                          links.entity = "DealContact";
                          links.filter = Filter::eq("contact_id", panel.id);
                          links.fields = {"deal_id"};
                          links.limit = 1000;
                          std::vector<std::int64_t> ids;
                          for (const auto& link : records.query(panel.caller, links).rows) {
                              ids.push_back(idOf(link, "deal_id"));
                          }
                          if (ids.empty()) {
                              return std::nullopt;
                          }
                          return dealsPanel(records, panel.caller, Filter::in("id", ids), currency, "/r/deals/new");
                      }});
}

}  // namespace deals
