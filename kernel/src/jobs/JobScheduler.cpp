#include <tessera/kernel/jobs/JobScheduler.hpp>

#include <regex>

#include <spdlog/spdlog.h>

#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

constexpr std::int64_t kJobTablesLock = 0x746573736a6f6201;  // "tessjob" + 1

[[noreturn]] void invalidJob(const std::string& id, const std::string& field,
                             const std::string& why) {
    throw sdk::PluginError(sdk::Error{
        "validation", "job '" + id.substr(0, 100) + "': " + field + " " + why, {{field, why}}});
}

const char* const kRunColumns =
    "id, job_id, state, progress_done, progress_total, error, started_at, finished_at";

sdk::JobRunStatus statusFrom(const std::vector<SqlValue>& row) {
    sdk::JobRunStatus status;
    status.runId = asInt(row[0]);
    status.jobId = asString(row[1]);
    status.state = asString(row[2]);
    status.done = asInt(row[3]);
    status.total = asInt(row[4]);
    status.error = asString(row[5]);
    status.startedAt = isNull(row[6]) ? std::string{} : isoTime(asInt(row[6]));
    status.finishedAt = isNull(row[7]) ? std::string{} : isoTime(asInt(row[7]));
    return status;
}

std::int64_t insertRun(Database& db, Poco::Data::Session& s, const std::string& jobId,
                       const nlohmann::json& arguments, int maxAttempts, std::int64_t nowMs) {
    return asInt(Sql::scalar(
        db, s,
        "INSERT INTO tessera_job_runs (job_id, state, attempts, max_attempts, "
        "run_after, args, created_at) VALUES ($1, 'queued', 0, $2, $3, $4, "
        "$5) RETURNING id",
        {jobId, static_cast<std::int64_t>(maxAttempts), nowMs, arguments.dump(), nowMs}));
}

}  // namespace

/// A run this process holds the lease of.
struct JobScheduler::Claim {
    std::int64_t id = 0;
    std::string jobId;
    int attempts = 0;
    int maxAttempts = 1;
    nlohmann::json arguments;
    std::string token;
    std::chrono::milliseconds lease{0};
    sdk::JobHandler handler;
};

namespace {

/// The JobRun handed to a handler: progress and stop requests go to the run's row, guarded by
/// the claim's lease token so a run taken over by another node is not overwritten.
class RunContext final : public sdk::JobRun {
public:
    RunContext(Database& db, sdk::Records* records, const JobClock& clock,
               const JobScheduler::Claim& claim)
        : db_(db), records_(records), clock_(clock), claim_(claim) {}

    std::int64_t runId() const override { return claim_.id; }
    const nlohmann::json& arguments() const override { return claim_.arguments; }
    sdk::Records& records() override {
        if (!records_) {
            throw sdk::PluginError("unavailable", "the record API is not available to this job");
        }
        return *records_;
    }
    void progress(std::int64_t done, std::int64_t total) override {
        Poco::Data::Session s = db_.session();
        std::int64_t nowMs = epochMillis(clock_());
        std::size_t changed =
            Sql::execute(db_, s,
                         "UPDATE tessera_job_runs SET progress_done = $1, progress_total = $2, "
                         "lease_until = $3 WHERE id = $4 AND lease_owner = $5",
                         {done, total, nowMs + claim_.lease.count(), claim_.id, claim_.token});
        if (changed == 0) {
            spdlog::warn("job run {} ({}) lost its lease: another node may be running it",
                         claim_.id, claim_.jobId);
        }
    }
    bool stopRequested() override {
        Poco::Data::Session s = db_.session();
        return asBool(Sql::scalar(
            db_, s, "SELECT stop_requested FROM tessera_job_runs WHERE id = $1", {claim_.id}));
    }

private:
    Database& db_;
    sdk::Records* records_;
    const JobClock& clock_;
    const JobScheduler::Claim& claim_;
};

}  // namespace

JobScheduler::JobScheduler(Database& db, sdk::Records* records, EventBus* events, Options options)
    : db_(db),
      records_(records),
      events_(events),
      options_(std::move(options)),
      clock_(clockOrSystem(options_.clock)) {
    if (options_.node.empty()) {
        options_.node = defaultNodeName();
    }
    options_.workers = std::max(1, options_.workers);
}

JobScheduler::~JobScheduler() {
    stop();
}

