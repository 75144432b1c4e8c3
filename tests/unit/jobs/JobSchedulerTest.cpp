#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <tessera/kernel/jobs/JobScheduler.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

#include "IsolatedDatabase.hpp"
#include "JobTestSupport.hpp"

using tessera::kernel::Backend;
using tessera::kernel::JobScheduler;
using namespace tessera;
using namespace std::chrono_literals;

namespace {

class JobSchedulerTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override { database_ = std::make_unique<test::IsolatedDatabase>(GetParam()); }

    /// A scheduler as another kernel would have: its own connection pool on the same database.
    std::unique_ptr<JobScheduler> scheduler(const std::string& node, test::ManualClock& clock) {
        pools_.push_back(
            std::make_unique<kernel::Database>(kernel::DatabaseUrl::parse(database_->url())));
        JobScheduler::Options options;
        options.node = node;
        options.clock = clock.clock();
        options.backoff = 30s;
        auto made = std::make_unique<JobScheduler>(*pools_.back(), nullptr, nullptr, options);
        made->ensureTables();
        return made;
    }

    std::int64_t attemptsOf(std::int64_t runId) {
        Poco::Data::Session s = database_->db().session();
        return kernel::asInt(kernel::Sql::scalar(
            database_->db(), s, "SELECT attempts FROM tessera_job_runs WHERE id = $1", {runId}));
    }

    template <class Fn>
    sdk::Error errorOf(Fn&& fn) {
        try {
            fn();
        } catch (const sdk::PluginError& e) {
            return e.error();
        }
        ADD_FAILURE() << "no PluginError was thrown";
        return {};
    }

    void TearDown() override {
        pools_.clear();
        database_.reset();
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
    std::vector<std::unique_ptr<kernel::Database>> pools_;
    test::ManualClock clock_;
};

sdk::JobDefinition job(const std::string& id, const std::string& cron, sdk::JobHandler handler,
                       int maxAttempts = 3, std::chrono::seconds lease = 60s) {
    return sdk::JobDefinition{id, "", cron, lease, maxAttempts, std::move(handler)};
}

}  // namespace

TEST_P(JobSchedulerTest, AScheduledJobFiresOnceAcrossTwoKernels) {
    auto a = scheduler("node-a", clock_);
    auto b = scheduler("node-b", clock_);
    std::atomic<int> runs{0};
    a->add("test", job("test.tick", "* * * * *", [&](sdk::JobRun&) { ++runs; }));
    b->add("test", job("test.tick", "* * * * *", [&](sdk::JobRun&) { ++runs; }));
    EXPECT_TRUE(a->runDueOnce().empty());  // learns the next fire time, 09:01
    EXPECT_TRUE(b->runDueOnce().empty());
    for (int minute = 1; minute <= 4; ++minute) {
        clock_.advance(60s);
        std::vector<std::int64_t> ranA;
        std::vector<std::int64_t> ranB;
        std::thread first([&] { ranA = a->runDueOnce(); });
        std::thread second([&] { ranB = b->runDueOnce(); });
        first.join();
        second.join();
        EXPECT_EQ(ranA.size() + ranB.size(), 1u) << "minute " << minute;
    }
    EXPECT_EQ(runs.load(), 4);
    // Nothing more until the next minute.
    EXPECT_TRUE(a->runDueOnce().empty());
    EXPECT_TRUE(b->runDueOnce().empty());
}

TEST_P(JobSchedulerTest, QueuedRunsRunOnceAcrossTwoKernels) {
    auto a = scheduler("node-a", clock_);
    auto b = scheduler("node-b", clock_);
    std::mutex mutex;
    std::multiset<std::int64_t> seen;
    auto handler = [&](sdk::JobRun& run) {
        std::lock_guard lock(mutex);
        seen.insert(run.runId());
    };
    a->add("test", job("test.work", "", handler));
    b->add("test", job("test.work", "", handler));
    std::set<std::int64_t> queued;
    for (int i = 0; i < 20; ++i) {
        queued.insert(a->enqueue("test.work", {{"n", i}}));
    }
    std::vector<std::int64_t> ranA;
    std::vector<std::int64_t> ranB;
    std::thread first([&] { ranA = a->runDueOnce(); });
    std::thread second([&] { ranB = b->runDueOnce(); });
    first.join();
    second.join();
    EXPECT_EQ(ranA.size() + ranB.size(), 20u);
    EXPECT_EQ(seen.size(), 20u);
    EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()), queued);
    for (auto id : queued) {
        EXPECT_EQ(a->status(id).state, "done");
        EXPECT_EQ(attemptsOf(id), 1);
    }
}

