#include "Quotas.hpp"

#include "Periods.hpp"
#include "Pipelines.hpp"
#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

void checkQuota(Records& records, HookEvent& event) {
    Record& record = event.record;
    if (!parsePeriod(textOf(record, "period"))) {
        refuse("period", "is a month (2026-03) or a quarter (2026-Q1)");
    }
    std::int64_t user = idOf(record, "user_id");
    std::int64_t team = idOf(record, "for_team_id");
    if ((user == 0) == (team == 0)) {
        refuse("user_id", "give either a user or a team, not both or neither");
    }
    if (amountOf(record, "amount") < 0) {
        refuse("amount", "cannot be negative");
    }
    Query same;
    same.entity = "Quota";
    std::vector<Filter> parts = {Filter::eq("period", textOf(record, "period")),
                                 user ? Filter::eq("user_id", user) : Filter::eq("for_team_id", team)};
    if (event.id != 0) {
        parts.push_back(Filter::ne("id", event.id));
    }
    same.filter = Filter::allOf(parts);
    if (records.count(Caller::systemCaller(), same) > 0) {
        throw PluginError(Error{"conflict", "there is already a quota for this period and target",
                                {{"period", "already has a quota for this " + std::string(user ? "user" : "team")}}});
    }
    record["owner_id"] = user ? nlohmann::json(user) : nlohmann::json();
    record["team_id"] = team ? nlohmann::json(team) : nlohmann::json();
}

}  // namespace

void addQuotaRules(PluginContext& context) {
    Records& records = context.records();
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate, HookPoint::BeforeDelete}) {
        bool writes = point != HookPoint::BeforeDelete;
        context.addHook("Quota", point, 0, [&records, writes](HookEvent& event) {
            if (!mayConfigureSales(records, event.caller)) {
                throw PluginError(Error{"forbidden", "only administrators set quotas",
                                        {{"period", "only administrators set quotas"}}});
            }
            if (writes) {
                checkQuota(records, event);
            }
        });
    }
}

}  // namespace deals
