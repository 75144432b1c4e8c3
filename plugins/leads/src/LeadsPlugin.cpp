// Plugin leads: capture from public forms and the API, explainable scoring, assignment rules,
// follow-up reminders, duplicate warnings, conversion and analytics. Built on the SDK alone.
#include <tessera/sdk/PluginExport.hpp>

#include "Analytics.hpp"
#include "Assignment.hpp"
#include "Behaviour.hpp"
#include "Capture.hpp"
#include "Conversion.hpp"
#include "DemoData.hpp"
#include "Duplicates.hpp"
#include "FollowUp.hpp"
#include "Import.hpp"
#include "LeadHooks.hpp"
#include "LeadPages.hpp"
#include "Reassign.hpp"
#include "Scoring.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

std::int64_t setting(const nlohmann::json& config, const char* name, std::int64_t fallback) {
    auto value = config.value(name, nlohmann::json(fallback));
    if (value.is_string()) {
        try {
            return std::stoll(value.get<std::string>());
        } catch (const std::exception&) {
        }
    }
    if (!value.is_number_integer() || value.get<std::int64_t>() <= 0) {
        throw PluginError("config", std::string("leads: the setting ") + name + " must be a whole number above 0");
    }
    return value.get<std::int64_t>();
}

}  // namespace

class LeadsPlugin final : public Plugin {
public:
    void initialize(PluginContext& context) override {
        const auto& config = context.config();
        scoring_ = std::make_unique<Scoring>(context.records(), setting(config, "qualification_threshold", 50));
        assignment_ = std::make_unique<Assignment>(context.records(), context.users());
        conversion_ = std::make_unique<Conversion>(context, config.value("currency", "EUR"));
        CaptureLimits limits{static_cast<std::size_t>(setting(config, "form_max_bytes", 8192)),
                             static_cast<std::size_t>(setting(config, "form_max_field_length", 500)), 40};
        auto capture = std::make_shared<Capture>(context.records(), limits,
                                                 static_cast<int>(setting(config, "form_rate_limit", 5)),
                                                 std::chrono::seconds(setting(config, "form_rate_window_seconds", 60)));
        addLeadHooks(context);
        addScoring(context, *scoring_);
        addAssignment(context, *assignment_);
        addDuplicateChecks(context);
        addBehaviour(context);
        addCapture(context, capture);
        addConversion(context, *conversion_);
        addImport(context);
        addReassign(context);
        addFollowUps(context);
        addLeadPages(context, *scoring_);
        addAnalytics(context);
        Conversion* conversion = conversion_.get();
        context.addDemoData([conversion](DemoContext& demo) { loadDemoData(demo, *conversion); });
    }

private:
    std::unique_ptr<Scoring> scoring_;
    std::unique_ptr<Assignment> assignment_;
    std::unique_ptr<Conversion> conversion_;
};

}  // namespace leads

TESSERA_PLUGIN(leads::LeadsPlugin)
