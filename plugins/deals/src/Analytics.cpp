#include "Analytics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "DealFilters.hpp"
#include "MoveFields.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

constexpr int kDefaultDays = 365;
constexpr std::int64_t kCompetitorRowLimit = 20000;

std::string keyOf(const nlohmann::json& group) {
    return group.is_string() ? group.get<std::string>() : (group.is_null() ? std::string{} : group.dump());
}

std::string optionLabel(const std::string& field, const std::string& value) {
    if (const MoveField* input = moveField(field)) {
        for (const auto& [option, label] : input->options) {
            if (option == value) {
                return label;
            }
        }
    }
    return value;
}

std::vector<AggregateRow> grouped(Records& records, const Caller& caller, std::vector<Filter> scope,
                                  const std::string& status, AggregateFn fn, const std::string& field,
                                  const std::string& groupBy) {
    scope.push_back(Filter::eq("status", status));
    AggregateQuery query;
    query.entity = "Deal";
    query.filter = Filter::allOf(std::move(scope));
    query.fn = fn;
    query.field = field;
    query.groupBy = groupBy;
    return records.aggregate(caller, query);
}

std::string percent(double value) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << value << " %";
    return out.str();
}

std::string daysText(double days) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << days << " d";
    return out.str();
}

nlohmann::json rowsData(const std::vector<WinLossRow>& rows, const std::string& currency) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
        out.push_back({{"LABEL", row.label}, {"WON", row.won}, {"LOST", row.lost}, {"RATE", percent(row.rate())},
                       {"METER", row.rate()}, {"WON_AMOUNT", moneyText(row.wonAmount, currency)}});
    }
    return out;
}

nlohmann::json rowsJson(const std::vector<WinLossRow>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
        out.push_back({{"key", row.key}, {"label", row.label}, {"won", row.won}, {"lost", row.lost},
                       {"win_rate", row.rate()}, {"won_amount", row.wonAmount}});
    }
    return out;
}

struct AnalyticsRequest {
    Pipeline pipeline;
    std::string from;
    std::string to;

    static AnalyticsRequest read(const WebRequest& request, const Pipelines& pipelines) {
        AnalyticsRequest out;
        std::string pipeline = request.query("pipeline").value_or("");
        if (pipeline.empty()) {
            out.pipeline = pipelines.defaultPipeline();
        } else {
            auto id = parseInteger(pipeline);
            auto found = id ? pipelines.byId(*id) : std::nullopt;
            if (!found) {
                refuseParameter("pipeline", "is not a pipeline");
            }
            out.pipeline = *found;
        }
        auto today = static_cast<std::int64_t>(*daysOf(todayIso()));
        out.from = request.query("from").value_or(isoOfDay(today - kDefaultDays));
        out.to = request.query("to").value_or(isoOfDay(today));
        for (const auto& [name, value] : {std::pair{"from", out.from}, std::pair{"to", out.to}}) {
            if (value.size() != 10 || !daysOf(value)) {
                refuseParameter(name, "is a date such as 2026-03-31");
            }
        }
        return out;
    }

    std::vector<Filter> scope() const {
        return {pipeline.deals(), Filter::gte("closed_on", from), Filter::lte("closed_on", to)};
    }
};

struct Velocity {
    std::vector<std::pair<std::string, double>> daysPerStage;  ///< stage name, average days
    std::vector<std::int64_t> movesPerStage;
    double daysToWin = 0;
    double daysToLose = 0;
    std::int64_t openDeals = 0;
    double winRate = 0;
    double averageWon = 0;
    double perDay = 0;  ///< open deals × win rate × average won amount / days to win
};

