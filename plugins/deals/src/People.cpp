#include "People.hpp"

namespace deals {

std::string People::user(const tessera::sdk::Caller& caller, std::int64_t userId) {
    if (userId == 0) {
        return "Nobody";
    }
    if (userId == caller.userId && !caller.system) {
        return "You";
    }
    auto known = userNames_.find(userId);
    if (known == userNames_.end()) {
        auto info = users_.byId(userId);
        known =
            userNames_.emplace(userId, info ? info->displayName : "User #" + std::to_string(userId))
                .first;
    }
    return known->second;
}

std::string People::team(std::int64_t teamId) {
    if (!teamsRead_) {
        for (const auto& team : users_.teams()) {
            teamNames_[team.id] = team.name;
        }
        teamsRead_ = true;
    }
    auto known = teamNames_.find(teamId);
    return known == teamNames_.end() ? "Team #" + std::to_string(teamId) : known->second;
}

}  // namespace deals
