#include "Refuse.hpp"
#include "RuleGuard.hpp"

#include "Condition.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

void guardRules(PluginContext& context, const std::string& entity, RuleCache& cache,
                std::function<void(HookEvent&)> check, const std::string& jobAfterChange) {
    UserDirectory& users = context.users();
    auto allowed = [&users, entity](const HookEvent& event) {
        if (!event.caller.system && !users.hasPermission(event.caller.userId, kConfigurePermission)) {
            throw PluginError("forbidden", "only users with the permission '" + std::string(kConfigurePermission) +
                                               "' may change " + entity + " records; an administrator grants it on the role page");
        }
    };
    auto write = [allowed, check](HookEvent& event) {
        allowed(event);
        check(event);
    };
    context.addHook(entity, HookPoint::BeforeCreate, 10, write);
    context.addHook(entity, HookPoint::BeforeUpdate, 10, write);
    context.addHook(entity, HookPoint::BeforeDelete, 10, allowed);
    context.addHook(entity, HookPoint::BeforeRestore, 10, allowed);
    JobService& jobs = context.jobs();
    auto changed = [&cache, &jobs, jobAfterChange](HookEvent&) {
        cache.invalidate();
        if (!jobAfterChange.empty()) {
            jobs.enqueue(jobAfterChange, nlohmann::json::object());
        }
    };
    for (auto point : {HookPoint::AfterCreate, HookPoint::AfterUpdate, HookPoint::AfterDelete,
                       HookPoint::AfterRestore}) {
        context.addHook(entity, point, 900, changed);
    }
}

void checkCondition(Record& rule, std::map<std::string, std::string>& problems, bool optionalField) {
    std::string field = trim(text(rule, "field"));
    rule["field"] = field.empty() ? nlohmann::json() : nlohmann::json(field);
    if (field.empty()) {
        if (!optionalField) {
            problems["field"] = "name the lead field the rule tests, e.g. company_size";
        }
        return;
    }
    if (!isRuleField(field) && field != "score") {
        problems["field"] = "'" + field.substr(0, 64) +
                            "' is not a lead field a rule can test (e.g. industry, company_size, source, region)";
    }
    std::string op = text(rule, "operator");
    if (op != "is_set" && op != "is_not_set" && trim(text(rule, "value")).empty()) {
        problems["value"] = "give the value to compare with";
    }
}

}  // namespace leads
