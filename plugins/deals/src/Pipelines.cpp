#include "Pipelines.hpp"

#include <algorithm>
#include <map>

#include "EntryTasks.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

Stage stageOf(const Record& row) {
    Stage stage;
    stage.id = idOf(row, "id");
    stage.pipelineId = idOf(row, "pipeline_id");
    stage.name = textOf(row, "name");
    stage.position = idOf(row, "position");
    stage.probability = static_cast<int>(idOf(row, "probability"));
    stage.outcome = textOf(row, "outcome").empty() ? "open" : textOf(row, "outcome");
    stage.stalledAfterDays = idOf(row, "stalled_after_days");
    if (row.contains("required_fields") && row["required_fields"].is_array()) {
        for (const auto& field : row["required_fields"]) {
            if (field.is_string()) {
                stage.requiredFields.push_back(field.get<std::string>());
            }
        }
    }
    if (row.contains("entry_activities") && row["entry_activities"].is_array()) {
        stage.entryActivities = row["entry_activities"];
    }
    return stage;
}

Pipeline pipelineOf(const Record& row) {
    Pipeline pipeline;
    pipeline.id = idOf(row, "id");
    pipeline.name = textOf(row, "name");
    pipeline.currency = textOf(row, "currency");
    pipeline.isDefault = row.value("is_default", nlohmann::json(false)) == true;
    return pipeline;
}

}  // namespace

const Stage* Pipeline::stage(std::int64_t stageId) const {
    for (const auto& stage : stages) {
        if (stage.id == stageId) {
            return &stage;
        }
    }
    return nullptr;
}

const Stage* Pipeline::firstOpenStage() const {
    for (const auto& stage : stages) {
        if (!stage.closed()) {
            return &stage;
        }
    }
    return stages.empty() ? nullptr : &stages.front();
}

Filter Pipeline::deals() const {
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& stage : stages) {
        ids.push_back(stage.id);
    }
    return ids.empty() ? Filter::eq("pipeline_id", id) : Filter::in("stage_id", ids);
}

std::vector<Stage> Pipelines::stagesOf(const std::vector<std::int64_t>& pipelineIds) const {
    Query query;
    query.entity = "PipelineStage";
    query.filter = Filter::in("pipeline_id", pipelineIds);
    query.sort = {{"position", false}};
    query.limit = 1000;
    std::vector<Stage> stages;
    for (const auto& row : records_.query(Caller::systemCaller(), query).rows) {
        stages.push_back(stageOf(row));
    }
    return stages;
}

std::vector<Pipeline> Pipelines::all() const {
    Query query;
    query.entity = "Pipeline";
    query.sort = {{"position", false}, {"name", false}};
    query.limit = 200;
    std::vector<Pipeline> pipelines;
    std::vector<std::int64_t> ids;
    for (const auto& row : records_.query(Caller::systemCaller(), query).rows) {
        pipelines.push_back(pipelineOf(row));
        ids.push_back(pipelines.back().id);
    }
    if (ids.empty()) {
        return pipelines;
    }
    for (auto& stage : stagesOf(ids)) {
        for (auto& pipeline : pipelines) {
            if (pipeline.id == stage.pipelineId) {
                pipeline.stages.push_back(std::move(stage));
                break;
            }
        }
    }
    return pipelines;
}

std::optional<Pipeline> Pipelines::byId(std::int64_t id) const {
    Record row;
    try {
        row = records_.get(Caller::systemCaller(), "Pipeline", id);
    } catch (const PluginError& e) {
        if (e.error().code == "not_found") {
            return std::nullopt;
        }
        throw;
    }
    Pipeline pipeline = pipelineOf(row);
    pipeline.stages = stagesOf({id});
    return pipeline;
}

Pipeline Pipelines::defaultPipeline() const {
    Query query;
    query.entity = "Pipeline";
    query.sort = {{"is_default", true}, {"position", false}};
    query.limit = 1;
    auto rows = records_.query(Caller::systemCaller(), query).rows;
    if (rows.empty()) {
        throw PluginError("not_found", "there is no pipeline yet: an administrator adds one");
    }
    Pipeline pipeline = pipelineOf(rows.front());
    pipeline.stages = stagesOf({pipeline.id});
    return pipeline;
}

std::optional<Stage> Pipelines::stage(std::int64_t stageId) const {
    try {
        return stageOf(records_.get(Caller::systemCaller(), "PipelineStage", stageId));
    } catch (const PluginError& e) {
        if (e.error().code == "not_found") {
            return std::nullopt;
        }
        throw;
    }
}

const std::vector<std::string>& requirableFields() {
    static const std::vector<std::string> fields = {
        "amount", "expected_close_date", "company_id", "next_step", "source", "competitors",
        "loss_reason", "loss_note", "description", "forecast_category"};
    return fields;
}

