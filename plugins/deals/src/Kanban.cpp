#include "Kanban.hpp"

#include <map>
#include <set>

#include "DealFilters.hpp"
#include "MoveFields.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

constexpr int kCardsPerOpenColumn = 30;
constexpr int kCardsPerClosedColumn = 10;
/// Won and lost columns show the deals closed this recently unless a close date range is chosen.
constexpr int kClosedDays = 90;

struct ColumnTotals {
    std::int64_t count = 0;
    double total = 0;
    double weighted = 0;
};

std::int64_t pathId(const WebRequest& request, const char* name) {
    auto id = parseInteger(request.param(name));
    if (!id) {
        throw PluginError("not_found", "no such record");
    }
    return *id;
}

/// Everything the board shows, limited to the chosen filters and, for won and lost columns,
/// to recent closes.
Filter boardScope(const Pipeline& pipeline, const DealFilters& filters, const Caller& caller) {
    std::vector<Filter> parts = filters.conditions(caller);
    parts.push_back(pipeline.deals());
    if (!filters.hasCloseRange()) {
        auto today = daysOf(todayIso());
        parts.push_back(Filter::anyOf(
            {Filter::eq("status", "open"),
             Filter::gte("closed_on", isoOfDay(static_cast<std::int64_t>(*today) - kClosedDays))}));
    }
    return Filter::allOf(std::move(parts));
}

std::map<std::int64_t, ColumnTotals> columnTotals(Records& records, const Caller& caller,
                                                  const Filter& scope) {
    std::map<std::int64_t, ColumnTotals> totals;
    for (const char* field : {"amount", "weighted_amount"}) {
        AggregateQuery sum;
        sum.entity = "Deal";
        sum.filter = scope;
        sum.fn = AggregateFn::Sum;
        sum.field = field;
        sum.groupBy = "stage_id";
        for (const auto& row : records.aggregate(caller, sum)) {
            if (!row.group.is_number_integer()) {
                continue;
            }
            ColumnTotals& column = totals[row.group.get<std::int64_t>()];
            column.count = row.count;
            (std::string(field) == "amount" ? column.total : column.weighted) = row.value;
        }
    }
    return totals;
}

std::map<std::int64_t, std::string> companyNames(Records& records, const Caller& caller,
                                                 const std::set<std::int64_t>& ids) {
    std::map<std::int64_t, std::string> names;
    if (ids.empty()) {
        return names;
    }
    Query query;
    query.entity = "Company";
    query.filter = Filter::in("id", std::vector<std::int64_t>(ids.begin(), ids.end()));
    query.fields = {"id", "name"};
    query.limit = 1000;
    for (const auto& row : records.query(caller, query).rows) {
        names[idOf(row, "id")] = textOf(row, "name");
    }
    return names;
}

/// Every field some stage of the pipeline asks for (lost stages ask for the loss reason).
std::vector<std::string> askedFields(const Pipeline& pipeline) {
    std::vector<std::string> fields;
    for (const auto& stage : pipeline.stages) {
        std::vector<std::string> wanted = stage.requiredFields;
        if (stage.outcome == "lost") {
            wanted.push_back("loss_reason");
        }
        for (const auto& field : wanted) {
            if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
                fields.push_back(field);
            }
        }
    }
    return fields;
}

