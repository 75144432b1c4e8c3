#include "LifecycleStages.hpp"

#include <algorithm>
#include <cctype>

#include "Normalize.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr auto kFreshFor = std::chrono::seconds(5);

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
    throw PluginError(Error{"validation", message, {{field, message}}});
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string text(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool validKey(const std::string& key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '_';
    });
}

std::string listOf(const std::vector<LifecycleStage>& stages) {
    std::string list;
    for (const auto& stage : stages) {
        list += (list.empty() ? "" : ", ") + stage.key;
    }
    return list;
}

/// Only a role whose grant reaches every stage (administrators by default) configures them.
bool mayConfigure(Records& records, const Caller& caller) {
    if (caller.system) {
        return true;
    }
    Query any;
    any.entity = "LifecycleStage";
    any.limit = 1;
    auto rows = records.query(Caller::systemCaller(), any).rows;
    return rows.empty() || records
                               .explain(caller, "LifecycleStage",
                                        rows.front()["id"].get<std::int64_t>(), Action::Update)
                               .allowed;
}

std::int64_t inUse(Records& records, const std::string& key) {
    std::int64_t count = 0;
    for (const char* entity : {"Contact", "Company"}) {
        Query query;
        query.entity = entity;
        query.filter = Filter::eq("lifecycle_stage", key);
        count += records.count(Caller::systemCaller(), query);
    }
    return count;
}

void seed(Records& records, const nlohmann::json& config) {
    if (records.count(Caller::systemCaller(), Query{.entity = "LifecycleStage"}) > 0) {
        return;
    }
    const auto& stages = config.value("stages", nlohmann::json::array());
    std::int64_t position = 0;
    for (const auto& stage : stages) {
        if (!stage.is_string()) {
            continue;
        }
        std::string key = stage.get<std::string>();
        std::string label = key;
        label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
        records.create(Caller::systemCaller(), "LifecycleStage",
                       {{"key", key}, {"label", label}, {"position", position += 10}});
    }
}

}  // namespace

std::vector<LifecycleStage> LifecycleStages::all() {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (readAt_ != std::chrono::steady_clock::time_point{} && now - readAt_ < kFreshFor) {
        return cached_;
    }
    Query query;
    query.entity = "LifecycleStage";
    query.sort = {{"position", false}};
    query.limit = 1000;
    cached_.clear();
    for (const auto& row : records_.query(Caller::systemCaller(), query).rows) {
        cached_.push_back({text(row, "key"), text(row, "label")});
    }
    readAt_ = now;
    return cached_;
}

std::vector<std::string> LifecycleStages::keys() {
    std::vector<std::string> keys;
    for (const auto& stage : all()) {
        keys.push_back(stage.key);
    }
    return keys;
}

std::optional<std::string> LifecycleStages::resolve(const std::string& keyOrLabel) {
    std::string wanted = lower(trim(keyOrLabel));
    for (const auto& stage : all()) {
        if (stage.key == wanted || lower(stage.label) == wanted) {
            return stage.key;
        }
    }
    return std::nullopt;
}

std::optional<std::string> LifecycleStages::defaultKey() {
    auto stages = all();
    if (stages.empty()) {
        return std::nullopt;
    }
    for (const auto& stage : stages) {
        if (stage.key == defaultKey_) {
            return stage.key;
        }
    }
    return stages.front().key;
}

std::string LifecycleStages::labelOf(const std::string& key) {
    for (const auto& stage : all()) {
        if (stage.key == key) {
            return stage.label;
        }
    }
    return key;
}

void LifecycleStages::forget() {
    std::lock_guard lock(mutex_);
    readAt_ = {};
}

