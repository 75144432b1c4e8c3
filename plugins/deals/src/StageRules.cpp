#include "StageRules.hpp"

#include <algorithm>
#include <cmath>

#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

/// The stage a write puts the deal in: the one given, else (new deal or other pipeline) the
/// first open stage of the deal's pipeline, else of the default pipeline.
Stage resolveStage(const Pipelines& pipelines, const HookEvent& event) {
    const Record& record = event.record;
    std::int64_t stageId = idOf(record, "stage_id");
    std::int64_t pipelineId = idOf(record, "pipeline_id");
    bool pipelineChanged = event.id != 0 && pipelineId != 0 && pipelineId != idOf(event.previous, "pipeline_id");
    bool stageChanged = event.id == 0 || stageId != idOf(event.previous, "stage_id");
    if (stageId != 0 && !(pipelineChanged && !stageChanged)) {
        std::optional<Stage> stage = pipelines.stage(stageId);
        if (!stage) {
            refuse("stage_id", "is not a stage of any pipeline");
        }
        if (pipelineId != 0 && stage->pipelineId != pipelineId) {
            refuse("stage_id", "'" + stage->name + "' belongs to another pipeline");
        }
        return *stage;
    }
    std::optional<Pipeline> pipeline =
        pipelineId != 0 ? pipelines.byId(pipelineId) : std::optional<Pipeline>(pipelines.defaultPipeline());
    if (!pipeline) {
        refuse("pipeline_id", "is not a pipeline");
    }
    const Stage* first = pipeline->firstOpenStage();
    if (first == nullptr) {
        refuse("stage_id", "pipeline '" + pipeline->name + "' has no stages yet");
    }
    return *first;
}

void refuseMissingFields(const Stage& stage, const Record& record) {
    Error error{"validation", "", {}};
    for (const auto& field : stage.requiredFields) {
        if (isBlank(record, field)) {
            error.fields[field] = "is required to enter " + stage.name;
        }
    }
    if (stage.outcome == "lost" && isBlank(record, "loss_reason")) {
        error.fields["loss_reason"] = "is required when a deal is lost";
    }
    if (error.fields.empty()) {
        return;
    }
    std::string names;
    for (const auto& [field, message] : error.fields) {
        names += (names.empty() ? "" : ", ") + field;
    }
    error.message = "To move to " + stage.name + " the deal needs: " + names;
    throw PluginError(error);
}

int effectiveProbability(const Stage& stage, const Record& record) {
    auto it = record.find("probability_override");
    if (!stage.closed() && it != record.end() && it->is_number_integer()) {
        return std::clamp(it->get<int>(), 0, 100);
    }
    return stage.probability;
}

void setCategory(HookEvent& event, const Stage& stage, int probability) {
    Record& record = event.record;
    if (stage.outcome == "won") {
        record["forecast_category"] = "closed";
        return;
    }
    if (stage.outcome == "lost") {
        record["forecast_category"] = "omitted";
        return;
    }
    std::string chosen = textOf(record, "forecast_category");
    bool chosenNow = event.id != 0 && chosen != textOf(event.previous, "forecast_category");
    bool unchanged = event.id != 0 && probability == idOf(event.previous, "probability") &&
                     stage.id == idOf(event.previous, "stage_id");
    bool usable = !chosen.empty() && chosen != "closed";
    if ((chosenNow || unchanged) && usable) {
        return;  // a category someone chose holds until the probability changes
    }
    if (event.id == 0 && usable) {
        return;
    }
    record["forecast_category"] = categoryForProbability(probability);
}

void enterStage(HookEvent& event, const Stage& stage) {
    Record& record = event.record;
    refuseMissingFields(stage, record);
    record["stage_entered_at"] = nowIso();
    record["stall_notified_at"] = nullptr;
    std::int64_t furthest = idOf(event.previous, "furthest_position");
    if (!stage.closed()) {
        furthest = std::max(furthest, stage.position);
    }
    record["furthest_position"] = furthest;
    if (stage.closed()) {
        std::string today = todayIso();
        record["closed_on"] = today;
        record["expected_close_date"] = today;
        auto created = daysOf(textOf(event.previous, "created_at"));
        auto now = daysOf(today);
        record["days_to_close"] =
            created && now ? static_cast<std::int64_t>(std::max(0.0, std::floor(*now - std::floor(*created)))) : 0;
    } else {
        record["closed_on"] = nullptr;
        record["days_to_close"] = nullptr;
    }
}