void JobScheduler::ensureTables() {
    Poco::Data::Session s = db_.session();
    auto lock = db_.advisoryLock(s, kJobTablesLock);
    SqlDialect dialect(db_.backend());
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_jobs (job_id TEXT PRIMARY KEY, "
                 "cron TEXT NOT NULL, next_fire BIGINT NOT NULL)");
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_job_runs (" + dialect.idColumn() +
                     ", job_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL "
                     "DEFAULT 0, max_attempts INTEGER NOT NULL, lease_owner TEXT, lease_until "
                     "BIGINT, run_after BIGINT NOT NULL, progress_done BIGINT NOT NULL DEFAULT 0, "
                     "progress_total BIGINT NOT NULL DEFAULT 0, error TEXT, args TEXT NOT NULL, "
                     "stop_requested INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, "
                     "started_at BIGINT, finished_at BIGINT)");
    Sql::execute(db_, s,
                 "CREATE INDEX IF NOT EXISTS tessera_job_runs_due ON tessera_job_runs "
                 "(state, run_after)");
    Sql::execute(db_, s,
                 "CREATE INDEX IF NOT EXISTS tessera_job_runs_job ON tessera_job_runs "
                 "(job_id, id)");
}

void JobScheduler::add(const std::string& pluginId, sdk::JobDefinition job) {
    static const std::regex idPattern("[a-z][a-z0-9_.-]*");
    if (!job.id.starts_with(pluginId + ".") || job.id.size() == pluginId.size() + 1 ||
        !std::regex_match(job.id, idPattern) || job.id.size() > 100) {
        invalidJob(job.id, "id",
                   "must be '" + pluginId + ".<name>' in lower case (a-z, 0-9, _ . -)");
    }
    if (!job.handler) {
        invalidJob(job.id, "handler", "is missing: give the function that does the work");
    }
    if (job.maxAttempts < 1 || job.maxAttempts > 100) {
        invalidJob(job.id, "maxAttempts",
                   "must be from 1 to 100, not " + std::to_string(job.maxAttempts));
    }
    if (job.lease < std::chrono::seconds(1)) {
        invalidJob(job.id, "lease", "must be at least one second");
    }
    std::optional<CronExpression> cron;
    if (!job.cron.empty()) {
        try {
            cron = CronExpression::parse(job.cron);
        } catch (const CronExpression::Error& e) {
            throw sdk::PluginError(sdk::Error{
                "validation", "job '" + job.id + "': " + e.what(), {{"cron", e.what()}}});
        }
    }
    if (job.label.empty()) {
        job.label = job.id;
    }
    std::lock_guard lock(mutex_);
    if (auto it = jobs_.find(job.id); it != jobs_.end()) {
        invalidJob(job.id, "id", "is already registered by '" + it->second.plugin + "'");
    }
    std::string id = job.id;
    jobs_.emplace(id, Registered{pluginId, std::move(job), std::move(cron)});
}

void JobScheduler::removeOwnedBy(const std::string& pluginId) {
    std::lock_guard lock(mutex_);
    std::erase_if(jobs_, [&](const auto& entry) { return entry.second.plugin == pluginId; });
}

bool JobScheduler::hasJob(const std::string& jobId) const {
    std::lock_guard lock(mutex_);
    return jobs_.contains(jobId);
}

std::vector<std::string> JobScheduler::registeredIds() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& [id, job] : jobs_) {
        ids.push_back(id);
    }
    return ids;
}

std::int64_t JobScheduler::enqueue(const std::string& jobId, const nlohmann::json& arguments) {
    int maxAttempts = 1;
    {
        std::lock_guard lock(mutex_);
        auto it = jobs_.find(jobId);
        if (it == jobs_.end()) {
            throw sdk::PluginError(
                sdk::Error{"not_found",
                           "there is no job '" + jobId.substr(0, 100) + "' to queue",
                           {{"jobId", "is not a registered job"}}});
        }
        maxAttempts = it->second.definition.maxAttempts;
    }
    nlohmann::json args = arguments.is_null() ? nlohmann::json::object() : arguments;
    std::int64_t nowMs = epochMillis(now());
    std::int64_t id = 0;
    if (Poco::Data::Session* open = events_ ? events_->transactionSession() : nullptr) {
        id = insertRun(db_, *open, jobId, args, maxAttempts, nowMs);
    } else {
        Poco::Data::Session s = db_.session();
        id = insertRun(db_, s, jobId, args, maxAttempts, nowMs);
        wake();
    }
    return id;
}

