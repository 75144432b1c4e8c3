#include "SettingsPage.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "CalendarReader.hpp"
#include "FormInput.hpp"
#include "Preferences.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

/// The zone names people pick from: the tz database's canonical zones, by name.
const std::vector<std::string>& zoneNames() {
    static const std::vector<std::string> kNames = [] {
        std::vector<std::string> names = {"UTC"};
        std::ifstream table("/usr/share/zoneinfo/zone1970.tab");
        std::string line;
        while (std::getline(table, line)) {
            if (line.empty() || line[0] == '#') {
                continue;
            }
            std::istringstream columns(line);
            std::string countries, coordinates, zone;
            if (columns >> countries >> coordinates >> zone) {
                names.push_back(zone);
            }
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return names;
    }();
    return kNames;
}

bool has(const std::vector<std::int64_t>& list, std::int64_t id) {
    return std::find(list.begin(), list.end(), id) != list.end();
}

WebResponse settingsPage(Activities& shared, const WebRequest& request) {
    Caller caller = request.caller();
    Preference mine = preferenceOf(shared, caller.userId);
    std::string current = mine.timeZone.empty() ? shared.zone.name() : mine.timeZone;
    nlohmann::json zones = nlohmann::json::array();
    for (const auto& name : zoneNames()) {
        zones.push_back({{"NAME", name}, {"SELECTED", name == current}});
    }
    nlohmann::json colleagues = nlohmann::json::array();
    for (const auto& user : shared.users.activeUsers()) {
        if (user.id != caller.userId) {
            colleagues.push_back({{"ID", user.id},
                                  {"NAME", user.displayName},
                                  {"CHECKED", has(mine.sharedUsers, user.id)}});
        }
    }
    nlohmann::json teams = nlohmann::json::array();
    for (const auto& team : shared.users.teams()) {
        teams.push_back(
            {{"ID", team.id}, {"NAME", team.name}, {"CHECKED", has(mine.sharedTeams, team.id)}});
    }
    auto chosen = [&](const std::string& key) {
        return std::find(mine.feedSources.begin(), mine.feedSources.end(), key) !=
               mine.feedSources.end();
    };
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& user : sharersWith(shared, caller.userId)) {
        std::string key = "user-" + std::to_string(user.id);
        sources.push_back(
            {{"KEY", key}, {"NAME", user.displayName + "'s calendar"}, {"CHECKED", chosen(key)}});
    }
    Query calendars;
    calendars.entity = kSharedCalendar;
    calendars.sort = {{"name", false}};
    calendars.fields = {"id", "name"};
    for (const auto& calendar : readAll(shared.records, caller, calendars, 200)) {
        std::string key = "calendar-" + std::to_string(integer(calendar, "id"));
        sources.push_back(
            {{"KEY", key}, {"NAME", text(calendar, "name")}, {"CHECKED", chosen(key)}});
    }
    nlohmann::json data = {{"ZONE", zones},
                           {"CURRENT_ZONE", current},
                           {"COLLEAGUE", colleagues},
                           {"TEAM", teams},
                           {"HAS_TEAMS", !teams.empty()},
                           {"SOURCE", sources},
                           {"HAS_SOURCES", !sources.empty()},
                           {"NO_SOURCES", sources.empty()}};
    return WebResponse::page(
        "Calendar settings", "activities.settings.tpl", data,
        {{"Home", "/"}, {"Calendar", "/p/activities/calendar"}, {"Settings", ""}});
}

WebResponse saveSettings(Activities& shared, const WebRequest& request) {
    FormInput form(request);
    nlohmann::json users = nlohmann::json::array();
    for (const auto& id : request.formAll("shared_user")) {
        users.push_back(form.id(id, "shared_user_ids"));
    }
    nlohmann::json teams = nlohmann::json::array();
    for (const auto& id : request.formAll("shared_team")) {
        teams.push_back(form.id(id, "shared_team_ids"));
    }
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& key : request.formAll("feed_source")) {
        sources.push_back(key);
    }
    std::string zone = form.text("time_zone");
    savePreference(shared, request.caller(),
                   {{"time_zone", zone.empty() ? nlohmann::json() : nlohmann::json(zone)},
                    {"shared_user_ids", users},
                    {"shared_team_ids", teams},
                    {"feed_sources", sources}});
    return WebResponse::redirect("/p/activities/settings", "Calendar settings saved.");
}

}  // namespace

void addSettingsPage(PluginContext& context, std::shared_ptr<Activities> shared) {
    context.addRoute(
        {"GET", "/p/activities/settings", Permission::signedIn(),
         [shared](const WebRequest& request) { return settingsPage(*shared, request); }});
    context.addRoute(
        {"POST", "/p/activities/settings", Permission::signedIn(),
         [shared](const WebRequest& request) { return saveSettings(*shared, request); }});
}

}  // namespace activities
