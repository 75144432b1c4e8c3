#include "DealFilters.hpp"

#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

std::string checkedDate(const WebRequest& request, const char* name) {
    std::string value = request.query(name).value_or("");
    if (!value.empty() && (value.size() != 10 || !daysOf(value))) {
        refuseParameter(name, "is a date such as 2026-03-31");
    }
    return value;
}

std::string encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

DealFilters DealFilters::read(const WebRequest& request) {
    DealFilters filters;
    filters.owner = request.query("owner").value_or("");
    if (!filters.owner.empty() && filters.owner != "me" && !parseInteger(filters.owner)) {
        refuseParameter("owner", "is 'me' or a user id");
    }
    std::string team = request.query("team").value_or("");
    if (!team.empty()) {
        auto id = parseInteger(team);
        if (!id) {
            refuseParameter("team", "is a team id");
        }
        filters.team = *id;
    }
    filters.closeFrom = checkedDate(request, "close_from");
    filters.closeTo = checkedDate(request, "close_to");
    return filters;
}

std::vector<Filter> DealFilters::conditions(const Caller& caller) const {
    std::vector<Filter> parts;
    if (owner == "me") {
        parts.push_back(Filter::eq("owner_id", caller.userId));
    } else if (!owner.empty()) {
        parts.push_back(Filter::eq("owner_id", *parseInteger(owner)));
    }
    if (team != 0) {
        parts.push_back(Filter::eq("team_id", team));
    }
    if (!closeFrom.empty()) {
        parts.push_back(Filter::gte("expected_close_date", closeFrom));
    }
    if (!closeTo.empty()) {
        parts.push_back(Filter::lte("expected_close_date", closeTo));
    }
    return parts;
}

std::string DealFilters::queryString() const {
    std::string out;
    auto add = [&out](const std::string& name, const std::string& value) {
        if (!value.empty()) {
            out += (out.empty() ? "" : "&") + name + "=" + encode(value);
        }
    };
    add("owner", owner);
    add("team", team ? std::to_string(team) : "");
    add("close_from", closeFrom);
    add("close_to", closeTo);
    return out;
}

nlohmann::json DealFilters::templateData(const Caller& caller, People& people,
                                         std::set<std::int64_t> owners,
                                         std::set<std::int64_t> teams) const {
    if (auto chosen = parseInteger(owner)) {
        owners.insert(*chosen);
    }
    if (team != 0) {
        teams.insert(team);
    }
    nlohmann::json ownerOptions = nlohmann::json::array();
    ownerOptions.push_back({{"VALUE", ""}, {"LABEL", "Everyone"}, {"SELECTED", owner.empty()}});
    ownerOptions.push_back({{"VALUE", "me"}, {"LABEL", "Me"}, {"SELECTED", owner == "me"}});
    for (std::int64_t id : owners) {
        if (id != caller.userId && id != 0) {
            std::string value = std::to_string(id);
            ownerOptions.push_back({{"VALUE", value},
                                    {"LABEL", people.user(caller, id)},
                                    {"SELECTED", owner == value}});
        }
    }
    nlohmann::json teamOptions = nlohmann::json::array();
    teamOptions.push_back({{"VALUE", ""}, {"LABEL", "Any team"}, {"SELECTED", team == 0}});
    for (std::int64_t id : teams) {
        if (id != 0) {
            teamOptions.push_back({{"VALUE", std::to_string(id)},
                                   {"LABEL", people.team(id)},
                                   {"SELECTED", team == id}});
        }
    }
    return {{"OWNER_OPTION", ownerOptions}, {"TEAM_OPTION", teamOptions}, {"CLOSE_FROM", closeFrom},
            {"CLOSE_TO", closeTo}};
}

}  // namespace deals
