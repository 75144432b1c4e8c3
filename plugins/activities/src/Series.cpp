#include "Series.hpp"

#include "Activities.hpp"
#include "RRule.hpp"
#include "Refuse.hpp"

namespace activities::series {

using namespace std::chrono;

namespace {

constexpr std::size_t kMaxExceptions = 500;

}  // namespace

std::set<Utc> times(const tessera::sdk::Record& record, const std::string& field) {
    std::set<Utc> out;
    auto value = record.value(field, nlohmann::json());
    if (value.is_array()) {
        for (const auto& item : value) {
            if (auto time = item.is_string() ? parseUtc(item.get<std::string>()) : std::nullopt) {
                out.insert(*time);
            }
        }
    }
    return out;
}

std::vector<Utc> starts(const tessera::sdk::Record& meeting, const TimeZone& zone, Local from,
                        Local to, std::size_t limit) {
    auto first = parseUtc(text(meeting, "starts_at"));
    if (!first) {
        return {};
    }
    std::string rrule = text(meeting, "rrule");
    if (rrule.empty()) {
        return {*first};
    }
    std::set<Utc> skipped = times(meeting, "exdates");
    skipped.merge(times(meeting, "overridden"));
    std::vector<Utc> out;
    RRule rule = RRule::parse(rrule);
    for (Local local : rule.expand(zone.toLocal(*first), zone, from, to, limit + skipped.size())) {
        Utc start = zone.toUtc(local);
        if (!skipped.contains(start) && out.size() < limit) {
            out.push_back(start);
        }
    }
    return out;
}

bool hasOccurrence(const tessera::sdk::Record& meeting, const TimeZone& zone, Utc start) {
    auto first = parseUtc(text(meeting, "starts_at"));
    if (!first) {
        return false;
    }
    if (text(meeting, "rrule").empty()) {
        return start == *first;
    }
    Local local = zone.toLocal(start);
    RRule rule = RRule::parse(text(meeting, "rrule"));
    auto found = rule.expand(zone.toLocal(*first), zone, local, local + seconds(1), 1);
    return !found.empty() && zone.toUtc(found.front()) == start;
}

std::string key(Utc start) {
    std::string iso = formatUtc(start);  // 2026-03-02T08:00:00Z
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" + iso.substr(11, 2) +
           iso.substr(14, 2) + iso.substr(17, 2) + "Z";
}

std::optional<Utc> fromKey(const std::string& key) {
    if (key.size() != 16 || key[8] != 'T' || key[15] != 'Z') {
        return std::nullopt;
    }
    return parseUtc(key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2) + "T" +
                    key.substr(9, 2) + ":" + key.substr(11, 2) + ":" + key.substr(13, 2) + "Z");
}

nlohmann::json checkedTimes(const nlohmann::json& value, const std::string& field) {
    if (value.is_null()) {
        return value;
    }
    if (!value.is_array() || value.size() > kMaxExceptions) {
        refuse(field, "must be a list of up to " + std::to_string(kMaxExceptions) +
                          " UTC times like \"2026-03-02T08:00:00Z\"");
    }
    std::set<Utc> sorted;
    for (const auto& item : value) {
        auto time = item.is_string() ? parseUtc(item.get<std::string>()) : std::nullopt;
        if (!time) {
            refuse(field, "each entry must be a UTC time like \"2026-03-02T08:00:00Z\"");
        }
        sorted.insert(*time);
    }
    nlohmann::json out = nlohmann::json::array();
    for (Utc time : sorted) {
        out.push_back(formatUtc(time));
    }
    return out;
}

}  // namespace activities::series