nlohmann::json cardOf(const Record& deal, const Stage& stage, const Pipeline& pipeline,
                      const std::vector<std::string>& asked,
                      const std::map<std::int64_t, std::string>& companies, const Caller& caller,
                      People& people, const std::string& csrf, const std::string& back,
                      double today) {
    std::int64_t id = idOf(deal, "id");
    std::string currency = currencyOf(deal, "amount");
    // Inputs for every field some stage of the pipeline may ask for and the deal lacks.
    std::vector<std::string> missing;
    for (const auto& field : asked) {
        if (isBlank(deal, field)) {
            missing.push_back(field);
        }
    }
    std::string missingList;
    for (const auto& field : missing) {
        missingList += (missingList.empty() ? "" : " ") + field;
    }
    double inStage = 0;
    if (auto since = daysOf(textOf(deal, "stage_entered_at"))) {
        inStage = std::max(0.0, today - *since);
    }
    bool stalled = !stage.closed() && stage.stalledAfterDays > 0 && inStage >= stage.stalledAfterDays;
    nlohmann::json options = nlohmann::json::array();
    for (const auto& target : pipeline.stages) {
        options.push_back({{"VALUE", target.id}, {"LABEL", target.name}, {"SELECTED", target.id == stage.id}});
    }
    std::int64_t companyId = idOf(deal, "company_id");
    auto company = companies.find(companyId);
    std::int64_t owner = idOf(deal, "owner_id");
    return {{"ID", id},
            {"NAME", textOf(deal, "name")},
            {"HREF", "/r/deals/" + std::to_string(id)},
            {"COMPANY", company == companies.end() ? "" : company->second},
            {"HAS_COMPANY", company != companies.end()},
            {"AMOUNT",
             isBlank(deal, "amount") ? "no amount" : moneyText(amountOf(deal, "amount"), currency)},
            {"CLOSE", textOf(deal, "expected_close_date").empty()
                          ? "no close date"
                          : textOf(deal, "expected_close_date")},
            {"OWNER", people.user(caller, owner)},
            {"DAYS", static_cast<std::int64_t>(inStage)},
            {"STALLED", stalled},
            {"MISSING", missingList},
            {"MOVE", "/p/deals/deals/" + std::to_string(id) + "/move"},
            {"CSRF", csrf},
            {"BACK", back},
            {"VERSION", idOf(deal, "version")},
            {"OPTION", options},
            {"INPUT", moveInputs(missing, currency.empty() ? pipeline.currency : currency,
                                 "m" + std::to_string(id) + "-")}};
}

WebResponse boardPage(Records& records, const Pipelines& pipelines, People people,
                      const WebRequest& request, std::int64_t pipelineId) {
    std::optional<Pipeline> found = pipelines.byId(pipelineId);
    if (!found) {
        throw PluginError("not_found", "no such pipeline");
    }
    const Pipeline& pipeline = *found;
    Caller caller = request.caller();
    DealFilters filters = DealFilters::read(request);
    Filter scope = boardScope(pipeline, filters, caller);
    auto totals = columnTotals(records, caller, scope);
    std::string back = "/p/deals/board/" + std::to_string(pipeline.id);
    if (!filters.queryString().empty()) {
        back += "?" + filters.queryString();
    }

    // Cards read only what they show and the fields this pipeline's stages may ask for.
    std::vector<std::string> asked = askedFields(pipeline);
    std::vector<std::string> cardFields = {"id", "version", "name", "company_id", "amount", "expected_close_date",
                                           "owner_id", "team_id", "stage_entered_at"};
    for (const auto& field : asked) {
        if (std::find(cardFields.begin(), cardFields.end(), field) == cardFields.end()) {
            cardFields.push_back(field);
        }
    }
    std::vector<std::pair<const Stage*, std::vector<Record>>> columns;
    std::set<std::int64_t> companyIds;
    for (const auto& stage : pipeline.stages) {
        Query query;
        query.entity = "Deal";
        query.filter = Filter::allOf({scope, Filter::eq("stage_id", stage.id)});
        // Biggest expected value first. The leading key is deliberately not indexed: on SQLite an
        // indexed leading sort key makes the index drive the scan, through every deal of every
        // pipeline, where the stage index finds the column's few thousand at once.
        query.sort = {{"weighted_amount", true}, {"expected_close_date", false}};
        query.fields = cardFields;
        query.limit = stage.closed() ? kCardsPerClosedColumn : kCardsPerOpenColumn;
        auto rows = records.query(caller, query).rows;
        for (const auto& row : rows) {
            if (std::int64_t company = idOf(row, "company_id")) {
                companyIds.insert(company);
            }
        }
        columns.emplace_back(&stage, std::move(rows));
    }
    auto companies = companyNames(records, caller, companyIds);
    double today = *daysOf(nowIso());

    nlohmann::json columnData = nlohmann::json::array();
    ColumnTotals open;
    for (const auto& [stage, rows] : columns) {
        ColumnTotals sums = totals.count(stage->id) ? totals[stage->id] : ColumnTotals{};
        if (!stage->closed()) {
            open.count += sums.count;
            open.total += sums.total;
            open.weighted += sums.weighted;
        }
        std::string required;
        for (const auto& field : stage->requiredFields) {
            required += (required.empty() ? "" : " ") + field;
        }
        if (stage->outcome == "lost") {
            required += (required.empty() ? "" : " ") + std::string("loss_reason");
        }
        nlohmann::json cards = nlohmann::json::array();
        for (const auto& row : rows) {
            cards.push_back(cardOf(row, *stage, pipeline, asked, companies, caller, people,
                                   request.csrfToken(), back, today));
        }
        columnData.push_back({{"STAGE_ID", stage->id},
                              {"NAME", stage->name},
                              {"PROBABILITY", stage->probability},
                              {"OUTCOME", stage->outcome},
                              {"REQUIRED", required},
                              {"COUNT", sums.count},
                              {"TOTAL", moneyText(sums.total, pipeline.currency)},
                              {"WEIGHTED", moneyText(sums.weighted, pipeline.currency)},
                              {"MORE", sums.count > static_cast<std::int64_t>(rows.size())},
                              {"SHOWN", rows.size()},
                              {"CARD", cards}});
    }
    nlohmann::json pipelineOptions = nlohmann::json::array();
    for (const auto& other : pipelines.all()) {
        pipelineOptions.push_back({{"HREF", "/p/deals/board/" + std::to_string(other.id)},
                                   {"NAME", other.name}, {"CURRENT", other.id == pipeline.id}});
    }
    std::set<std::int64_t> owners, teams;
    for (const auto& [stage, rows] : columns) {
        for (const auto& row : rows) {
            owners.insert(idOf(row, "owner_id"));
            teams.insert(idOf(row, "team_id"));
        }
    }
    nlohmann::json data = filters.templateData(caller, people, owners, teams);
    data["PIPELINE"] = pipeline.name;
    data["ACTION"] = "/p/deals/board/" + std::to_string(pipeline.id);
    data["PIPELINES"] = pipelineOptions;
    data["MANY_PIPELINES"] = pipelineOptions.size() > 1;
    data["COLUMN"] = columnData;
    data["OPEN_COUNT"] = open.count;
    data["OPEN_TOTAL"] = moneyText(open.total, pipeline.currency);
    data["OPEN_WEIGHTED"] = moneyText(open.weighted, pipeline.currency);
    data["CLOSED_DAYS"] = kClosedDays;
    data["RECENT_ONLY"] = !filters.hasCloseRange();
    return WebResponse::page(pipeline.name + " pipeline", "deals.board.tpl", data,
                             {{"Home", "/"}, {"Deals", "/r/deals"}, {pipeline.name, ""}});
}

