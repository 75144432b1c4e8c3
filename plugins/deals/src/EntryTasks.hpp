#pragma once

// The tasks a stage asks for when a deal enters it (PipelineStage.entry_activities), made as
// activities' Task records when the activities plugin runs.
#include <atomic>

#include <tessera/sdk/PluginContext.hpp>

#include "Pipelines.hpp"

namespace deals {

class EntryTasks {
public:
    explicit EntryTasks(tessera::sdk::Records& records) : records_(records) {}

    /// Called once all plugins initialised: tasks are made only when activities runs.
    void enable(bool activitiesRunning) { enabled_ = activitiesRunning; }
    bool enabled() const { return enabled_; }

    /// From the deal's after-hook, so the tasks commit or roll back with the stage change: one
    /// open task per entry activity, titled with its subject, due `due_in_days` days from now,
    /// assigned to (owned by) the deal's owner and linked to the deal. Written as the system,
    /// since the mover may not be the owner.
    void create(const tessera::sdk::HookEvent& deal, const Stage& entered);

private:
    tessera::sdk::Records& records_;
    std::atomic<bool> enabled_{false};
};

/// The largest `due_in_days` an entry activity may have.
constexpr int kMaxEntryDueDays = 365;

}  // namespace deals
