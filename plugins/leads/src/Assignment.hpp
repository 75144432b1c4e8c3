#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

#include "RuleCache.hpp"

namespace leads {

/// Who a lead goes to and why.
struct AssignmentChoice {
    std::int64_t ownerId = 0;
    std::int64_t teamId = 0;  ///< 0: none
    std::int64_t ruleId = 0;
};

/// The admin's assignment rules, tried by position; the first that matches names a user, or a
/// team whose active members take turns (round-robin) or whose member with the fewest open
/// leads gets it. Thread-safe.
class Assignment {
public:
    Assignment(tessera::sdk::Records& records, tessera::sdk::UserDirectory& users);

    std::optional<AssignmentChoice> choose(const tessera::sdk::Record& lead);
    RuleCache& rules() { return rules_; }
    /// Reads the teams again on the next assignment (a rule naming a new team was saved).
    void forgetTeams();

private:
    std::optional<AssignmentChoice> apply(const tessera::sdk::Record& rule);
    std::int64_t nextInTurn(std::int64_t ruleId, const std::vector<std::int64_t>& members);
    std::int64_t fewestOpen(const std::vector<std::int64_t>& members);
    /// The teams with their active members, read at most every few seconds.
    std::vector<std::pair<tessera::sdk::TeamInfo, std::vector<std::int64_t>>> teams();

    tessera::sdk::Records& records_;
    tessera::sdk::UserDirectory& users_;
    RuleCache rules_;
    std::mutex mutex_;
    /// Per rule, how many leads it has handed out; seeded from the stored leads on first use,
    /// so turns continue after a restart.
    std::map<std::int64_t, std::int64_t> turns_;
    std::vector<std::pair<tessera::sdk::TeamInfo, std::vector<std::int64_t>>> teams_;
    std::chrono::steady_clock::time_point teamsReadAt_{};
};

/// Assigns leads created without an owner (web forms, imports, the system) by the rules,
/// stamps every change of owner, notifies the new owner, and guards the rules.
void addAssignment(tessera::sdk::PluginContext& context, Assignment& assignment);

}  // namespace leads
