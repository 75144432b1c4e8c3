#include "Assignment.hpp"

#include <algorithm>
#include <limits>

#include "Condition.hpp"
#include "Refuse.hpp"
#include "RuleGuard.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

const nlohmann::json kOpenStatuses = {"new", "contacted", "qualified"};

}  // namespace

Assignment::Assignment(Records& records, UserDirectory& users)
    : records_(records), users_(users), rules_(records, "AssignmentRule", "position") {}

std::optional<AssignmentChoice> Assignment::choose(const Record& lead) {
    for (const auto& rule : rules_.rules()) {
        if (Condition::of(rule).matches(lead)) {
            if (auto choice = apply(rule)) {
                return choice;
            }
        }
    }
    return std::nullopt;
}

std::vector<std::pair<TeamInfo, std::vector<std::int64_t>>> Assignment::teams() {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (teams_.empty() || now - teamsReadAt_ > std::chrono::seconds(5)) {
        teams_.clear();
        for (auto& team : users_.teams()) {
            std::vector<std::int64_t> active;
            for (std::int64_t id : team.memberIds) {
                auto user = users_.byId(id);
                if (user && user->active) {
                    active.push_back(id);
                }
            }
            teams_.emplace_back(std::move(team), std::move(active));
        }
        teamsReadAt_ = now;
    }
    return teams_;
}

void Assignment::forgetTeams() {
    std::lock_guard lock(mutex_);
    teams_.clear();
}

std::optional<AssignmentChoice> Assignment::apply(const Record& rule) {
    std::int64_t ruleId = integer(rule, "id");
    if (std::string login = text(rule, "user_login"); !login.empty()) {
        auto user = users_.byLogin(lower(login));
        if (!user || !user->active) {
            return std::nullopt;  // a departed user: the next rule decides
        }
        return AssignmentChoice{user->id, 0, ruleId};
    }
    std::string teamName = lower(text(rule, "team_name"));
    for (const auto& [team, members] : teams()) {
        if (lower(team.name) != teamName) {
            continue;
        }
        if (members.empty()) {
            return std::nullopt;
        }
        std::int64_t owner = text(rule, "strategy") == "least_open" ? fewestOpen(members)
                                                                     : nextInTurn(ruleId, members);
        return AssignmentChoice{owner, team.id, ruleId};
    }
    return std::nullopt;
}

std::int64_t Assignment::nextInTurn(std::int64_t ruleId, const std::vector<std::int64_t>& members) {
    std::lock_guard lock(mutex_);
    auto it = turns_.find(ruleId);
    if (it == turns_.end()) {
        Query handedOut;
        handedOut.entity = "Lead";
        handedOut.filter = Filter::eq("assignment_rule_id", ruleId);
        handedOut.trash = Trash::Include;
        it = turns_.emplace(ruleId, records_.count(Caller::systemCaller(), handedOut)).first;
    }
    std::int64_t owner = members[static_cast<std::size_t>(it->second % static_cast<std::int64_t>(members.size()))];
    ++it->second;
    return owner;
}

std::int64_t Assignment::fewestOpen(const std::vector<std::int64_t>& members) {
    AggregateQuery open;
    open.entity = "Lead";
    open.groupBy = "owner_id";
    open.filter = Filter::allOf({Filter::in("owner_id", members), Filter::in("status", kOpenStatuses)});
    std::map<std::int64_t, std::int64_t> counts;
    for (const auto& row : records_.aggregate(Caller::systemCaller(), open)) {
        if (row.group.is_number_integer()) {
            counts[row.group.get<std::int64_t>()] = row.count;
        }
    }
    std::int64_t best = members.front();
    std::int64_t fewest = std::numeric_limits<std::int64_t>::max();
    for (std::int64_t member : members) {
        std::int64_t count = counts.contains(member) ? counts[member] : 0;
        if (count < fewest) {
            best = member;
            fewest = count;
        }
    }
    return best;
}