TEST_P(JobSchedulerTest, ARunWhoseLeaseExpiredIsTakenOverAndTheStaleFinishIsIgnored) {
    test::ManualClock clockB;
    auto a = scheduler("node-a", clock_);
    auto b = scheduler("node-b", clockB);
    std::vector<std::int64_t> ranByB;
    int runsA = 0;
    int runsB = 0;
    // A stalls in its run and never renews its 1 s lease; B, later than the lease, takes over.
    a->add("test", job(
                       "test.work", "",
                       [&](sdk::JobRun&) {
                           ++runsA;
                           clockB.set(clock_.now() + 500ms);
                           EXPECT_TRUE(b->runDueOnce().empty()) << "the lease still holds";
                           clockB.set(clock_.now() + 1500ms);
                           ranByB = b->runDueOnce();
                       },
                       3, 1s));
    b->add("test", job(
                       "test.work", "", [&](sdk::JobRun&) { ++runsB; }, 3, 1s));
    std::int64_t id = a->enqueue("test.work", {});
    EXPECT_EQ(a->runDueOnce(), std::vector<std::int64_t>{id});
    EXPECT_EQ(ranByB, std::vector<std::int64_t>{id});
    EXPECT_EQ(runsA, 1);
    EXPECT_EQ(runsB, 1);
    EXPECT_EQ(a->status(id).state, "done");
    EXPECT_EQ(attemptsOf(id), 2);
}

TEST_P(JobSchedulerTest, ARunOfAKilledProcessIsRunAgainAfterItsLease) {
    auto survivor = scheduler("survivor", clock_);
    int runs = 0;
    survivor->add("test", job(
                              "test.slow", "", [&](sdk::JobRun&) { ++runs; }, 3, 60s));
    std::int64_t id = survivor->enqueue("test.slow", {{"size", 10}});

    Poco::Pipe output;
    Poco::ProcessHandle helper =
        Poco::Process::launch(TESSERA_JOB_HELPER, {database_->url()}, nullptr, &output, nullptr);
    Poco::PipeInputStream fromHelper(output);
    std::string line;
    std::getline(fromHelper, line);
    ASSERT_EQ(line, "claimed " + std::to_string(id));
    sdk::JobRunStatus held = survivor->status(id);
    EXPECT_EQ(held.state, "running");
    EXPECT_EQ(held.done, 1);
    EXPECT_EQ(held.total, 10);

    Poco::Process::kill(helper);  // SIGKILL: no chance to finish or release anything
    helper.wait();

    // Within its 60 s lease the dead process still owns the run...
    clock_.set(std::chrono::system_clock::now());
    EXPECT_TRUE(survivor->runDueOnce().empty());
    EXPECT_EQ(survivor->status(id).state, "running");
    // ...after it, the run is taken and finished here.
    clock_.set(std::chrono::system_clock::now() + 61s);
    EXPECT_EQ(survivor->runDueOnce(), std::vector<std::int64_t>{id});
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(survivor->status(id).state, "done");
    EXPECT_EQ(attemptsOf(id), 2);
}

TEST_P(JobSchedulerTest, ProgressIsVisibleThroughStatus) {
    auto jobs = scheduler("node", clock_);
    sdk::JobRunStatus during;
    nlohmann::json arguments;
    jobs->add("test", job("test.import", "", [&](sdk::JobRun& run) {
                  arguments = run.arguments();
                  run.progress(1200, 5000);
                  during = jobs->status(run.runId());
              }));
    std::int64_t id = jobs->enqueue("test.import", {{"file", "a.csv"}});
    sdk::JobRunStatus queued = jobs->status(id);
    EXPECT_EQ(queued.state, "queued");
    EXPECT_EQ(queued.jobId, "test.import");
    EXPECT_TRUE(queued.startedAt.empty());
    jobs->runDueOnce();
    EXPECT_EQ(arguments, (nlohmann::json{{"file", "a.csv"}}));
    EXPECT_EQ(during.state, "running");
    EXPECT_EQ(during.done, 1200);
    EXPECT_EQ(during.total, 5000);
    EXPECT_EQ(during.startedAt, "2026-03-01T09:00:30Z");
    sdk::JobRunStatus after = jobs->status(id);
    EXPECT_EQ(after.state, "done");
    EXPECT_EQ(after.done, 1200);
    EXPECT_EQ(after.finishedAt, "2026-03-01T09:00:30Z");
    EXPECT_EQ(errorOf([&] { jobs->status(id + 100); }).code, "not_found");
}

TEST_P(JobSchedulerTest, AFailingRunIsRetriedWithBackoffThenFailedWithItsError) {
    auto jobs = scheduler("node", clock_);
    int calls = 0;
    jobs->add("test", job("test.send", "", [&](sdk::JobRun&) {
                  ++calls;
                  throw std::runtime_error("mailbox full (attempt " + std::to_string(calls) + ")");
              }));
    std::int64_t id = jobs->enqueue("test.send", {});
    EXPECT_EQ(jobs->runDueOnce().size(), 1u);
    EXPECT_EQ(jobs->status(id).state, "queued");
    EXPECT_EQ(jobs->status(id).error, "mailbox full (attempt 1)");
    EXPECT_TRUE(jobs->runDueOnce().empty());  // first retry after 30 s
    clock_.advance(29s);
    EXPECT_TRUE(jobs->runDueOnce().empty());
    clock_.advance(1s);
    EXPECT_EQ(jobs->runDueOnce().size(), 1u);
    EXPECT_EQ(calls, 2);
    clock_.advance(59s);  // second retry after 60 s
    EXPECT_TRUE(jobs->runDueOnce().empty());
    clock_.advance(1s);
    EXPECT_EQ(jobs->runDueOnce().size(), 1u);
    sdk::JobRunStatus failed = jobs->status(id);
    EXPECT_EQ(failed.state, "failed");
    EXPECT_EQ(failed.error, "mailbox full (attempt 3)");
    EXPECT_FALSE(failed.finishedAt.empty());
    clock_.advance(24h);
    EXPECT_TRUE(jobs->runDueOnce().empty());
    EXPECT_EQ(calls, 3);
}

