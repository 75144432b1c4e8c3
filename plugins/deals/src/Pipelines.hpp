#pragma once

// Pipelines and their ordered stages: reading them, seeding them from the config, and the rules
// for changing them. Pipelines are configuration: everyone who may read deals sees them (they
// are read as the system), and only a role that may update every pipeline (admins by default)
// may change them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace deals {

struct Stage {
    std::int64_t id = 0;
    std::int64_t pipelineId = 0;
    std::string name;
    std::int64_t position = 0;
    int probability = 0;
    std::string outcome = "open";  ///< open, won or lost
    std::int64_t stalledAfterDays = 0;  ///< 0: never stalled
    std::vector<std::string> requiredFields;
    nlohmann::json entryActivities = nlohmann::json::array();

    bool closed() const { return outcome != "open"; }
};

struct Pipeline {
    std::int64_t id = 0;
    std::string name;
    std::string currency;
    bool isDefault = false;
    std::vector<Stage> stages;  ///< by position

    const Stage* stage(std::int64_t stageId) const;
    const Stage* firstOpenStage() const;
    /// The pipeline's deals as a filter on their stages: with many pipelines the stage index
    /// reaches them directly, where a pipeline_id condition lets the planner scan the table.
    tessera::sdk::Filter deals() const;
};

class Pipelines {
public:
    explicit Pipelines(tessera::sdk::Records& records) : records_(records) {}

    std::vector<Pipeline> all() const;
    std::optional<Pipeline> byId(std::int64_t id) const;
    /// The pipeline marked default, else the first; "not_found" when there is none.
    Pipeline defaultPipeline() const;
    std::optional<Stage> stage(std::int64_t stageId) const;

private:
    std::vector<Stage> stagesOf(const std::vector<std::int64_t>& pipelineIds) const;
    tessera::sdk::Records& records_;
};

/// Creates the config's pipelines when the database has none.
void seedPipelines(tessera::sdk::Records& records, const nlohmann::json& config);

/// Whether `caller` may change sales configuration (pipelines, stages, quotas): the system, or
/// a role that may update every pipeline (pipelines belong to nobody, so only an update:all
/// grant reaches them; administrators by default).
bool mayConfigureSales(tessera::sdk::Records& records, const tessera::sdk::Caller& caller);

/// Hooks that keep pipelines and stages consistent and limit who changes them.
void addPipelineRules(tessera::sdk::PluginContext& context);

/// The deal fields a stage may require, checked when a stage is saved.
const std::vector<std::string>& requirableFields();

}  // namespace deals