/// A refused move explained, with the fields the stage asks for (the form works without script).
WebResponse refusedMove(Records& records, const Pipelines& pipelines, const WebRequest& request,
                        std::int64_t dealId, std::int64_t stageId, const PluginError& error) {
    Record deal = records.get(request.caller(), "Deal", dealId);
    std::optional<Stage> stage = pipelines.stage(stageId);
    std::vector<std::string> asked;
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& [field, message] : error.error().fields) {
        const MoveField* input = moveField(field);
        problems.push_back({{"FIELD", input ? input->label : field}, {"MESSAGE", message}});
        if (input) {
            asked.push_back(field);
        }
    }
    WebResponse page = WebResponse::page(
        "Move refused", "deals.move.tpl",
        {{"DEAL", textOf(deal, "name")},
         {"DEAL_HREF", "/r/deals/" + std::to_string(dealId)},
         {"STAGE", stage ? stage->name : "the stage"},
         {"STAGE_ID", stageId},
         {"MESSAGE", error.what()},
         {"PROBLEM", problems},
         {"INPUT", moveInputs(asked, currencyOf(deal, "amount").empty() ? "EUR" : currencyOf(deal, "amount"), "f-")},
         {"CAN_FILL", !asked.empty()},
         {"CANNOT_FILL", asked.empty()},
         {"ACTION", "/p/deals/deals/" + std::to_string(dealId) + "/move"},
         {"VERSION", idOf(deal, "version")},
         {"BACK", request.form("back").value_or("/p/deals/board")},
         {"CSRF", request.csrfToken()}},
        {{"Home", "/"}, {"Deals", "/r/deals"}, {textOf(deal, "name"), "/r/deals/" + std::to_string(dealId)},
         {"Move", ""}});
    page.status = error.error().code == "conflict" ? 409 : 422;
    return page;
}

std::string localBack(const std::string& back) {
    return back.starts_with("/p/deals/") && !back.starts_with("//") ? back : "/p/deals/board";
}

}  // namespace

