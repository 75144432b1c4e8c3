#include "ReminderSchedule.hpp"

#include <algorithm>

#include "Activities.hpp"
#include "Refuse.hpp"
#include "Series.hpp"

namespace activities {

using namespace std::chrono;

namespace {

constexpr int kMaxOffsetMinutes = 60 * 24 * 28;

}  // namespace

std::vector<int> ReminderSchedule::offsets(const nlohmann::json& value, const std::string& field) {
    std::vector<int> out;
    if (value.is_null()) {
        return out;
    }
    if (!value.is_array() || value.size() > 5) {
        refuse(field, "must be a list of up to 5 numbers of minutes, e.g. [15, 1440]");
    }
    for (const auto& item : value) {
        if (!item.is_number_integer() || item.get<long long>() < 0 ||
            item.get<long long>() > kMaxOffsetMinutes) {
            refuse(field, "each reminder is a whole number of minutes from 0 to " +
                              std::to_string(kMaxOffsetMinutes) + " (four weeks)");
        }
        out.push_back(item.get<int>());
    }
    std::sort(out.begin(), out.end(), std::greater<>());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<Utc> ReminderSchedule::next(const std::string& entity,
                                          const tessera::sdk::Record& record, const TimeZone& zone,
                                          Utc after) {
    auto list = offsets(record.value("reminder_offsets", nlohmann::json()), "reminder_offsets");
    std::string status = text(record, "status");
    if (list.empty() || status == "done" || status == "cancelled") {
        return std::nullopt;
    }
    auto anchor = parseUtc(text(record, entity == kTask ? "due_at" : "starts_at"));
    if (!anchor) {
        return std::nullopt;
    }
    std::vector<Utc> anchors{*anchor};
    std::string rrule = text(record, "rrule");
    if (entity == kMeeting && !rrule.empty()) {
        // The occurrences whose reminders can still come: from the largest offset before `after`,
        // without the cancelled and changed ones (a changed one reminds of itself).
        Local from = zone.toLocal(after) - minutes(list.front()) - days(1);
        anchors = series::starts(record, zone, from, from + days(3660), 64);
    }
    std::optional<Utc> best;
    for (Utc at : anchors) {
        for (int offset : list) {
            Utc reminder = at - minutes(offset);
            if (reminder > after && (!best || reminder < *best)) {
                best = reminder;
            }
        }
    }
    return best;
}

}  // namespace activities