sdk::JobRunStatus JobScheduler::status(std::int64_t runId) {
    Poco::Data::Session* open = events_ ? events_->transactionSession() : nullptr;
    Poco::Data::Session s = open ? *open : db_.session();
    SqlRows rows = Sql::query(
        db_, s, std::string("SELECT ") + kRunColumns + " FROM tessera_job_runs WHERE id = $1",
        {runId});
    if (rows.empty()) {
        throw sdk::PluginError("not_found", "there is no job run " + std::to_string(runId));
    }
    return statusFrom(rows.rows.front());
}

void JobScheduler::requestStop(std::int64_t runId) {
    Poco::Data::Session s = db_.session();
    std::int64_t nowMs = epochMillis(now());
    Sql::execute(db_, s,
                 "UPDATE tessera_job_runs SET state = 'stopped', finished_at = $1 WHERE id = $2 "
                 "AND state = 'queued'",
                 {nowMs, runId});
    Sql::execute(db_, s,
                 "UPDATE tessera_job_runs SET stop_requested = 1 WHERE id = $1 AND state = "
                 "'running'",
                 {runId});
}

std::vector<JobScheduler::JobInfo> JobScheduler::jobs() {
    std::vector<JobInfo> result;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, job] : jobs_) {
            result.push_back(
                JobInfo{id, job.plugin, job.definition.label, job.definition.cron, 0, {}});
        }
    }
    Poco::Data::Session s = db_.session();
    for (auto& info : result) {
        if (!info.cron.empty()) {
            SqlValue next = Sql::scalar(
                db_, s, "SELECT next_fire FROM tessera_jobs WHERE job_id = $1", {info.id});
            info.nextFire = isNull(next) ? 0 : asInt(next);
        }
        SqlRows last = Sql::query(db_, s,
                                  std::string("SELECT ") + kRunColumns +
                                      " FROM tessera_job_runs WHERE job_id = $1 ORDER BY id DESC "
                                      "LIMIT 1",
                                  {info.id});
        if (!last.empty()) {
            info.lastRun = statusFrom(last.rows.front());
        }
    }
    return result;
}

std::vector<sdk::JobRunStatus> JobScheduler::recentRuns(int limit) {
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(
        db_, s,
        std::string("SELECT ") + kRunColumns + " FROM tessera_job_runs ORDER BY id DESC LIMIT $1",
        {static_cast<std::int64_t>(limit)});
    std::vector<sdk::JobRunStatus> runs;
    for (const auto& row : rows.rows) {
        runs.push_back(statusFrom(row));
    }
    return runs;
}

std::int64_t JobScheduler::purge(std::chrono::system_clock::time_point before) {
    Poco::Data::Session s = db_.session();
    return static_cast<std::int64_t>(
        Sql::execute(db_, s,
                     "DELETE FROM tessera_job_runs WHERE state IN ('done', 'failed', 'stopped') "
                     "AND finished_at < $1",
                     {epochMillis(before)}));
}

void JobScheduler::fireDue() {
    std::vector<std::pair<std::string, Registered>> scheduled;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, job] : jobs_) {
            if (job.cron) {
                scheduled.emplace_back(id, job);
            }
        }
    }
    if (scheduled.empty()) {
        return;
    }
    auto current = now();
    std::int64_t nowMs = epochMillis(current);
    auto nowSeconds = std::chrono::floor<std::chrono::seconds>(current);
    Poco::Data::Session s = db_.session();
    for (const auto& [id, job] : scheduled) {
        auto following = job.cron->next(nowSeconds);
        if (!following) {
            continue;
        }
        std::int64_t nextMs = epochMillis(*following);
        SqlRows rows =
            Sql::query(db_, s, "SELECT cron, next_fire FROM tessera_jobs WHERE job_id = $1", {id});
        if (rows.empty()) {
            Sql::execute(db_, s,
                         "INSERT INTO tessera_jobs (job_id, cron, next_fire) VALUES ($1, $2, $3) "
                         "ON CONFLICT (job_id) DO NOTHING",
                         {id, job.definition.cron, nextMs});
            continue;
        }
        std::string storedCron = asString(rows.rows[0][0]);
        std::int64_t due = asInt(rows.rows[0][1]);
        if (storedCron != job.definition.cron) {
            // The schedule changed with a new version: start from the new one.
            Sql::execute(db_, s,
                         "UPDATE tessera_jobs SET cron = $1, next_fire = $2 WHERE job_id = $3 "
                         "AND cron = $4",
                         {job.definition.cron, nextMs, id, storedCron});
            continue;
        }
        if (due > nowMs) {
            continue;
        }
        // Whoever moves next_fire on from the value it read fires the job; missed fires (all
        // nodes down) collapse into this one.
        db_.withTransaction(s, [&](Poco::Data::Session& tx) {
            std::size_t won = Sql::execute(db_, tx,
                                           "UPDATE tessera_jobs SET next_fire = $1 WHERE job_id "
                                           "= $2 AND next_fire = $3",
                                           {nextMs, id, due});
            if (won == 1) {
                insertRun(db_, tx, id, nlohmann::json::object(), job.definition.maxAttempts, nowMs);
            }
        });
    }
}

