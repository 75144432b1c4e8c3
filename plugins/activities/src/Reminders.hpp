#pragma once

#include <memory>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

#include "Activities.hpp"
#include "IsoTime.hpp"

namespace activities {

/// Sends due reminders. The job that runs it is leased by the kernel, so one node runs it at a
/// time; each reminder is also claimed with a compare-and-set on the record's version, so a
/// second node that read the same due reminder (a lease that ran out, a queued run next to a
/// scheduled one) does not send it again. The notification is written by a hook in the same
/// transaction as the claim.
class Reminders {
public:
    Reminders(tessera::sdk::Records& records, TimeZone zone)
        : records_(records), zone_(std::move(zone)) {}

    /// The tasks and meetings whose next reminder is due at `now`, oldest first.
    std::vector<std::pair<std::string, tessera::sdk::Record>> due(Utc now, int limit = 500);
    /// Claims and sends one reminder read by due(); false when another node claimed it first.
    bool fire(const std::string& entity, const tessera::sdk::Record& row, Utc now);
    /// due() then fire() for each; returns how many were sent.
    int run(Utc now);

private:
    tessera::sdk::Records& records_;
    TimeZone zone_;
};

/// Registers the reminder job (every minute), the notification type, the hook that sends a
/// claimed reminder, and an admin route that queues a run now.
void addReminders(tessera::sdk::PluginContext& context, std::shared_ptr<Activities> shared);

}  // namespace activities
