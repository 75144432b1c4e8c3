#include "RRule.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "Refuse.hpp"

namespace activities {

using namespace std::chrono;

namespace {

constexpr const char* kDayNames[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
/// Periods searched without finding an occurrence before a rule is taken as empty
/// (BYMONTHDAY=30;BYMONTH=2 never matches).
constexpr int kEmptyPeriods = 2000;

int number(const std::string& text, const std::string& part, const std::string& field) {
    std::size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size()) {
        refuse(field, part + " must be a whole number, not '" + text.substr(0, 20) + "'");
    }
    return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, separator)) {
        parts.push_back(part);
    }
    return parts;
}

int weekdayIndex(const std::string& name) {
    for (int i = 0; i < 7; ++i) {
        if (name == kDayNames[i]) {
            return i;
        }
    }
    return -1;
}

std::string upper(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

/// The days of [first, last] that are the given weekdays, with ordinals counted within the range.
std::vector<local_days> weekdaysIn(local_days first, local_days last,
                                   const std::vector<RRule::WeekdayNumber>& byDay) {
    std::vector<local_days> out;
    for (const auto& wanted : byDay) {
        std::vector<local_days> matches;
        for (local_days d = first; d <= last; d += days(1)) {
            if (weekday(d).c_encoding() == wanted.weekday) {
                matches.push_back(d);
            }
        }
        if (wanted.ordinal == 0) {
            out.insert(out.end(), matches.begin(), matches.end());
        } else {
            int n = static_cast<int>(matches.size());
            int index = wanted.ordinal > 0 ? wanted.ordinal - 1 : n + wanted.ordinal;
            if (index >= 0 && index < n) {
                out.push_back(matches[static_cast<std::size_t>(index)]);
            }
        }
    }
    return out;
}

/// The days of one month the rule's BYMONTHDAY and BYDAY give, or the start's day of month.
std::vector<local_days> daysOfMonth(const RRule& rule, year_month month, unsigned startDay) {
    local_days first{month / 1};
    local_days last{month / std::chrono::last};
    int length = static_cast<int>((last - first).count()) + 1;
    std::vector<local_days> byMonthDay;
    for (int day : rule.byMonthDay) {
        int resolved = day > 0 ? day : length + day + 1;
        if (resolved >= 1 && resolved <= length) {
            byMonthDay.push_back(first + days(resolved - 1));
        }
    }
    if (!rule.byDay.empty()) {
        auto byDay = weekdaysIn(first, last, rule.byDay);
        if (rule.byMonthDay.empty()) {
            return byDay;
        }
        std::vector<local_days> both;
        for (auto d : byDay) {
            if (std::find(byMonthDay.begin(), byMonthDay.end(), d) != byMonthDay.end()) {
                both.push_back(d);
            }
        }
        return both;
    }
    if (!rule.byMonthDay.empty()) {
        return byMonthDay;
    }
    year_month_day wanted{month / std::chrono::day(startDay)};
    return wanted.ok() ? std::vector<local_days>{local_days{wanted}} : std::vector<local_days>{};
}

bool monthAllowed(const RRule& rule, local_days day) {
    if (rule.byMonth.empty()) {
        return true;
    }
    int m = static_cast<int>(static_cast<unsigned>(year_month_day{day}.month()));
    return std::find(rule.byMonth.begin(), rule.byMonth.end(), m) != rule.byMonth.end();
}

/// The candidate days of period `index` (0 = the start's period).
std::vector<local_days> daysOfPeriod(const RRule& rule, local_days startDay, long index) {
    year_month_day start{startDay};
    std::vector<local_days> out;
    switch (rule.frequency) {
        case RRule::Frequency::Daily: {
            local_days d = startDay + days(index * rule.interval);
            bool weekdayOk = rule.byDay.empty() ||
                             std::any_of(rule.byDay.begin(), rule.byDay.end(), [&](const auto& w) {
                                 return w.weekday == weekday(d).c_encoding();
                             });
            bool monthDayOk = rule.byMonthDay.empty() || [&] {
                year_month_day ymd{d};
                RRule only;
                only.byMonthDay = rule.byMonthDay;
                auto list = daysOfMonth(only, ymd.year() / ymd.month(), 1);
                return std::find(list.begin(), list.end(), d) != list.end();
            }();
            if (weekdayOk && monthDayOk) {
                out.push_back(d);
            }
            break;
        }
        case RRule::Frequency::Weekly: {
            unsigned offset = (weekday(startDay).c_encoding() + 7 - rule.weekStart) % 7;
            local_days weekBegin = startDay - days(offset) + weeks(index * rule.interval);
            for (int i = 0; i < 7; ++i) {
                local_days d = weekBegin + days(i);
                unsigned wd = weekday(d).c_encoding();
                bool wanted = rule.byDay.empty()
                                  ? wd == weekday(startDay).c_encoding()
                                  : std::any_of(rule.byDay.begin(), rule.byDay.end(),
                                                [&](const auto& w) { return w.weekday == wd; });
                if (wanted) {
                    out.push_back(d);
                }
            }
            break;
        }
        case RRule::Frequency::Monthly: {
            year_month month = start.year() / start.month() + months(index * rule.interval);
            out = daysOfMonth(rule, month, static_cast<unsigned>(start.day()));
            break;
        }
        case RRule::Frequency::Yearly: {
            std::chrono::year year = start.year() + years(index * rule.interval);
            if (rule.byMonth.empty() && !rule.byDay.empty() && rule.byMonthDay.empty()) {
                out = weekdaysIn(local_days{year / January / 1}, local_days{year / December / 31},
                                 rule.byDay);
                break;
            }
            std::vector<int> months = rule.byMonth;
            if (months.empty()) {
                if (rule.byMonthDay.empty() && rule.byDay.empty()) {
                    months = {static_cast<int>(static_cast<unsigned>(start.month()))};
                } else {
                    months = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
                }
            }
            for (int m : months) {
                auto list = daysOfMonth(rule, year / month(static_cast<unsigned>(m)),
                                        static_cast<unsigned>(start.day()));
                out.insert(out.end(), list.begin(), list.end());
            }
            break;
        }
    }
    std::erase_if(out, [&](local_days d) { return !monthAllowed(rule, d); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (!rule.bySetPos.empty()) {
        std::vector<local_days> chosen;
        int n = static_cast<int>(out.size());
        for (int pos : rule.bySetPos) {
            int i = pos > 0 ? pos - 1 : n + pos;
            if (i >= 0 && i < n) {
                chosen.push_back(out[static_cast<std::size_t>(i)]);
            }
        }
        std::sort(chosen.begin(), chosen.end());
        out = chosen;
    }
    return out;
}

/// Walks the series in order, calling `visit` with each occurrence until it returns false.
template <class Visit>
void walk(const RRule& rule, Local start, const TimeZone& zone, Visit visit) {
    local_days startDay = floor<days>(start);
    auto timeOfDay = start - startDay;
    int emitted = 0;
    auto ended = [&](Local occurrence) {
        if (rule.count && emitted >= *rule.count) {
            return true;
        }
        if (rule.untilUtc && zone.toUtc(occurrence) > *rule.untilUtc) {
            return true;
        }
        return rule.untilDate && floor<days>(occurrence) > local_days{*rule.untilDate};
    };
    if (ended(start)) {
        return;
    }
    ++emitted;
    if (!visit(start)) {
        return;
    }
    int emptyPeriods = 0;
    for (long index = 0; emptyPeriods < kEmptyPeriods; ++index) {
        auto candidates = daysOfPeriod(rule, startDay, index);
        bool any = false;
        for (local_days day : candidates) {
            Local occurrence = day + timeOfDay;
            if (occurrence <= start) {
                continue;
            }
            if (year_month_day{day}.year() > year(9999) || ended(occurrence)) {
                return;
            }
            any = true;
            ++emitted;
            if (!visit(occurrence)) {
                return;
            }
        }
        emptyPeriods = any ? 0 : emptyPeriods + 1;
    }
}

}  // namespace

RRule RRule::parse(const std::string& input, const std::string& field) {
    std::string text = upper(input);
    if (text.starts_with("RRULE:")) {
        text = text.substr(6);
    }
    if (text.empty() || text.size() > 500) {
        refuse(field, "a rule like FREQ=WEEKLY;BYDAY=MO is needed");
    }
    RRule rule;
    bool haveFrequency = false;
    std::map<std::string, std::string> seen;
    for (const auto& part : split(text, ';')) {
        auto eq = part.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
            refuse(field, "'" + part.substr(0, 40) + "' is not NAME=VALUE");
        }
        std::string name = part.substr(0, eq);
        std::string value = part.substr(eq + 1);
        if (!seen.emplace(name, value).second) {
            refuse(field, name + " is given twice");
        }
        if (name == "FREQ") {
            static const std::map<std::string, Frequency> kFrequencies = {
                {"DAILY", Frequency::Daily},
                {"WEEKLY", Frequency::Weekly},
                {"MONTHLY", Frequency::Monthly},
                {"YEARLY", Frequency::Yearly}};
            auto it = kFrequencies.find(value);
            if (it == kFrequencies.end()) {
                refuse(field, "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not '" +
                                  value.substr(0, 20) + "'");
            }
            rule.frequency = it->second;
            haveFrequency = true;
        } else if (name == "INTERVAL") {
            rule.interval = number(value, "INTERVAL", field);
            if (rule.interval < 1 || rule.interval > 1000) {
                refuse(field, "INTERVAL must be between 1 and 1000");
            }
        } else if (name == "COUNT") {
            rule.count = number(value, "COUNT", field);
            if (*rule.count < 1 || *rule.count > 10000) {
                refuse(field, "COUNT must be between 1 and 10000");
            }
        } else if (name == "UNTIL") {
            if (value.size() == 8) {
                auto date = parseDate(value.substr(0, 4) + "-" + value.substr(4, 2) + "-" +
                                      value.substr(6, 2));
                if (!date) {
                    refuse(field,
                           "UNTIL must be a date like 20261231 or a time like 20261231T235959Z");
                }
                rule.untilDate = date;
            } else {
                std::optional<Utc> until;
                if (value.size() == 16 && value[8] == 'T' && value[15] == 'Z') {
                    until = parseUtc(value.substr(0, 4) + "-" + value.substr(4, 2) + "-" +
                                     value.substr(6, 2) + "T" + value.substr(9, 2) + ":" +
                                     value.substr(11, 2) + ":" + value.substr(13, 2) + "Z");
                }
                if (!until) {
                    refuse(field,
                           "UNTIL must be a date like 20261231 or a time like 20261231T235959Z");
                }
                rule.untilUtc = until;
            }
        } else if (name == "BYDAY") {
            for (const auto& day : split(value, ',')) {
                if (day.size() < 2 || weekdayIndex(day.substr(day.size() - 2)) < 0) {
                    refuse(field, "BYDAY takes days like MO, TU, 1MO or -1FR, not '" +
                                      day.substr(0, 10) + "'");
                }
                WeekdayNumber entry;
                entry.weekday = static_cast<unsigned>(weekdayIndex(day.substr(day.size() - 2)));
                if (day.size() > 2) {
                    entry.ordinal =
                        number(day.substr(0, day.size() - 2), "the BYDAY ordinal", field);
                    if (entry.ordinal == 0 || entry.ordinal < -53 || entry.ordinal > 53) {
                        refuse(field, "a BYDAY ordinal must be 1 to 53 or -1 to -53");
                    }
                }
                rule.byDay.push_back(entry);
            }
        } else if (name == "BYMONTHDAY" || name == "BYMONTH" || name == "BYSETPOS") {
            for (const auto& item : split(value, ',')) {
                int n = number(item, name, field);
                bool ok = name == "BYMONTH" ? n >= 1 && n <= 12
                                            : n != 0 && n >= (name == "BYSETPOS" ? -366 : -31) &&
                                                  n <= (name == "BYSETPOS" ? 366 : 31);
                if (!ok) {
                    refuse(field, name + " value " + item.substr(0, 10) + " is out of range");
                }
                (name == "BYMONTH"    ? rule.byMonth
                 : name == "BYSETPOS" ? rule.bySetPos
                                      : rule.byMonthDay)
                    .push_back(n);
            }
        } else if (name == "WKST") {
            int day = weekdayIndex(value);
            if (day < 0) {
                refuse(field, "WKST must be a day like MO");
            }
            rule.weekStart = static_cast<unsigned>(day);
        } else {
            refuse(field, name.substr(0, 20) +
                              " is not supported (use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
                              "BYMONTHDAY, BYMONTH, BYSETPOS, WKST)");
        }
    }
    if (!haveFrequency) {
        refuse(field, "FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)");
    }
    if (rule.count && (rule.untilUtc || rule.untilDate)) {
        refuse(field, "COUNT and UNTIL cannot both be given");
    }
    bool ordinals = std::any_of(rule.byDay.begin(), rule.byDay.end(),
                                [](const auto& d) { return d.ordinal != 0; });
    if (ordinals && rule.frequency != Frequency::Monthly && rule.frequency != Frequency::Yearly) {
        refuse(field, "BYDAY ordinals such as 1MO need FREQ=MONTHLY or FREQ=YEARLY");
    }
    if (!rule.byMonthDay.empty() && rule.frequency == Frequency::Weekly) {
        refuse(field, "BYMONTHDAY cannot be used with FREQ=WEEKLY");
    }
    return rule;
}

std::string RRule::toString() const {
    static const char* kNames[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
    std::string out = std::string("FREQ=") + kNames[static_cast<int>(frequency)];
    if (interval != 1) {
        out += ";INTERVAL=" + std::to_string(interval);
    }
    auto list = [&out](const char* name, const std::vector<int>& values) {
        if (values.empty()) {
            return;
        }
        out += std::string(";") + name + "=";
        for (std::size_t i = 0; i < values.size(); ++i) {
            out += (i ? "," : "") + std::to_string(values[i]);
        }
    };
    if (!byDay.empty()) {
        out += ";BYDAY=";
        for (std::size_t i = 0; i < byDay.size(); ++i) {
            out += (i ? "," : "") + (byDay[i].ordinal ? std::to_string(byDay[i].ordinal) : "") +
                   kDayNames[byDay[i].weekday];
        }
    }
    list("BYMONTHDAY", byMonthDay);
    list("BYMONTH", byMonth);
    list("BYSETPOS", bySetPos);
    if (weekStart != 1) {
        out += std::string(";WKST=") + kDayNames[weekStart];
    }
    if (count) {
        out += ";COUNT=" + std::to_string(*count);
    }
    if (untilUtc) {
        std::string iso = formatUtc(*untilUtc);  // 2026-12-31T23:59:59Z
        out += ";UNTIL=" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" +
               iso.substr(11, 2) + iso.substr(14, 2) + iso.substr(17, 2) + "Z";
    }
    if (untilDate) {
        std::string iso = formatDate(*untilDate);
        out += ";UNTIL=" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    }
    return out;
}

std::vector<Local> RRule::expand(Local start, const TimeZone& zone, Local from, Local to,
                                 std::size_t limit) const {
    std::vector<Local> out;
    walk(*this, start, zone, [&](Local occurrence) {
        if (occurrence >= to || out.size() >= limit) {
            return false;
        }
        if (occurrence >= from) {
            out.push_back(occurrence);
        }
        return true;
    });
    return out;
}

std::optional<Local> RRule::next(Local start, const TimeZone& zone, Local after) const {
    std::optional<Local> found;
    walk(*this, start, zone, [&](Local occurrence) {
        if (occurrence > after) {
            found = occurrence;
            return false;
        }
        return true;
    });
    return found;
}

}  // namespace activities