Velocity velocityOf(Records& records, const Caller& caller, const AnalyticsRequest& wanted,
                    const std::vector<WinLossRow>& byOwner) {
    Velocity velocity;
    AggregateQuery perStage;
    perStage.entity = "DealStageChange";
    perStage.filter = Filter::allOf({Filter::eq("pipeline_id", wanted.pipeline.id),
                                     Filter::isNotNull("days_in_from_stage"),
                                     Filter::between("changed_at", wanted.from, wanted.to)});
    perStage.fn = AggregateFn::Avg;
    perStage.field = "days_in_from_stage";
    perStage.groupBy = "from_stage_id";
    std::map<std::int64_t, AggregateRow> averages;
    for (const auto& row : records.aggregate(caller, perStage)) {
        if (row.group.is_number_integer()) {
            averages[row.group.get<std::int64_t>()] = row;
        }
    }
    for (const auto& stage : wanted.pipeline.stages) {
        if (stage.closed()) {
            continue;
        }
        auto it = averages.find(stage.id);
        velocity.daysPerStage.emplace_back(stage.name, it == averages.end() ? 0 : it->second.value);
        velocity.movesPerStage.push_back(it == averages.end() ? 0 : it->second.count);
    }
    for (const char* status : {"won", "lost"}) {
        auto rows = grouped(records, caller, wanted.scope(), status, AggregateFn::Avg, "days_to_close", "");
        (std::string(status) == "won" ? velocity.daysToWin : velocity.daysToLose) = rows.empty() ? 0 : rows.front().value;
    }
    Query open;
    open.entity = "Deal";
    open.filter = Filter::allOf({wanted.pipeline.deals(), Filter::eq("status", "open")});
    velocity.openDeals = records.count(caller, open);
    std::int64_t won = 0, lost = 0;
    double wonAmount = 0;
    for (const auto& row : byOwner) {
        won += row.won;
        lost += row.lost;
        wonAmount += row.wonAmount;
    }
    velocity.winRate = won + lost > 0 ? static_cast<double>(won) / static_cast<double>(won + lost) : 0;
    velocity.averageWon = won > 0 ? wonAmount / static_cast<double>(won) : 0;
    velocity.perDay = velocity.daysToWin > 0
                          ? static_cast<double>(velocity.openDeals) * velocity.winRate * velocity.averageWon / velocity.daysToWin
                          : 0;
    return velocity;
}

std::vector<WinLossRow> lossReasons(Records& records, const Caller& caller, const std::vector<Filter>& scope) {
    std::vector<WinLossRow> rows;
    for (const auto& row : grouped(records, caller, scope, "lost", AggregateFn::Sum, "amount", "loss_reason")) {
        WinLossRow reason;
        reason.key = keyOf(row.group);
        reason.label = reason.key.empty() ? "No reason" : optionLabel("loss_reason", reason.key);
        reason.lost = row.count;
        reason.wonAmount = row.value;  // the amount lost, shown as such
        rows.push_back(reason);
    }
    std::sort(rows.begin(), rows.end(), [](const WinLossRow& a, const WinLossRow& b) {
        return a.lost != b.lost ? a.lost > b.lost : a.wonAmount > b.wonAmount;
    });
    return rows;
}

}  // namespace

double WinLossRow::rate() const {
    return won + lost > 0 ? std::round(static_cast<double>(won) * 1000 / static_cast<double>(won + lost)) / 10 : 0;
}

std::vector<WinLossRow> winLossBy(Records& records, const Caller& caller,
                                  const std::vector<Filter>& scope, const std::string& field,
                                  People& people) {
    std::map<std::string, WinLossRow> rows;
    for (const auto& row : grouped(records, caller, scope, "won", AggregateFn::Sum, "amount", field)) {
        WinLossRow& target = rows[keyOf(row.group)];
        target.won = row.count;
        target.wonAmount = row.value;
    }
    for (const auto& row : grouped(records, caller, scope, "lost", AggregateFn::Count, "", field)) {
        rows[keyOf(row.group)].lost = row.count;
    }
    std::vector<WinLossRow> out;
    for (auto& [key, row] : rows) {
        row.key = key;
        if (field == "owner_id") {
            row.label = key.empty() ? "No owner" : people.user(caller, *parseInteger(key));
        } else {
            row.label = key.empty() ? "Not given" : optionLabel(field, key);
        }
        out.push_back(row);
    }
    std::sort(out.begin(), out.end(), [](const WinLossRow& a, const WinLossRow& b) {
        return a.won + a.lost > b.won + b.lost;
    });
    return out;
}

