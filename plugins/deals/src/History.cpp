#include "History.hpp"

#include <cmath>

#include "DealFilters.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

std::string daysText(double days) {
    if (days < 1) {
        return "less than a day";
    }
    auto whole = static_cast<std::int64_t>(std::floor(days));
    return std::to_string(whole) + (whole == 1 ? " day" : " days");
}

}  // namespace

void addHistoryPanel(PluginContext& context, const Pipelines& pipelines) {
    Records& records = context.records();
    auto& users = context.users();
    context.addPanel(
        {Slot::DetailMain, "Deal", Permission::on("Deal", Action::Read), 10,
         [&records, &users, &pipelines](const PanelContext& panel) -> std::optional<PanelContent> {
             People people(users);
             Query query;
             query.entity = "DealStageChange";
             query.filter = Filter::eq("deal_id", panel.id);
             query.sort = {{"changed_at", true}};
             query.limit = 100;
             nlohmann::json rows = nlohmann::json::array();
             for (const auto& change : records.query(Caller::systemCaller(), query).rows) {
                 rows.push_back({{"FROM", textOf(change, "from_stage_name").empty()
                                              ? "—"
                                              : textOf(change, "from_stage_name")},
                                 {"TO", textOf(change, "to_stage_name")},
                                 {"AT", textOf(change, "changed_at").substr(0, 16)},
                                 {"BY", people.user(panel.caller, idOf(change, "changed_by"))},
                                 {"DAYS", change["days_in_from_stage"].is_number()
                                              ? daysText(change["days_in_from_stage"].get<double>())
                                              : "—"}});
             }
             const Record& deal = *panel.record;
             double inStage = 0;
             if (auto since = daysOf(textOf(deal, "stage_entered_at"))) {
                 inStage = *daysOf(nowIso()) - *since;
             }
             std::optional<Stage> stage = pipelines.stage(idOf(deal, "stage_id"));
             bool stalled = stage && !stage->closed() && stage->stalledAfterDays > 0 &&
                            inStage >= static_cast<double>(stage->stalledAfterDays);
             return PanelContent{"Stage history", "deals.history.tpl",
                                 {{"STAGE", stage ? stage->name : textOf(deal, "stage_name")},
                                  {"IN_STAGE", daysText(inStage)},
                                  {"STALLED", stalled},
                                  {"STALLED_AFTER", stage ? stage->stalledAfterDays : 0},
                                  {"BOARD", "/p/deals/board/" + std::to_string(idOf(deal, "pipeline_id"))},
                                  {"CHANGE", rows}}};
         }});
}

int reportStalledDeals(Records& records, const Pipelines& pipelines, NotificationService& notifications,
                       double nowDays) {
    int reported = 0;
    std::string now = nowIso();
    for (const auto& pipeline : pipelines.all()) {
        for (const auto& stage : pipeline.stages) {
            if (stage.closed() || stage.stalledAfterDays <= 0) {
                continue;
            }
            auto cutoffDay = static_cast<std::int64_t>(std::floor(nowDays - static_cast<double>(stage.stalledAfterDays)));
            Query query;
            query.entity = "Deal";
            query.filter = Filter::allOf({Filter::eq("stage_id", stage.id), Filter::eq("status", "open"),
                                          Filter::lt("stage_entered_at", isoOfDay(cutoffDay) + "T00:00:00Z"),
                                          Filter::isNull("stall_notified_at")});
            query.fields = {"id", "version", "name", "owner_id", "stage_entered_at"};
            query.limit = 500;
            for (;;) {
                Page page = records.query(Caller::systemCaller(), query);
                for (const auto& deal : page.rows) {
                    std::int64_t owner = idOf(deal, "owner_id");
                    double days = nowDays - daysOf(textOf(deal, "stage_entered_at")).value_or(nowDays);
                    if (owner != 0) {
                        notifications.notify({owner, "deals.stalled", "Stalled deal: " + textOf(deal, "name"),
                                              "In " + stage.name + " for " + daysText(days) + "; deals here count as stalled after " +
                                                  std::to_string(stage.stalledAfterDays) + " days.",
                                              "/r/deals/" + std::to_string(idOf(deal, "id"))});
                    }
                    records.update(Caller::systemCaller(), "Deal", idOf(deal, "id"), idOf(deal, "version"),
                                   {{"stall_notified_at", now}});
                    ++reported;
                }
                if (page.nextCursor.empty()) {
                    break;
                }
                query.after = page.nextCursor;
            }
        }
    }
    return reported;
}

void addStalledDealAlerts(PluginContext& context, const Pipelines& pipelines) {
    NotificationService& notifications = context.notifications();
    notifications.declareType("deals.stalled", "A deal of mine is stalled in its stage");
    context.addJob({"deals.stalled", "Tell owners about stalled deals", "0 6 * * *", std::chrono::seconds(600), 3,
                    [&pipelines, &notifications](JobRun& run) {
                        int reported = reportStalledDeals(run.records(), pipelines, notifications, *daysOf(nowIso()));
                        run.progress(reported, reported);
                    }});
}

}  // namespace deals
