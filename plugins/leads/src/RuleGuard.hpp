#pragma once

#include <functional>
#include <map>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

#include "RuleCache.hpp"

namespace leads {

/// The named permission that lets a user edit scoring and assignment rules (declared in
/// plugin.json; admins hold it, other roles when an admin grants it).
inline constexpr const char* kConfigurePermission = "leads.configure";

/// Lets only holders of leads.configure write rules of `entity`, checks each written rule with
/// `check`, and after a change drops the cache and queues `jobAfterChange` (when not empty).
void guardRules(tessera::sdk::PluginContext& context, const std::string& entity, RuleCache& cache,
                std::function<void(tessera::sdk::HookEvent&)> check, const std::string& jobAfterChange);

/// Checks a rule's field, operator and value into `problems`; `optionalField`: an empty field
/// matches every lead.
void checkCondition(tessera::sdk::Record& rule, std::map<std::string, std::string>& problems,
                    bool optionalField);

}  // namespace leads