std::optional<JobScheduler::Claim> JobScheduler::claim() {
    std::vector<std::string> ids = registeredIds();
    if (ids.empty()) {
        return std::nullopt;
    }
    bool postgres = db_.backend() == Backend::Postgres;
    while (true) {
        std::int64_t nowMs = epochMillis(now());
        std::vector<SqlValue> params = {nowMs};
        std::string in;
        for (const auto& id : ids) {
            params.emplace_back(id);
            in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
        }
        std::string due = "job_id IN (" + in +
                          ") AND ((state = 'queued' AND run_after <= $1) OR (state = 'running' "
                          "AND lease_until < $1))";
        bool retry = false;
        Poco::Data::Session s = db_.session();
        // A plain read first, so idle workers do not take SQLite's write lock every poll.
        if (Sql::query(db_, s, "SELECT id FROM tessera_job_runs WHERE " + due + " LIMIT 1", params)
                .empty()) {
            return std::nullopt;
        }
        auto claimed = db_.withTransaction(s, [&](Poco::Data::Session& tx) -> std::optional<Claim> {
            SqlRows rows = Sql::query(
                db_, tx,
                "SELECT id, job_id, attempts, max_attempts, args FROM tessera_job_runs WHERE " +
                    due + " ORDER BY id LIMIT 1" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""),
                params);
            if (rows.empty()) {
                return std::nullopt;
            }
            const auto& row = rows.rows.front();
            Claim c;
            c.id = asInt(row[0]);
            c.jobId = asString(row[1]);
            c.attempts = static_cast<int>(asInt(row[2])) + 1;
            c.maxAttempts = static_cast<int>(asInt(row[3]));
            c.arguments = nlohmann::json::parse(asString(row[4]), nullptr, false);
            {
                std::lock_guard lock(mutex_);
                auto it = jobs_.find(c.jobId);
                if (it == jobs_.end()) {
                    return std::nullopt;
                }
                c.lease = std::chrono::duration_cast<std::chrono::milliseconds>(
                    it->second.definition.lease);
                c.handler = it->second.definition.handler;
            }
            if (c.attempts > c.maxAttempts) {
                // Its last attempt died holding the lease: nothing is left to try.
                Sql::execute(db_, tx,
                             "UPDATE tessera_job_runs SET state = 'failed', finished_at = $1, "
                             "lease_owner = NULL, lease_until = NULL, error = $2 WHERE id = $3",
                             {nowMs,
                              "attempt " + std::to_string(c.attempts - 1) + " of " +
                                  std::to_string(c.maxAttempts) +
                                  " stopped renewing its lease (its process ended?)",
                              c.id});
                retry = true;
                return std::nullopt;
            }
            c.token = options_.node + "#" + std::to_string(++claims_);
            std::size_t changed = Sql::execute(
                db_, tx,
                "UPDATE tessera_job_runs SET state = 'running', attempts = $1, lease_owner = $2, "
                "lease_until = $3, started_at = COALESCE(started_at, $4), stop_requested = 0 "
                "WHERE id = $5 AND attempts = $6",
                {static_cast<std::int64_t>(c.attempts), c.token, nowMs + c.lease.count(), nowMs,
                 c.id, static_cast<std::int64_t>(c.attempts - 1)});
            if (changed != 1) {
                retry = true;
                return std::nullopt;
            }
            return c;
        });
        if (claimed || !retry) {
            return claimed;
        }
    }
}

