#include "EntryTasks.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

namespace {

std::string isoInDays(std::int64_t days) {
    auto when = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
    std::time_t time = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

}  // namespace

void EntryTasks::create(const HookEvent& deal, const Stage& entered) {
    if (!enabled_ || !entered.entryActivities.is_array()) {
        return;
    }
    for (const auto& activity : entered.entryActivities) {
        if (!activity.is_object() || !activity.value("subject", nlohmann::json()).is_string()) {
            continue;  // the stage hook refuses these; older rows may still hold one
        }
        nlohmann::json due = activity.value("due_in_days", nlohmann::json(0));
        std::int64_t days = due.is_number_integer() ? due.get<std::int64_t>() : 0;
        std::string dealName = textOf(deal.record, "name");
        records_.create(Caller::systemCaller(), "Task",
                        {{"title", activity["subject"]},
                         {"description", "Entering " + entered.name + " of " + dealName},
                         {"due_at", isoInDays(std::clamp<std::int64_t>(days, 0, kMaxEntryDueDays))},
                         {"status", "open"},
                         {"record_entity", "Deal"},
                         {"record_id", deal.id},
                         {"owner_id", deal.record.value("owner_id", nlohmann::json())},
                         {"team_id", deal.record.value("team_id", nlohmann::json())}});
    }
}

}  // namespace deals