TEST_P(JobSchedulerTest, BadDefinitionsAreRefusedNamingTheField) {
    auto jobs = scheduler("node", clock_);
    auto noop = [](sdk::JobRun&) {};
    auto wrongPrefix = errorOf([&] { jobs->add("test", job("other.work", "", noop)); });
    EXPECT_EQ(wrongPrefix.code, "validation");
    EXPECT_TRUE(wrongPrefix.fields.contains("id"));
    EXPECT_NE(wrongPrefix.message.find("test.<name>"), std::string::npos);
    auto badCron = errorOf([&] { jobs->add("test", job("test.work", "61 * * * *", noop)); });
    EXPECT_NE(badCron.fields["cron"].find("minute field '61' is out of range"), std::string::npos);
    auto noHandler = errorOf([&] { jobs->add("test", job("test.work", "", nullptr)); });
    EXPECT_TRUE(noHandler.fields.contains("handler"));
    auto attempts = errorOf([&] { jobs->add("test", job("test.work", "", noop, 0)); });
    EXPECT_TRUE(attempts.fields.contains("maxAttempts"));
    jobs->add("test", job("test.work", "", noop));
    auto duplicate = errorOf([&] { jobs->add("test", job("test.work", "", noop)); });
    EXPECT_NE(duplicate.message.find("already registered by 'test'"), std::string::npos);
    // Kernel-internal jobs register as plugin "kernel".
    jobs->add("kernel", job("kernel.mail", "* * * * *", noop));
    EXPECT_TRUE(jobs->hasJob("kernel.mail"));
    EXPECT_TRUE(
        errorOf([&] { jobs->add("kernel", job("mail.send", "", noop)); }).fields.contains("id"));
    EXPECT_EQ(errorOf([&] { jobs->enqueue("test.nothing", {}); }).code, "not_found");
    jobs->removeOwnedBy("test");
    EXPECT_FALSE(jobs->hasJob("test.work"));
    EXPECT_TRUE(jobs->hasJob("kernel.mail"));
}

TEST_P(JobSchedulerTest, ARunAskedToStopEndsStoppedAndIsNotRetried) {
    auto jobs = scheduler("node", clock_);
    int calls = 0;
    jobs->add("test", job("test.long", "", [&](sdk::JobRun& run) {
                  ++calls;
                  EXPECT_FALSE(run.stopRequested());
                  jobs->requestStop(run.runId());
                  EXPECT_TRUE(run.stopRequested());
                  throw std::runtime_error("interrupted");
              }));
    std::int64_t running = jobs->enqueue("test.long", {});
    std::int64_t queued = jobs->enqueue("test.long", {});
    jobs->requestStop(queued);
    EXPECT_EQ(jobs->runDueOnce(), std::vector<std::int64_t>{running});
    clock_.advance(1h);
    EXPECT_TRUE(jobs->runDueOnce().empty());
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(jobs->status(running).state, "stopped");
    EXPECT_EQ(jobs->status(queued).state, "stopped");
}

TEST_P(JobSchedulerTest, PurgeDropsFinishedRunsOnly) {
    auto jobs = scheduler("node", clock_);
    jobs->add("test", job("test.work", "", [](sdk::JobRun&) {}));
    std::int64_t finished = jobs->enqueue("test.work", {});
    jobs->runDueOnce();
    clock_.advance(1s);
    std::int64_t queued = jobs->enqueue("test.work", {});
    EXPECT_EQ(jobs->purge(clock_.now() - 1s), 0) << "finished at that very time: kept";
    EXPECT_EQ(jobs->purge(clock_.now()), 1);
    EXPECT_EQ(errorOf([&] { jobs->status(finished); }).code, "not_found");
    EXPECT_EQ(jobs->status(queued).state, "queued");
}

TEST_P(JobSchedulerTest, WorkerThreadsRunQueuedRunsUntilStopped) {
    auto jobs = scheduler("node", clock_);
    std::mutex mutex;
    std::condition_variable finished;
    int runs = 0;
    jobs->add("test", job("test.work", "", [&](sdk::JobRun&) {
                  std::lock_guard lock(mutex);
                  ++runs;
                  finished.notify_all();
              }));
    jobs->start();
    for (int i = 0; i < 5; ++i) {
        jobs->enqueue("test.work", {});
    }
    {
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return runs == 5; });
    }
    jobs->stop();
    EXPECT_EQ(runs, 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobSchedulerTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return test::backendLabel(info.param); });
