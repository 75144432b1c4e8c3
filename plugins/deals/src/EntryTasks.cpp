#include "EntryTasks.hpp"

#include <algorithm>

#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

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