std::shared_ptr<LifecycleStages> addLifecycleStages(PluginContext& context) {
    Records& records = context.records();
    auto stages = std::make_shared<LifecycleStages>(
        records, context.config().value("default_stage", std::string("lead")));

    for (HookPoint point :
         {HookPoint::BeforeCreate, HookPoint::BeforeUpdate, HookPoint::BeforeDelete}) {
        context.addHook("LifecycleStage", point, 0, [&records, point](HookEvent& event) {
            if (!mayConfigure(records, event.caller)) {
                throw PluginError(Error{"forbidden",
                                        "only administrators change lifecycle stages",
                                        {{"key", "only administrators change lifecycle stages"}}});
            }
            if (point == HookPoint::BeforeDelete) {
                std::string key = text(event.previous, "key");
                if (key.empty()) {
                    key = text(event.record, "key");
                }
                if (std::int64_t used = inUse(records, key); used > 0) {
                    refuse("key", "'" + key + "' is the stage of " + std::to_string(used) +
                                      " contacts and companies; move them to another stage first");
                }
                return;
            }
            event.record["owner_id"] = nullptr;
            event.record["team_id"] = nullptr;
            if (event.record.contains("key")) {
                std::string key = trim(text(event.record, "key"));
                event.record["key"] = key;
                if (event.id != 0 && key != text(event.previous, "key")) {
                    refuse("key",
                           "is fixed once saved (contacts store it); rename the label instead");
                }
                if (!validKey(key)) {
                    refuse("key", "use lower case letters, digits and _ (e.g. evangelist)");
                }
            }
        });
    }
    for (HookPoint point : {HookPoint::AfterCreate, HookPoint::AfterUpdate, HookPoint::AfterDelete,
                            HookPoint::AfterRestore}) {
        context.addHook("LifecycleStage", point, 0, [stages](HookEvent&) { stages->forget(); });
    }
    // Again after the commit, so a read between the hook and the commit is not kept.
    for (const char* type :
         {"record.created", "record.updated", "record.deleted", "record.restored"}) {
        context.subscribe(type, [stages](const Event& event) {
            if (event.payload.value("entity", "") == "LifecycleStage") {
                stages->forget();
            }
        });
    }

    for (const char* entity : {"Contact", "Company"}) {
        for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate}) {
            context.addHook(entity, point, 50, [stages](HookEvent& event) {
                bool given = event.record.contains("lifecycle_stage") &&
                             !text(event.record, "lifecycle_stage").empty();
                if (!given) {
                    if (event.id == 0) {
                        auto fallback = stages->defaultKey();
                        event.record["lifecycle_stage"] =
                            fallback ? nlohmann::json(*fallback) : nlohmann::json();
                    }
                    return;
                }
                std::string value = text(event.record, "lifecycle_stage");
                if (value == text(event.previous, "lifecycle_stage")) {
                    return;  // a stage that was valid when set stays valid
                }
                auto key = stages->resolve(value);
                if (!key) {
                    refuse("lifecycle_stage", "'" + value.substr(0, 50) +
                                                  "' is not a lifecycle stage; the stages are " +
                                                  listOf(stages->all()));
                }
                event.record["lifecycle_stage"] = *key;
            });
        }
    }
    // The form offers the current stages (a select with script, the list without).
    for (const char* entity : {"Contact", "Company"}) {
        context.addPanel({Slot::Form, entity, Permission::signedIn(), 20,
                          [stages](const PanelContext& panel) -> std::optional<PanelContent> {
                              nlohmann::json rows = nlohmann::json::array();
                              for (const auto& stage : stages->all()) {
                                  rows.push_back({{"KEY", stage.key}, {"LABEL", stage.label}});
                              }
                              // A new record starts in the initial stage unless one is chosen.
                              std::string initial =
                                  panel.id == 0 ? stages->defaultKey().value_or("") : "";
                              return PanelContent{"Lifecycle stages",
                                                  "contacts.stage_picker.tpl",
                                                  {{"STAGE", rows}, {"INITIAL", initial}}};
                          }});
    }
    seed(records, context.config());
    return stages;
}

}  // namespace contacts