std::vector<WinLossRow> winLossByStageReached(Records& records, const Caller& caller,
                                              const std::vector<Filter>& scope, const Pipeline& pipeline) {
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> byPosition;  // won, lost
    std::map<std::int64_t, double> wonAmount;
    for (const char* status : {"won", "lost"}) {
        for (const auto& row : grouped(records, caller, scope, status, AggregateFn::Sum, "amount", "furthest_position")) {
            std::int64_t position = row.group.is_number_integer() ? row.group.get<std::int64_t>() : 0;
            (std::string(status) == "won" ? byPosition[position].first : byPosition[position].second) += row.count;
            if (std::string(status) == "won") {
                wonAmount[position] += row.value;
            }
        }
    }
    std::vector<WinLossRow> out;
    for (const auto& stage : pipeline.stages) {
        if (stage.closed()) {
            continue;
        }
        WinLossRow row;
        row.key = std::to_string(stage.id);
        row.label = stage.name;
        for (const auto& [position, counts] : byPosition) {
            if (position >= stage.position) {
                row.won += counts.first;
                row.lost += counts.second;
                row.wonAmount += wonAmount[position];
            }
        }
        out.push_back(row);
    }
    return out;
}

std::vector<WinLossRow> winLossByCompetitor(Records& records, const Caller& caller,
                                            const std::vector<Filter>& scope) {
    std::map<std::string, WinLossRow> rows;
    Query query;
    query.entity = "Deal";
    std::vector<Filter> parts = scope;
    parts.push_back(Filter::in("status", nlohmann::json::array({"won", "lost"})));
    query.filter = Filter::allOf(parts);
    query.fields = {"id", "status", "competitors", "amount"};
    query.limit = 1000;
    std::int64_t read = 0;
    for (;;) {
        Page page = records.query(caller, query);
        for (const auto& deal : page.rows) {
            if (!deal.contains("competitors") || !deal["competitors"].is_array()) {
                continue;
            }
            bool won = textOf(deal, "status") == "won";
            for (const auto& competitor : deal["competitors"]) {
                if (!competitor.is_string()) {
                    continue;
                }
                WinLossRow& row = rows[competitor.get<std::string>()];
                (won ? row.won : row.lost) += 1;
                if (won) {
                    row.wonAmount += amountOf(deal, "amount");
                }
            }
        }
        read += static_cast<std::int64_t>(page.rows.size());
        if (page.nextCursor.empty() || read >= kCompetitorRowLimit) {
            break;
        }
        query.after = page.nextCursor;
    }
    std::vector<WinLossRow> out;
    for (auto& [name, row] : rows) {
        row.key = name;
        row.label = name;
        out.push_back(row);
    }
    std::sort(out.begin(), out.end(), [](const WinLossRow& a, const WinLossRow& b) {
        return a.won + a.lost > b.won + b.lost;
    });
    return out;
}