Record moveDeal(Records& records, const Caller& caller, std::int64_t dealId, std::int64_t version,
                std::int64_t stageId, Record values) {
    values["stage_id"] = stageId;
    return records.update(caller, "Deal", dealId, version, values);
}

void addKanban(PluginContext& context, const Pipelines& pipelines) {
    Records& records = context.records();
    context.addRoute({"GET", "/p/deals/board", Permission::on("Deal", Action::Read),
                      [&pipelines](const WebRequest&) {
                          return WebResponse::redirect("/p/deals/board/" +
                                                       std::to_string(pipelines.defaultPipeline().id));
                      }});
    auto& users = context.users();
    context.addRoute({"GET", "/p/deals/board/{id}", Permission::on("Deal", Action::Read),
                      [&records, &pipelines, &users](const WebRequest& request) {
                          return boardPage(records, pipelines, People(users), request,
                                           pathId(request, "id"));
                      }});
    context.addRoute(
        {"POST", "/p/deals/deals/{id}/move", Permission::on("Deal", Action::Update),
         [&records, &pipelines](const WebRequest& request) {
             std::int64_t dealId = pathId(request, "id");
             auto stageId = parseInteger(request.form("stage_id").value_or(""));
             auto version = parseInteger(request.form("version").value_or(""));
             if (!stageId || !version) {
                 refuse(stageId ? "version" : "stage_id", "is missing from the move form");
             }
             try {
                 Record moved = moveDeal(records, request.caller(), dealId, *version, *stageId,
                                         movedValues(request));
                 std::optional<Stage> stage = pipelines.stage(*stageId);
                 return WebResponse::redirect(localBack(request.form("back").value_or("")),
                                              "Moved " + textOf(moved, "name") + " to " +
                                                  (stage ? stage->name : "its new stage") + ".");
             } catch (const PluginError& error) {
                 if (error.error().code != "validation" && error.error().code != "conflict") {
                     throw;
                 }
                 return refusedMove(records, pipelines, request, dealId, *stageId, error);
             }
         }});
    context.addRoute({"POST", "/api/v1/p/deals/deals/{id}/move", Permission::on("Deal", Action::Update),
                      [&records](const WebRequest& request) {
                          nlohmann::json body = nlohmann::json::parse(request.body(), nullptr, false);
                          if (!body.is_object() || !body.value("stage_id", nlohmann::json()).is_number_integer()) {
                              refuse("stage_id", "is required: the id of the target stage");
                          }
                          if (!body.value("version", nlohmann::json()).is_number_integer()) {
                              refuse("version", "is required: the version of the deal you read");
                          }
                          Record values = body.value("values", Record::object());
                          if (!values.is_object()) {
                              refuse("values", "is an object of deal fields");
                          }
                          return WebResponse::json(moveDeal(records, request.caller(), pathId(request, "id"),
                                                            body["version"], body["stage_id"], values));
                      }});
    context.addRoute({"GET", "/api/v1/p/deals/pipelines", Permission::on("Deal", Action::Read),
                      [&pipelines](const WebRequest&) {
                          nlohmann::json out = nlohmann::json::array();
                          for (const auto& pipeline : pipelines.all()) {
                              nlohmann::json stages = nlohmann::json::array();
                              for (const auto& stage : pipeline.stages) {
                                  stages.push_back({{"id", stage.id}, {"name", stage.name},
                                                    {"position", stage.position}, {"probability", stage.probability},
                                                    {"outcome", stage.outcome},
                                                    {"stalled_after_days", stage.stalledAfterDays},
                                                    {"required_fields", stage.requiredFields},
                                                    {"entry_activities", stage.entryActivities}});
                              }
                              out.push_back({{"id", pipeline.id}, {"name", pipeline.name},
                                             {"currency", pipeline.currency}, {"default", pipeline.isDefault},
                                             {"stages", stages}});
                          }
                          return WebResponse::json({{"pipelines", out}});
                      }});
    context.addMenuItem({"Pipeline board", "/p/deals/board", Permission::on("Deal", Action::Read), 10, "Sales"});
    // Pipelines and their stages are edited on their record pages, by administrators.
    context.addMenuItem({"Pipelines and stages", "/r/pipelines", Permission::admin(), 40, "Sales"});
}

}  // namespace deals