void applyRules(const Pipelines& pipelines, const std::string& currency, HookEvent& event) {
    Record& record = event.record;
    Stage stage = resolveStage(pipelines, event);
    record["stage_id"] = stage.id;
    record["stage_name"] = stage.name;
    record["pipeline_id"] = stage.pipelineId;
    if (record.contains("amount") && record["amount"].is_object() && !isBlank(record, "amount") &&
        currencyOf(record, "amount").empty()) {
        record["amount"]["currency"] = currency;
    }
    bool entering = event.id == 0 || stage.id != idOf(event.previous, "stage_id");
    if (entering) {
        enterStage(event, stage);
    } else if (stage.outcome == "lost" && isBlank(record, "loss_reason")) {
        refuse("loss_reason", "is required when a deal is lost");
    }
    record["status"] = stage.outcome;
    int probability = effectiveProbability(stage, record);
    setCategory(event, stage, probability);
    record["probability"] = probability;
    record["weighted_amount"] = std::round(amountOf(record, "amount") * probability) / 100.0;
}

void recordStageChange(Records& records, const Pipelines& pipelines, EntryTasks& entryTasks,
                       PluginContext& context, const HookEvent& event) {
    std::int64_t from = idOf(event.previous, "stage_id");
    std::int64_t to = idOf(event.record, "stage_id");
    if (from == to) {
        return;
    }
    std::optional<Stage> fromStage = from ? pipelines.stage(from) : std::nullopt;
    std::optional<Stage> toStage = pipelines.stage(to);
    nlohmann::json daysInFrom;
    if (auto since = daysOf(textOf(event.previous, "stage_entered_at")); since && from) {
        daysInFrom = std::round((*daysOf(nowIso()) - *since) * 100) / 100;
    }
    Record change = {{"deal_id", event.id},
                     {"pipeline_id", idOf(event.record, "pipeline_id")},
                     {"from_stage_id", from ? nlohmann::json(from) : nlohmann::json()},
                     {"from_stage_name", fromStage ? nlohmann::json(fromStage->name) : nlohmann::json()},
                     {"to_stage_id", to},
                     {"to_stage_name", toStage ? toStage->name : ""},
                     {"to_outcome", toStage ? toStage->outcome : "open"},
                     {"changed_at", nowIso()},
                     {"changed_by", event.caller.userId},
                     {"days_in_from_stage", daysInFrom},
                     {"owner_id", event.record.value("owner_id", nlohmann::json())},
                     {"team_id", event.record.value("team_id", nlohmann::json())}};
    records.create(Caller::systemCaller(), "DealStageChange", change);
    if (toStage) {
        entryTasks.create(event, *toStage);
    }
    context.publish({"deals.stage_changed",
                     {{"deal_id", event.id}, {"from_stage_id", change["from_stage_id"]},
                      {"to_stage_id", to}, {"outcome", change["to_outcome"]},
                      {"entry_activities", toStage ? toStage->entryActivities : nlohmann::json::array()},
                      {"owner_id", change["owner_id"]}, {"user_id", event.caller.userId}}});
}

}  // namespace

std::string categoryForProbability(int probability) {
    if (probability >= 75) {
        return "commit";
    }
    if (probability >= 50) {
        return "best_case";
    }
    return "pipeline";
}

void addStageRules(PluginContext& context, const Pipelines& pipelines, EntryTasks& entryTasks) {
    Records& records = context.records();
    std::string currency = context.config().value("currency", "EUR");
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate}) {
        context.addHook("Deal", point, 100, [&pipelines, currency](HookEvent& event) {
            applyRules(pipelines, currency, event);
        });
    }
    for (HookPoint point : {HookPoint::AfterCreate, HookPoint::AfterUpdate}) {
        context.addHook("Deal", point, 100,
                        [&records, &pipelines, &entryTasks, &context](HookEvent& event) {
                            recordStageChange(records, pipelines, entryTasks, context, event);
                        });
    }
    // The stage history is written by the rules above, as the system, and never edited.
    context.addHook("DealStageChange", HookPoint::BeforeCreate, 0, [](HookEvent& event) {
        if (!event.caller.system) {
            refuse("to_stage_id", "stage changes are recorded by themselves when a deal moves");
        }
    });
    context.addHook("DealStageChange", HookPoint::BeforeUpdate, 0, [](HookEvent&) {
        refuse("to_stage_id", "the stage history cannot be edited");
    });
}

}  // namespace deals
