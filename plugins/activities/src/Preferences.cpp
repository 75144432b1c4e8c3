#include "Preferences.hpp"

#include <algorithm>
#include <regex>

#include "Refuse.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kMaxShares = 200;

std::vector<std::int64_t> ids(const Record& record, const std::string& field) {
    std::vector<std::int64_t> out;
    auto value = record.value(field, nlohmann::json());
    if (value.is_array()) {
        for (const auto& item : value) {
            if (item.is_number_integer()) {
                out.push_back(item.get<std::int64_t>());
            }
        }
    }
    return out;
}

Preference fromRecord(const Record& row) {
    Preference out{integer(row, "id"), integer(row, "version"), integer(row, "user_id"),
                   text(row, "time_zone")};
    out.sharedUsers = ids(row, "shared_user_ids");
    out.sharedTeams = ids(row, "shared_team_ids");
    auto sources = row.value("feed_sources", nlohmann::json());
    if (sources.is_array()) {
        for (const auto& item : sources) {
            if (item.is_string()) {
                out.feedSources.push_back(item.get<std::string>());
            }
        }
    }
    return out;
}

/// A list of distinct positive ids, each known to `exists`.
void checkIdList(HookEvent& event, const char* field, const std::string& what,
                 const std::function<bool(std::int64_t)>& exists) {
    auto value = event.record.value(field, nlohmann::json());
    if (value.is_null()) {
        return;
    }
    if (!value.is_array() || value.size() > kMaxShares) {
        refuse(field, "must be a list of up to " + std::to_string(kMaxShares) + " ids");
    }
    std::vector<std::int64_t> unique;
    for (const auto& item : value) {
        if (!item.is_number_integer() || !exists(item.get<std::int64_t>())) {
            refuse(field, "there is no " + what + " " + item.dump());
        }
        if (std::find(unique.begin(), unique.end(), item.get<std::int64_t>()) == unique.end()) {
            unique.push_back(item.get<std::int64_t>());
        }
    }
    event.record[field] = unique;
}

void checkPreference(Activities& shared, HookEvent& event) {
    std::int64_t user = integer(event.record, "user_id");
    if (!event.caller.system && user != event.caller.userId) {
        refuse("user_id", "is your own user: you change only your own calendar settings");
    }
    if (!shared.users.byId(user)) {
        refuse("user_id", "there is no user " + std::to_string(user));
    }
    event.record["owner_id"] = user;
    std::string zone = text(event.record, "time_zone");
    if (!zone.empty() && !TimeZone::named(zone)) {
        refuse("time_zone",
               "'" + zone.substr(0, 64) + "' is not a time zone name like Europe/Berlin");
    }
    checkIdList(event, "shared_user_ids", "user",
                [&](std::int64_t id) { return id != user && shared.users.byId(id).has_value(); });
    auto teams = shared.users.teams();
    checkIdList(event, "shared_team_ids", "team", [&](std::int64_t id) {
        return std::any_of(teams.begin(), teams.end(),
                           [&](const TeamInfo& team) { return team.id == id; });
    });
    auto sources = event.record.value("feed_sources", nlohmann::json());
    static const std::regex kSource(R"((user|calendar)-[1-9][0-9]{0,17})");
    if (!sources.is_null()) {
        if (!sources.is_array() || sources.size() > kMaxShares) {
            refuse("feed_sources", "must be a list like [\"user-12\", \"calendar-3\"]");
        }
        for (const auto& item : sources) {
            if (!item.is_string() || !std::regex_match(item.get<std::string>(), kSource)) {
                refuse("feed_sources", "each entry is user-<id> or calendar-<id>");
            }
        }
    }
}

}  // namespace

Preference preferenceOf(Activities& shared, std::int64_t userId) {
    Query query;
    query.entity = kPreference;
    query.filter = Filter::eq("user_id", userId);
    query.limit = 1;
    auto rows = shared.records.query(Caller::systemCaller(), query).rows;
    if (rows.empty()) {
        return Preference{.userId = userId};
    }
    return fromRecord(rows.front());
}

TimeZone zoneOfUser(Activities& shared, std::int64_t userId) {
    if (userId <= 0) {
        return shared.zone;
    }
    std::string name = preferenceOf(shared, userId).timeZone;
    auto zone = name.empty() ? std::nullopt : TimeZone::named(name);
    return zone ? *zone : shared.zone;
}

bool sharesWith(Activities& shared, const Preference& owner, std::int64_t viewer) {
    if (std::find(owner.sharedUsers.begin(), owner.sharedUsers.end(), viewer) !=
        owner.sharedUsers.end()) {
        return true;
    }
    if (owner.sharedTeams.empty()) {
        return false;
    }
    for (const auto& team : shared.users.teams()) {
        bool chosen = std::find(owner.sharedTeams.begin(), owner.sharedTeams.end(), team.id) !=
                      owner.sharedTeams.end();
        if (chosen && std::binary_search(team.memberIds.begin(), team.memberIds.end(), viewer)) {
            return true;
        }
    }
    return false;
}

std::vector<UserInfo> sharersWith(Activities& shared, std::int64_t viewer) {
    Query query;
    query.entity = kPreference;
    query.filter =
        Filter::anyOf({Filter::isNotNull("shared_user_ids"), Filter::isNotNull("shared_team_ids")});
    std::vector<UserInfo> out;
    for (const auto& row : readAll(shared.records, Caller::systemCaller(), query)) {
        Preference owner = fromRecord(row);
        if (owner.userId == viewer || !sharesWith(shared, owner, viewer)) {
            continue;
        }
        if (auto user = shared.users.byId(owner.userId); user && user->active) {
            out.push_back(*user);
        }
    }
    std::sort(out.begin(), out.end(), [](const UserInfo& a, const UserInfo& b) {
        return std::tie(a.displayName, a.id) < std::tie(b.displayName, b.id);
    });
    return out;
}

void savePreference(Activities& shared, const Caller& caller, const Record& values) {
    Preference current = preferenceOf(shared, caller.userId);
    Record row = values;
    row["user_id"] = caller.userId;
    if (current.id == 0) {
        shared.records.create(caller, kPreference, row);
    } else {
        shared.records.update(caller, kPreference, current.id, current.version, row);
    }
}

void addPreferences(PluginContext& context, std::shared_ptr<Activities> shared) {
    auto check = [shared](HookEvent& event) { checkPreference(*shared, event); };
    context.addHook(kPreference, HookPoint::BeforeCreate, 100, check);
    context.addHook(kPreference, HookPoint::BeforeUpdate, 100, check);
}

}  // namespace activities
