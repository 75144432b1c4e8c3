// Plugin deals: pipelines with stage rules, the kanban, history and velocity, forecasts with
// quotas, win/loss analytics and the sales widgets. Built on the SDK alone.
#include <tessera/sdk/PluginExport.hpp>

#include "Analytics.hpp"
#include "DemoData.hpp"
#include "ForecastPage.hpp"
#include "History.hpp"
#include "Kanban.hpp"
#include "Pipelines.hpp"
#include "Quotas.hpp"
#include "Rollups.hpp"
#include "StageRules.hpp"
#include "Widgets.hpp"

namespace deals {

using namespace tessera::sdk;

class DealsPlugin final : public Plugin {
public:
    void initialize(PluginContext& context) override {
        pipelines_ = std::make_unique<Pipelines>(context.records());
        addPipelineRules(context);
        addStageRules(context, *pipelines_);
        addKanban(context, *pipelines_);
        addHistoryPanel(context, *pipelines_);
        addStalledDealAlerts(context, *pipelines_);
        addQuotaRules(context);
        addForecastRollups(context);
        addForecastPage(context);
        addAnalyticsPage(context, *pipelines_);
        addHomeWidgets(context, *pipelines_);
        addRecordPanels(context);
        context.addDemoData(loadDemoData);
        seedPipelines(context.records(), context.config());
    }

private:
    std::unique_ptr<Pipelines> pipelines_;
};

}  // namespace deals

TESSERA_PLUGIN(deals::DealsPlugin)