void seedPipelines(Records& records, const nlohmann::json& config) {
    Query any;
    any.entity = "Pipeline";
    any.trash = Trash::Include;
    if (records.count(Caller::systemCaller(), any) > 0 || !config.contains("pipelines")) {
        return;
    }
    std::string currency = config.value("currency", "EUR");
    std::int64_t position = 0;
    for (const auto& definition : config["pipelines"]) {
        Record pipeline = records.create(
            Caller::systemCaller(), "Pipeline",
            {{"name", definition.value("name", "Sales")},
             {"is_default", definition.value("default", false)},
             {"currency", definition.value("currency", currency)},
             {"position", position++}});
        std::int64_t stagePosition = 0;
        for (const auto& stage : definition.value("stages", nlohmann::json::array())) {
            records.create(Caller::systemCaller(), "PipelineStage",
                           {{"pipeline_id", pipeline["id"]},
                            {"name", stage.value("name", "")},
                            {"position", (stagePosition += 10)},
                            {"probability", stage.value("probability", 0)},
                            {"outcome", stage.value("outcome", "open")},
                            {"stalled_after_days", stage.value("stalled_after_days", nlohmann::json())},
                            {"required_fields", stage.value("required_fields", nlohmann::json::array())},
                            {"entry_activities", stage.value("entry_activities", nlohmann::json::array())}});
        }
    }
}

bool mayConfigureSales(Records& records, const Caller& caller) {
    if (caller.system) {
        return true;
    }
    Query any;
    any.entity = "Pipeline";
    any.limit = 1;
    auto rows = records.query(Caller::systemCaller(), any).rows;
    return rows.empty() || records.explain(caller, "Pipeline", idOf(rows.front(), "id"), Action::Update).allowed;
}

namespace {

void refuseUnlessConfigurer(Records& records, const HookEvent& event, const std::string& field) {
    if (!mayConfigureSales(records, event.caller)) {
        throw PluginError(Error{"forbidden", "only administrators change pipelines and their stages",
                                {{field, "only administrators change pipelines and their stages"}}});
    }
}

void checkStage(HookEvent& event) {
    const auto& allowed = requirableFields();
    if (event.record.contains("required_fields") && !event.record["required_fields"].is_null()) {
        const auto& fields = event.record["required_fields"];
        if (!fields.is_array()) {
            refuse("required_fields", "is a list of deal fields, e.g. [\"amount\"]");
        }
        for (const auto& field : fields) {
            if (!field.is_string() ||
                std::find(allowed.begin(), allowed.end(), field.get<std::string>()) == allowed.end()) {
                std::string names;
                for (const auto& name : allowed) {
                    names += (names.empty() ? "" : ", ") + name;
                }
                refuse("required_fields", "'" + (field.is_string() ? field.get<std::string>() : field.dump()) +
                                              "' is not a deal field a stage can require; use " + names);
            }
        }
    }
    if (event.record.contains("entry_activities") && !event.record["entry_activities"].is_null()) {
        const auto& activities = event.record["entry_activities"];
        if (!activities.is_array()) {
            refuse("entry_activities", "is a list such as [{\"subject\": \"Call\", \"due_in_days\": 2}]");
        }
        for (const auto& activity : activities) {
            if (!activity.is_object() || !activity.contains("subject") ||
                !activity["subject"].is_string() ||
                activity["subject"].get<std::string>().find_first_not_of(" \t") ==
                    std::string::npos) {
                refuse("entry_activities", "each activity needs a \"subject\"");
            }
            const auto& days = activity.value("due_in_days", nlohmann::json(0));
            if (!days.is_number_integer() || days.get<std::int64_t>() < 0 ||
                days.get<std::int64_t>() > kMaxEntryDueDays) {
                refuse("entry_activities", "\"due_in_days\" is a whole number of days from 0 to " +
                                               std::to_string(kMaxEntryDueDays));
            }
        }
    }
}

}  // namespace

void addPipelineRules(PluginContext& context) {
    Records& records = context.records();
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate, HookPoint::BeforeDelete}) {
        bool writes = point != HookPoint::BeforeDelete;
        context.addHook("Pipeline", point, 0, [&records, writes](HookEvent& event) {
            refuseUnlessConfigurer(records, event, "name");
            if (writes) {
                event.record["owner_id"] = nullptr;
                event.record["team_id"] = nullptr;
            }
        });
        context.addHook("PipelineStage", point, 0, [&records, writes](HookEvent& event) {
            refuseUnlessConfigurer(records, event, "pipeline_id");
            if (writes) {
                event.record["owner_id"] = nullptr;
                event.record["team_id"] = nullptr;
                checkStage(event);
            }
        });
    }
    // One default pipeline: marking another one default unmarks the rest.
    for (HookPoint point : {HookPoint::AfterCreate, HookPoint::AfterUpdate}) {
        context.addHook("Pipeline", point, 0, [&records](HookEvent& event) {
            if (event.record.value("is_default", nlohmann::json(false)) != true ||
                event.previous.value("is_default", nlohmann::json(false)) == true) {
                return;
            }
            Query others;
            others.entity = "Pipeline";
            others.filter = Filter::allOf({Filter::eq("is_default", true), Filter::ne("id", event.id)});
            for (const auto& row : records.query(Caller::systemCaller(), others).rows) {
                records.update(Caller::systemCaller(), "Pipeline", idOf(row, "id"), idOf(row, "version"),
                               {{"is_default", false}});
            }
        });
    }
}

}  // namespace deals