namespace {

void checkAssignmentRule(UserDirectory& users, HookEvent& event) {
    std::map<std::string, std::string> problems;
    checkCondition(event.record, problems, true);
    std::string login = lower(trim(text(event.record, "user_login")));
    std::string team = trim(text(event.record, "team_name"));
    if (login.empty() == team.empty()) {
        problems["user_login"] = "name either a user (login) or a team, not both";
    } else if (!login.empty()) {
        if (!users.byLogin(login)) {
            problems["user_login"] = "there is no user '" + login.substr(0, 64) + "'";
        }
        event.record["user_login"] = login;
    } else {
        bool found = false;
        for (const auto& known : users.teams()) {
            found = found || lower(known.name) == lower(team);
        }
        if (!found) {
            problems["team_name"] = "there is no team '" + team.substr(0, 100) + "'";
        }
        event.record["team_name"] = team;
    }
    refuseIfAny(problems);
}

}  // namespace

void addAssignment(PluginContext& context, Assignment& assignment) {
    context.notifications().declareType("leads.assigned", "A lead was assigned to me");
    context.addHook("Lead", HookPoint::BeforeCreate, 30, [&assignment](HookEvent& event) {
        if (!event.record.value("owner_id", nlohmann::json()).is_null()) {
            event.record["assigned_at"] = isoNow();
            return;  // made by a user for themselves, or given an owner explicitly
        }
        if (auto choice = assignment.choose(event.record)) {
            event.record["owner_id"] = choice->ownerId;
            if (choice->teamId != 0) {
                event.record["team_id"] = choice->teamId;
            }
            event.record["assignment_rule_id"] = choice->ruleId;
            event.record["assigned_at"] = isoNow();
        } else if (!event.caller.system) {
            event.record["owner_id"] = event.caller.userId;  // no rule wants it: it stays with its maker
        }
    });
    context.addHook("Lead", HookPoint::BeforeUpdate, 30, [](HookEvent& event) {
        if (event.record.value("owner_id", nlohmann::json()) != event.previous.value("owner_id", nlohmann::json())) {
            event.record["assigned_at"] = isoNow();
            if (!event.caller.system) {
                event.record["assignment_rule_id"] = nullptr;  // reassigned by hand
            }
        }
    });
    NotificationService& notifications = context.notifications();
    auto notify = [&notifications](HookEvent& event) {
        auto owner = event.record.value("owner_id", nlohmann::json());
        bool isNew = !event.previous.is_object() || event.previous.empty();
        if (!owner.is_number_integer() || (!isNew && owner == event.previous.value("owner_id", nlohmann::json())) ||
            owner.get<std::int64_t>() == event.caller.userId) {
            return;
        }
        notifications.notify({owner.get<std::int64_t>(), "leads.assigned",
                              "New lead: " + text(event.record, "full_name"),
                              "The lead " + text(event.record, "full_name") +
                                  (text(event.record, "company_name").empty()
                                       ? ""
                                       : " (" + text(event.record, "company_name") + ")") +
                                  " is yours.",
                              "/r/leads/" + std::to_string(event.id)});
    };
    context.addHook("Lead", HookPoint::AfterCreate, 50, notify);
    context.addHook("Lead", HookPoint::AfterUpdate, 50, notify);
    context.notifications().declareType("leads.sales_ready", "A lead of mine became sales-ready");
    auto ready = [&notifications](HookEvent& event) {
        auto owner = event.record.value("owner_id", nlohmann::json());
        bool was = event.previous.is_object() && event.previous.value("sales_ready", false) == true;
        if (!owner.is_number_integer() || event.record.value("sales_ready", false) != true || was ||
            text(event.record, "status") == "converted") {
            return;
        }
        notifications.notify({owner.get<std::int64_t>(), "leads.sales_ready",
                              "Sales-ready: " + text(event.record, "full_name"),
                              "The lead reached a score of " + text(event.record, "score") + ".",
                              "/r/leads/" + std::to_string(event.id)});
    };
    context.addHook("Lead", HookPoint::AfterCreate, 51, ready);
    context.addHook("Lead", HookPoint::AfterUpdate, 51, ready);
    UserDirectory& users = context.users();
    guardRules(context, "AssignmentRule", assignment.rules(),
               [&users, &assignment](HookEvent& event) {
                   checkAssignmentRule(users, event);
                   assignment.forgetTeams();
               },
               "");
}

}  // namespace leads
