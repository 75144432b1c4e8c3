#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/kernel/jobs/CronExpression.hpp>
#include <tessera/kernel/jobs/JobClock.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/sdk/Services.hpp>

namespace tessera::kernel {

class EventBus;

/// The kernel's jobs (DESIGN §5, §8): jobs registered by plugins and by the kernel, scheduled by
/// cron in UTC and/or queued with arguments, run by worker threads of any number of nodes on one
/// database.
///
/// Tables: `tessera_jobs` holds each scheduled job's next fire time; `tessera_job_runs` one row
/// per run (queued, running, done, failed, stopped) with its attempts, lease, progress, error
/// and arguments. A fire time is claimed by a compare-and-set UPDATE of `next_fire`, so one node
/// fires it; a run is claimed with a lease (PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED`;
/// SQLite: the single writer's `BEGIN IMMEDIATE` and a conditional UPDATE), renewed by
/// JobRun::progress(); a run whose lease expired (its process died) is claimed again. A failed
/// attempt is retried after an exponential backoff until the job's maxAttempts, then the run is
/// failed with the last error. A node only claims runs of jobs it has registered.
///
/// Kernel-internal jobs register with plugin id "kernel" and ids "kernel.<name>":
///     scheduler.add("kernel", {"kernel.mail", "Send queued mail", "* * * * *",
///                              std::chrono::seconds(120), 3, [](sdk::JobRun& run) {...}});
/// Plugin jobs come through PluginContext::addJob and are removed by removeOwnedBy() at
/// shutdown.
///
/// Thread-safe. start() runs a scheduler thread and `workers` worker threads until stop();
/// runDueOnce() does the same work once on the caller's thread (tests, `tessera` commands).
class JobScheduler final : public sdk::JobService {
public:
    struct Options {
        int workers = 2;
        /// How often the scheduler thread looks for due fire times and runs.
        std::chrono::milliseconds poll{1000};
        /// Delay before the first retry of a failed attempt; doubled for each further one.
        std::chrono::milliseconds backoff{30000};
        std::chrono::milliseconds maxBackoff{std::chrono::hours(1)};
        /// Lease owner name of this process; "host:pid" when empty.
        std::string node;
        JobClock clock;
    };

    /// What the admin page shows about one registered job.
    struct JobInfo {
        std::string id;
        std::string plugin;
        std::string label;
        std::string cron;
        std::int64_t nextFire = 0;  ///< epoch ms; 0 when not scheduled (yet)
        std::optional<sdk::JobRunStatus> lastRun;
    };

    /// `records` (for JobRun::records()) and `events` (to queue a run with a hook's
    /// transaction) may be null in tests.
    JobScheduler(Database& db, sdk::Records* records, EventBus* events, Options options);
    ~JobScheduler() override;
    JobScheduler(const JobScheduler&) = delete;
    JobScheduler& operator=(const JobScheduler&) = delete;

    /// Creates the tables when missing (under a database lock, so nodes may start together).
    void ensureTables();

    /// Registers a job. The id must start with "<pluginId>."; the cron expression is checked.
    /// Throws sdk::PluginError ("validation", naming the field) for a bad definition or a
    /// duplicate id.
    void add(const std::string& pluginId, sdk::JobDefinition job);
    /// Forgets the jobs of a plugin (at its shutdown); their rows stay.
    void removeOwnedBy(const std::string& pluginId);

    std::int64_t enqueue(const std::string& jobId, const nlohmann::json& arguments) override;
    sdk::JobRunStatus status(std::int64_t runId) override;
    /// Asks a run to stop: a queued run is stopped at once, a running one sees stopRequested().
    void requestStop(std::int64_t runId);

    /// Every registered job, by id.
    std::vector<JobInfo> jobs();
    /// The newest runs first.
    std::vector<sdk::JobRunStatus> recentRuns(int limit);
    bool hasJob(const std::string& jobId) const;
    /// Deletes the done, failed and stopped runs that finished before `before`; returns how
    /// many.
    std::int64_t purge(std::chrono::system_clock::time_point before);

    /// Fires the scheduled jobs that are due, then runs every claimable run (due, or with an
    /// expired lease) of a registered job, one after another on this thread; returns the ids
    /// of the runs it ran.
    std::vector<std::int64_t> runDueOnce();

    /// Starts the scheduler and worker threads; idempotent.
    void start();
    /// Stops the threads after the runs under way return; idempotent.
    void stop();
    /// Makes idle workers look for work now (after enqueue()).
    void wake();

    struct Claim;

private:
    struct Registered {
        std::string plugin;
        sdk::JobDefinition definition;
        std::optional<CronExpression> cron;
    };

    std::chrono::system_clock::time_point now() const { return clock_(); }
    void fireDue();
    std::optional<Claim> claim();
    void execute(Claim& claim);
    void workerLoop();
    void schedulerLoop();
    std::vector<std::string> registeredIds() const;

    Database& db_;
    sdk::Records* records_;
    EventBus* events_;
    Options options_;
    JobClock clock_;
    std::atomic<std::int64_t> claims_{0};

    mutable std::mutex mutex_;
    std::map<std::string, Registered> jobs_;

    std::mutex threadMutex_;
    std::condition_variable wakeUp_;
    bool stopping_ = false;
    std::uint64_t wakeCount_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace tessera::kernel