void addAnalyticsPage(PluginContext& context, const Pipelines& pipelines) {
    Records& records = context.records();
    std::string currency = context.config().value("currency", "EUR");
    auto& users = context.users();
    auto compute = [&records, &pipelines, &users](const WebRequest& request) {
        AnalyticsRequest wanted = AnalyticsRequest::read(request, pipelines);
        Caller caller = request.caller();
        auto scope = wanted.scope();
        People people(users);
        auto byOwner = winLossBy(records, caller, scope, "owner_id", people);
        return std::make_tuple(wanted, byOwner, winLossBy(records, caller, scope, "source", people),
                               winLossByStageReached(records, caller, scope, wanted.pipeline),
                               winLossByCompetitor(records, caller, scope),
                               lossReasons(records, caller, scope),
                               velocityOf(records, caller, wanted, byOwner));
    };
    context.addRoute(
        {"GET", "/p/deals/analytics", Permission::on("Deal", Action::Read),
         [compute, currency, &pipelines](const WebRequest& request) {
             auto [wanted, byOwner, bySource, byStage, byCompetitor, reasons, velocity] = compute(request);
             nlohmann::json stageRows = nlohmann::json::array();
             for (std::size_t i = 0; i < velocity.daysPerStage.size(); ++i) {
                 stageRows.push_back({{"STAGE", velocity.daysPerStage[i].first},
                                      {"DAYS", daysText(velocity.daysPerStage[i].second)},
                                      {"MOVES", velocity.movesPerStage[i]}});
             }
             nlohmann::json reasonRows = nlohmann::json::array();
             for (const auto& reason : reasons) {
                 reasonRows.push_back({{"LABEL", reason.label}, {"COUNT", reason.lost},
                                       {"AMOUNT", moneyText(reason.wonAmount, currency)}});
             }
             nlohmann::json pipelineOptions = nlohmann::json::array();
             for (const auto& other : pipelines.all()) {
                 pipelineOptions.push_back({{"VALUE", other.id}, {"LABEL", other.name}, {"SELECTED", other.id == wanted.pipeline.id}});
             }
             return WebResponse::page(
                 "Win/loss and velocity", "deals.analytics.tpl",
                 {{"FROM", wanted.from},
                  {"TO", wanted.to},
                  {"PIPELINE_OPTION", pipelineOptions},
                  {"BY_OWNER", rowsData(byOwner, currency)},
                  {"BY_SOURCE", rowsData(bySource, currency)},
                  {"BY_STAGE", rowsData(byStage, currency)},
                  {"BY_COMPETITOR", rowsData(byCompetitor, currency)},
                  {"NO_COMPETITOR", byCompetitor.empty()},
                  {"NO_CLOSED", byOwner.empty()},
                  {"REASON", reasonRows},
                  {"NO_REASON", reasonRows.empty()},
                  {"STAGE_DAYS", stageRows},
                  {"DAYS_TO_WIN", daysText(velocity.daysToWin)},
                  {"DAYS_TO_LOSE", daysText(velocity.daysToLose)},
                  {"OPEN_DEALS", velocity.openDeals},
                  {"WIN_RATE", percent(velocity.winRate * 100)},
                  {"AVERAGE_WON", moneyText(velocity.averageWon, currency)},
                  {"VELOCITY", moneyText(velocity.perDay, currency)}},
                 {{"Home", "/"}, {"Deals", "/r/deals"}, {"Win/loss and velocity", ""}});
         }});
    context.addRoute({"GET", "/api/v1/p/deals/analytics", Permission::on("Deal", Action::Read),
                      [compute](const WebRequest& request) {
                          auto [wanted, byOwner, bySource, byStage, byCompetitor, reasons, velocity] = compute(request);
                          nlohmann::json stages = nlohmann::json::array();
                          for (std::size_t i = 0; i < velocity.daysPerStage.size(); ++i) {
                              stages.push_back({{"stage", velocity.daysPerStage[i].first},
                                                {"average_days", velocity.daysPerStage[i].second},
                                                {"moves", velocity.movesPerStage[i]}});
                          }
                          nlohmann::json reasonRows = nlohmann::json::array();
                          for (const auto& reason : reasons) {
                              reasonRows.push_back({{"reason", reason.key}, {"label", reason.label},
                                                    {"count", reason.lost}, {"amount", reason.wonAmount}});
                          }
                          return WebResponse::json({{"pipeline", wanted.pipeline.id},
                                                    {"from", wanted.from},
                                                    {"to", wanted.to},
                                                    {"by_owner", rowsJson(byOwner)},
                                                    {"by_source", rowsJson(bySource)},
                                                    {"by_stage_reached", rowsJson(byStage)},
                                                    {"by_competitor", rowsJson(byCompetitor)},
                                                    {"loss_reasons", reasonRows},
                                                    {"velocity",
                                                     {{"days_per_stage", stages},
                                                      {"days_to_win", velocity.daysToWin},
                                                      {"days_to_lose", velocity.daysToLose},
                                                      {"open_deals", velocity.openDeals},
                                                      {"win_rate", velocity.winRate},
                                                      {"average_won", velocity.averageWon},
                                                      {"per_day", velocity.perDay}}}});
                      }});
    context.addMenuItem({"Win/loss and velocity", "/p/deals/analytics", Permission::on("Deal", Action::Read), 30, "Sales"});
}

}  // namespace deals
