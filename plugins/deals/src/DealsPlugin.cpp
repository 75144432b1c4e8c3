// Plugin deals: pipelines with stage rules, the kanban, history and velocity, forecasts with
// quotas, win/loss analytics and the sales widgets. Built on the SDK alone.
#include <tessera/activities/CalendarSources.hpp>
#include <tessera/sdk/PluginExport.hpp>

#include "Analytics.hpp"
#include "CompanyColumns.hpp"
#include "DemoData.hpp"
#include "EntryTasks.hpp"
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
        entryTasks_ = std::make_unique<EntryTasks>(context.records());
        addPipelineRules(context);
        addStageRules(context, *pipelines_, *entryTasks_);
        addKanban(context, *pipelines_);
        addHistoryPanel(context, *pipelines_);
        addStalledDealAlerts(context, *pipelines_);
        addQuotaRules(context);
        addForecastRollups(context);
        addForecastPage(context);
        addAnalyticsPage(context, *pipelines_);
        addHomeWidgets(context, *pipelines_);
        addRecordPanels(context);
        companyColumns_ = std::make_unique<CompanyColumns>(context);
        context.addDemoData(loadDemoData);
        seedPipelines(context.records(), context.config());
    }

    void extensionsInitialized(PluginContext& context) override {
        // Activities (an optional dependency) offers its calendar service exactly when it runs.
        entryTasks_->enable(
            context.find<tessera::activities::CalendarSources>("activities.calendar") != nullptr);
    }

    void aboutToShutdown() override { companyColumns_.reset(); }

private:
    std::unique_ptr<Pipelines> pipelines_;
    std::unique_ptr<EntryTasks> entryTasks_;
    std::unique_ptr<CompanyColumns> companyColumns_;
};

}  // namespace deals

TESSERA_PLUGIN(deals::DealsPlugin)
