#include "TimeZone.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <regex>

namespace activities {

using namespace std::chrono;

namespace {

/// Reads a zone abbreviation: letters, or anything between < and >.
bool readName(const std::string& rule, std::size_t& at, std::string& name) {
    std::size_t begin = at;
    if (at < rule.size() && rule[at] == '<') {
        std::size_t close = rule.find('>', at);
        if (close == std::string::npos) {
            return false;
        }
        name = rule.substr(at + 1, close - at - 1);
        at = close + 1;
        return !name.empty();
    }
    while (at < rule.size() && std::isalpha(static_cast<unsigned char>(rule[at]))) {
        ++at;
    }
    name = rule.substr(begin, at - begin);
    return name.size() >= 3;
}

/// Reads [+-]hh[:mm[:ss]] as seconds.
bool readClock(const std::string& rule, std::size_t& at, int& seconds) {
    int sign = 1;
    if (at < rule.size() && (rule[at] == '+' || rule[at] == '-')) {
        sign = rule[at] == '-' ? -1 : 1;
        ++at;
    }
    int parts[3] = {0, 0, 0};
    for (int part = 0; part < 3; ++part) {
        std::size_t begin = at;
        while (at < rule.size() && std::isdigit(static_cast<unsigned char>(rule[at]))) {
            parts[part] = parts[part] * 10 + (rule[at] - '0');
            ++at;
        }
        if (at == begin || parts[part] > 167) {
            return false;
        }
        if (part == 2 || at >= rule.size() || rule[at] != ':') {
            break;
        }
        ++at;
    }
    seconds = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    return true;
}

bool readTransition(const std::string& rule, std::size_t& at, TimeZone::Transition& out) {
    static const std::regex kRule(R"(M(\d{1,2})\.([1-5])\.([0-6]))");
    std::size_t end = rule.find_first_of(",/", at);
    std::string date = rule.substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::smatch match;
    if (!std::regex_match(date, match, kRule)) {
        return false;  // the Jn and n forms are not used by current zones
    }
    out.month = std::stoi(match[1]);
    out.week = std::stoi(match[2]);
    out.weekday = std::stoi(match[3]);
    if (out.month < 1 || out.month > 12) {
        return false;
    }
    at += date.size();
    out.seconds = 7200;
    if (at < rule.size() && rule[at] == '/') {
        ++at;
        return readClock(rule, at, out.seconds);
    }
    return true;
}

}  // namespace

TimeZone TimeZone::utc() {
    TimeZone zone;
    zone.name_ = "UTC";
    zone.standardName_ = "UTC";
    return zone;
}

std::optional<TimeZone> TimeZone::fromPosix(const std::string& name, const std::string& rule) {
    TimeZone zone;
    zone.name_ = name;
    std::size_t at = 0;
    int west = 0;
    if (!readName(rule, at, zone.standardName_) || !readClock(rule, at, west)) {
        return std::nullopt;
    }
    zone.standardOffset_ = -west;
    if (at == rule.size()) {
        return zone;
    }
    if (!readName(rule, at, zone.daylightName_)) {
        return std::nullopt;
    }
    zone.daylightOffset_ = zone.standardOffset_ + 3600;
    if (at < rule.size() && rule[at] != ',') {
        if (!readClock(rule, at, west)) {
            return std::nullopt;
        }
        zone.daylightOffset_ = -west;
    }
    if (at >= rule.size() || rule[at] != ',' || !readTransition(rule, ++at, zone.start_) ||
        at >= rule.size() || rule[at] != ',' || !readTransition(rule, ++at, zone.end_) ||
        at != rule.size()) {
        return std::nullopt;
    }
    zone.hasDaylight_ = true;
    return zone;
}

std::optional<TimeZone> TimeZone::named(const std::string& name) {
    // Pages and feeds look a zone up per record: known zones are kept once read (there are a
    // few hundred), unknown names are not, so input cannot grow the cache.
    static std::mutex mutex;
    static std::map<std::string, TimeZone> known;
    {
        std::lock_guard guard(mutex);
        if (auto it = known.find(name); it != known.end()) {
            return it->second;
        }
    }
    auto zone = read(name);
    if (zone) {
        std::lock_guard guard(mutex);
        known.emplace(name, *zone);
    }
    return zone;
}

std::optional<TimeZone> TimeZone::read(const std::string& name) {
    static const std::regex kName(R"([A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2})");
    if (name == "UTC" || name == "Etc/UTC") {
        return utc();
    }
    if (name.size() > 64 || !std::regex_match(name, kName)) {
        return std::nullopt;
    }
    std::ifstream file("/usr/share/zoneinfo/" + name, std::ios::binary);
    std::string data{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    // TZif version 2 and later end with "\n<POSIX rule>\n".
    if (data.size() < 8 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' ||
        data.back() != '\n') {
        return std::nullopt;
    }
    std::size_t begin = data.rfind('\n', data.size() - 2);
    if (begin == std::string::npos) {
        return std::nullopt;
    }
    return fromPosix(name, data.substr(begin + 1, data.size() - begin - 2));
}

local_days TimeZone::dayOf(const Transition& rule, int year) {
    year_month first{std::chrono::year(year), month(static_cast<unsigned>(rule.month))};
    weekday day(static_cast<unsigned>(rule.weekday));
    if (rule.week == 5) {
        return local_days(first / day[std::chrono::last]);
    }
    return local_days(first / day[static_cast<unsigned>(rule.week)]);
}

bool TimeZone::daylightAt(Utc time) const {
    if (!hasDaylight_) {
        return false;
    }
    int year =
        static_cast<int>(year_month_day{floor<days>(time + seconds(standardOffset_))}.year());
    auto startUtc =
        sys_seconds{(dayOf(start_, year) + seconds(start_.seconds)).time_since_epoch()} -
        seconds(standardOffset_);
    auto endUtc = sys_seconds{(dayOf(end_, year) + seconds(end_.seconds)).time_since_epoch()} -
                  seconds(daylightOffset_);
    if (startUtc < endUtc) {
        return time >= startUtc && time < endUtc;
    }
    return !(time >= endUtc && time < startUtc);  // southern hemisphere: summer spans new year
}

int TimeZone::offsetAt(Utc time) const {
    return daylightAt(time) ? daylightOffset_ : standardOffset_;
}

Local TimeZone::toLocal(Utc time) const {
    return Local{(time + seconds(offsetAt(time))).time_since_epoch()};
}

Utc TimeZone::toUtc(Local time) const {
    Utc wall{time.time_since_epoch()};
    // A time that occurs twice (clocks going back) means its first occurrence, in daylight time;
    // one that does not occur (clocks going forward) is read in the offset before the gap
    // (RFC 5545, 3.3.5).
    Utc asDaylight = wall - seconds(daylightOffset_);
    if (hasDaylight_ && daylightAt(asDaylight) && toLocal(asDaylight) == time) {
        return asDaylight;
    }
    return wall - seconds(standardOffset_);
}

}  // namespace activities