void JobScheduler::execute(Claim& claim) {
    RunContext context(db_, records_, clock_, claim);
    std::string error;
    bool ok = false;
    try {
        claim.handler(context);
        ok = true;
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = "the job threw an exception that is not a std::exception";
    }
    if (error.empty() && !ok) {
        error = "the job failed";
    }
    std::int64_t nowMs = epochMillis(now());
    Poco::Data::Session s = db_.session();
    std::size_t changed = 0;
    if (ok) {
        changed = Sql::execute(
            db_, s,
            "UPDATE tessera_job_runs SET state = CASE WHEN stop_requested = 1 THEN 'stopped' "
            "ELSE 'done' END, finished_at = $1, lease_owner = NULL, lease_until = NULL, error = "
            "NULL WHERE id = $2 AND lease_owner = $3",
            {nowMs, claim.id, claim.token});
    } else if (claim.attempts >= claim.maxAttempts) {
        spdlog::error("job {} run {} failed after {} attempts: {}", claim.jobId, claim.id,
                      claim.attempts, error);
        changed = Sql::execute(db_, s,
                               "UPDATE tessera_job_runs SET state = 'failed', finished_at = $1, "
                               "lease_owner = NULL, lease_until = NULL, error = $2 WHERE id = $3 "
                               "AND lease_owner = $4",
                               {nowMs, error, claim.id, claim.token});
    } else {
        auto delay = backoffDelay(claim.attempts, options_.backoff, options_.maxBackoff);
        spdlog::warn("job {} run {} attempt {} of {} failed, retrying in {} ms: {}", claim.jobId,
                     claim.id, claim.attempts, claim.maxAttempts, delay.count(), error);
        changed = Sql::execute(
            db_, s,
            "UPDATE tessera_job_runs SET state = CASE WHEN stop_requested = 1 "
            "THEN 'stopped' ELSE 'queued' END, finished_at = CASE WHEN "
            "stop_requested = 1 THEN CAST($5 AS BIGINT) ELSE NULL END, run_after = $1, "
            "lease_owner = NULL, lease_until = NULL, error = $2 WHERE id = $3 "
            "AND lease_owner = $4",
            {nowMs + delay.count(), error, claim.id, claim.token, nowMs});
    }
    if (changed == 0) {
        spdlog::warn(
            "job {} run {} finished after its lease was taken over; its outcome is "
            "left to the node that holds it now",
            claim.jobId, claim.id);
    }
}

std::vector<std::int64_t> JobScheduler::runDueOnce() {
    fireDue();
    std::vector<std::int64_t> ran;
    while (auto c = claim()) {
        ran.push_back(c->id);
        execute(*c);
    }
    return ran;
}

void JobScheduler::wake() {
    {
        std::lock_guard lock(threadMutex_);
        ++wakeCount_;
    }
    wakeUp_.notify_all();
}

void JobScheduler::start() {
    std::lock_guard lock(threadMutex_);
    if (!threads_.empty()) {
        return;
    }
    stopping_ = false;
    threads_.emplace_back([this] { schedulerLoop(); });
    for (int i = 0; i < options_.workers; ++i) {
        threads_.emplace_back([this] { workerLoop(); });
    }
    spdlog::info("jobs: scheduler and {} workers started as {}", options_.workers, options_.node);
}

void JobScheduler::stop() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(threadMutex_);
        stopping_ = true;
        threads.swap(threads_);
    }
    wakeUp_.notify_all();
    for (auto& thread : threads) {
        thread.join();
    }
}

void JobScheduler::schedulerLoop() {
    std::unique_lock lock(threadMutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            fireDue();
        } catch (const std::exception& e) {
            spdlog::error("jobs: looking for due jobs failed: {}", e.what());
        }
        lock.lock();
        ++wakeCount_;
        wakeUp_.notify_all();
        wakeUp_.wait_for(lock, options_.poll, [&] { return stopping_; });
    }
}

void JobScheduler::workerLoop() {
    std::unique_lock lock(threadMutex_);
    while (!stopping_) {
        std::uint64_t seen = wakeCount_;
        lock.unlock();
        try {
            while (true) {
                {
                    std::lock_guard check(threadMutex_);
                    if (stopping_) {
                        break;
                    }
                }
                auto c = claim();
                if (!c) {
                    break;
                }
                execute(*c);
            }
        } catch (const std::exception& e) {
            spdlog::error("jobs: a worker failed to claim or finish a run: {}", e.what());
        }
        lock.lock();
        wakeUp_.wait_for(lock, options_.poll * 2, [&] { return stopping_ || wakeCount_ != seen; });
    }
}

}  // namespace tessera::kernel
