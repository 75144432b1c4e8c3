#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include <tessera/kernel/jobs/JobScheduler.hpp>
#include <tessera/kernel/outbox/Outbox.hpp>
#include <tessera/kernel/storage/Sql.hpp>

#include "JobTestSupport.hpp"
#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using tessera::kernel::Outbox;
using namespace tessera;
using namespace std::chrono_literals;

namespace {

/// The record API of RecordTest with the kernel's outbox recording its events, as Kernel wires
/// it; the outbox's clock is the test's.
class OutboxTest : public test::RecordTest {
protected:
    void SetUp() override {
        RecordTest::SetUp();
        outbox_ = makeOutbox("node-a");
        events_.setRecorder({[this](Poco::Data::Session* session, const sdk::Event& event) {
                                 outbox_->write(session, event);
                             },
                             [this] { outbox_->wake(); }});
    }
    void TearDown() override {
        events_.setRecorder({});
        outboxes_.clear();
        outbox_.reset();
        RecordTest::TearDown();
    }

    std::unique_ptr<Outbox> makeOutbox(const std::string& node) {
        Outbox::Options options;
        options.node = node;
        options.clock = clock_.clock();
        options.backoff = 10s;
        auto made = std::make_unique<Outbox>(database_->db(), options);
        made->ensureTables();
        return made;
    }

    std::int64_t count(const std::string& sql) {
        Poco::Data::Session s = database_->db().session();
        return kernel::asInt(kernel::Sql::scalar(database_->db(), s, sql));
    }

    sdk::OutboxConsumer consumer(const std::string& id, std::vector<std::string> types,
                                 sdk::OutboxHandler handler, int maxAttempts = 3) {
        return sdk::OutboxConsumer{id, std::move(types), maxAttempts, std::move(handler)};
    }

    test::ManualClock clock_;
    std::unique_ptr<Outbox> outbox_;
    std::vector<std::unique_ptr<Outbox>> outboxes_;
};

}  // namespace

TEST_P(OutboxTest, ACommittedWriteLeavesExactlyOneOutboxRow) {
    auto client = createAs("rep1", "Client", {{"name", "Acme"}});
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_outbox"), 1);
    Poco::Data::Session s = database_->db().session();
    auto row =
        kernel::Sql::query(database_->db(), s, "SELECT event_type, payload FROM tessera_outbox");
    EXPECT_EQ(kernel::asString(row.rows[0][0]), "record.created");
    auto payload = nlohmann::json::parse(kernel::asString(row.rows[0][1]));
    EXPECT_EQ(payload["entity"], "Client");
    EXPECT_EQ(payload["id"], client["id"]);
    records_->update(as("rep1"), "Client", client["id"].get<std::int64_t>(),
                     client["version"].get<std::int64_t>(), {{"name", "Acme Ltd"}});
    records_->remove(as("rep1"), "Client", client["id"].get<std::int64_t>());
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_outbox"), 3);
}

TEST_P(OutboxTest, AWriteThatRollsBackLeavesNoOutboxRow) {
    // The hook's own write (a Project) and its event join the transaction, then it fails.
    hooks_.add("test", "Client", sdk::HookPoint::AfterCreate, 0, [&](sdk::HookEvent& e) {
        records_->create(e.caller, "Project", {{"title", "Onboarding"}, {"client_id", e.id}});
        events_.publish({"test.welcomed", {{"client", e.id}}});
        throw std::runtime_error("follow-up failed");
    });
    EXPECT_THROW(createAs("rep1", "Client", {{"name", "Breaks"}}), std::runtime_error);
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_outbox"), 0);
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project"}), 0);
}

TEST_P(OutboxTest, EventsPublishedInAHookWaitForTheCommitAndOthersAreWrittenAlone) {
    std::vector<std::string> delivered;
    events_.subscribe("test", "*", [&](const sdk::Event& e) { delivered.push_back(e.type); });
    hooks_.add("test", "Client", sdk::HookPoint::AfterCreate, 0, [&](sdk::HookEvent& e) {
        events_.publish({"test.welcomed", {{"client", e.id}}});
        EXPECT_TRUE(delivered.empty()) << "in-process delivery waits for the commit";
    });
    createAs("rep1", "Client", {{"name", "Acme"}});
    EXPECT_EQ(delivered, (std::vector<std::string>{"test.welcomed", "record.created"}));
    events_.publish({"test.ping", {{"n", 1}}});  // outside any transaction
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_outbox"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_outbox WHERE event_type = 'test.ping'"), 1);
}

TEST_P(OutboxTest, ARunQueuedInAHookIsQueuedWithTheCommit) {
    kernel::JobScheduler::Options options;
    options.clock = clock_.clock();
    kernel::JobScheduler jobs(database_->db(), records_.get(), &events_, options);
    jobs.ensureTables();
    jobs.add("test", {"test.welcome", "", "", 60s, 3, [](sdk::JobRun&) {}});
    hooks_.add("test", "Client", sdk::HookPoint::AfterCreate, 0, [&](sdk::HookEvent& e) {
        std::int64_t run = jobs.enqueue("test.welcome", {{"client", e.id}});
        EXPECT_EQ(jobs.status(run).state, "queued");  // visible inside the transaction
        if (e.record["name"] == "Breaks") {
            throw std::runtime_error("follow-up failed");
        }
    });
    createAs("rep1", "Client", {{"name", "Acme"}});
    EXPECT_THROW(createAs("rep1", "Client", {{"name", "Breaks"}}), std::runtime_error);
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_job_runs"), 1);
}

TEST_P(OutboxTest, AConsumerThatThrowsTwiceSeesTheEventThreeTimesAndEndsDone) {
    std::vector<std::pair<std::int64_t, std::string>> seen;
    outbox_->addConsumer(
        "test", consumer("test.sync", {"record.*"}, [&](std::int64_t id, const sdk::Event& event) {
            seen.emplace_back(id, event.type);
            if (seen.size() < 3) {
                throw std::runtime_error("CRM offline");
            }
        }));
    createAs("rep1", "Client", {{"name", "Acme"}});
    EXPECT_EQ(outbox_->deliverDue(), 1);
    EXPECT_EQ(outbox_->deliverDue(), 0);  // backoff: 10 s
    auto pending = outbox_->deliveries("pending", 10);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].attempts, 1);
    EXPECT_EQ(pending[0].lastError, "CRM offline");
    clock_.advance(10s);
    EXPECT_EQ(outbox_->deliverDue(), 1);
    clock_.advance(19s);
    EXPECT_EQ(outbox_->deliverDue(), 0);  // then 20 s
    clock_.advance(1s);
    EXPECT_EQ(outbox_->deliverDue(), 1);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0], seen[2]);
    EXPECT_EQ(seen[0].second, "record.created");
    EXPECT_TRUE(outbox_->deliveries("pending", 10).empty());
    EXPECT_EQ(outbox_->deliveries("done", 10).size(), 1u);
    clock_.advance(1h);
    EXPECT_EQ(outbox_->deliverDue(), 0);
}

TEST_P(OutboxTest, OnlyMatchingConsumersGetTheEvent) {
    int created = 0;
    int deals = 0;
    outbox_->addConsumer("test", consumer("test.created", {"record.created"},
                                          [&](std::int64_t, const sdk::Event&) { ++created; }));
    outbox_->addConsumer("test", consumer("test.deals", {"deals.*"},
                                          [&](std::int64_t, const sdk::Event&) { ++deals; }));
    auto client = createAs("rep1", "Client", {{"name", "Acme"}});
    records_->remove(as("rep1"), "Client", client["id"].get<std::int64_t>());
    events_.publish({"deals.won", {}});
    EXPECT_EQ(outbox_->deliverDue(), 2);
    EXPECT_EQ(created, 1);
    EXPECT_EQ(deals, 1);
    EXPECT_EQ(outbox_->counts()["undispatched"], 0);
}

TEST_P(OutboxTest, ADeliveryIsDeadAfterMaxAttemptsAndAnAdminRetryDeliversIt) {
    bool healthy = false;
    int calls = 0;
    outbox_->addConsumer("test", consumer(
                                     "test.sync", {"record.*"},
                                     [&](std::int64_t, const sdk::Event&) {
                                         ++calls;
                                         if (!healthy) {
                                             throw std::runtime_error("HTTP 503 from CRM");
                                         }
                                     },
                                     2));
    createAs("rep1", "Client", {{"name", "Acme"}});
    outbox_->deliverDue();
    clock_.advance(10s);
    outbox_->deliverDue();
    auto dead = outbox_->deliveries("dead", 10);
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].attempts, 2);
    EXPECT_EQ(dead[0].lastError, "HTTP 503 from CRM");
    EXPECT_EQ(dead[0].consumer, "test.sync");
    clock_.advance(24h);
    EXPECT_EQ(outbox_->deliverDue(), 0);  // dead stays dead
    EXPECT_EQ(calls, 2);
    healthy = true;
    EXPECT_TRUE(outbox_->retry(dead[0].id));
    EXPECT_FALSE(outbox_->retry(dead[0].id)) << "no longer dead";
    EXPECT_EQ(outbox_->deliverDue(), 1);
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(outbox_->counts()["done"], 1);
    EXPECT_EQ(outbox_->counts()["dead"], 0);
}

TEST_P(OutboxTest, PurgeDropsDeliveredEventsAndKeepsPendingAndDeadOnes) {
    outbox_->addConsumer("test", consumer(
                                     "test.sync", {"record.*", "test.bad"},
                                     [](std::int64_t, const sdk::Event& event) {
                                         if (event.type == "test.bad") {
                                             throw std::runtime_error("refused");
                                         }
                                     },
                                     1));
    createAs("rep1", "Client", {{"name", "Acme"}});
    events_.publish({"test.bad", {}});
    events_.publish({"test.unwanted", {}});
    outbox_->deliverDue();
    EXPECT_EQ(outbox_->purge(clock_.now()), 0) << "nothing is older than now";
    clock_.advance(std::chrono::hours(24 * 8));
    EXPECT_EQ(outbox_->purge(clock_.now() - std::chrono::hours(24 * 7)), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM tessera_outbox"), 1);
    EXPECT_EQ(outbox_->deliveries("dead", 10).size(), 1u) << "dead deliveries wait for an admin";
}

TEST_P(OutboxTest, TwoNodesDeliverEachEventOnce) {
    auto other = makeOutbox("node-b");
    std::atomic<int> calls{0};
    auto handler = [&](std::int64_t, const sdk::Event&) { ++calls; };
    outbox_->addConsumer("test", consumer("test.sync", {"*"}, handler));
    other->addConsumer("test", consumer("test.sync", {"*"}, handler));
    for (int i = 0; i < 15; ++i) {
        events_.publish({"test.ping", {{"n", i}}});
    }
    int a = 0;
    int b = 0;
    std::thread first([&] { a = outbox_->deliverDue(); });
    std::thread second([&] { b = other->deliverDue(); });
    first.join();
    second.join();
    EXPECT_EQ(a + b, 15);
    EXPECT_EQ(calls.load(), 15);
    EXPECT_EQ(outbox_->counts()["done"], 15);
}

TEST_P(OutboxTest, BadConsumersAreRefusedNamingTheField) {
    auto noop = [](std::int64_t, const sdk::Event&) {};
    auto fieldOf = [&](const std::string& plugin, sdk::OutboxConsumer c) {
        auto error = errorOf([&] { outbox_->addConsumer(plugin, std::move(c)); });
        return error.fields.empty() ? std::string{} : error.fields.begin()->first;
    };
    EXPECT_EQ(fieldOf("test", consumer("other.sync", {"*"}, noop)), "id");
    EXPECT_EQ(fieldOf("test", consumer("test.sync", {}, noop)), "eventTypes");
    EXPECT_EQ(fieldOf("test", consumer("test.sync", {"*"}, nullptr)), "handler");
    EXPECT_EQ(fieldOf("test", consumer("test.sync", {"*"}, noop, 0)), "maxAttempts");
    outbox_->addConsumer("test", consumer("test.sync", {"*"}, noop));
    EXPECT_EQ(fieldOf("test", consumer("test.sync", {"*"}, noop)), "id");
    outbox_->removeOwnedBy("test");
    outbox_->addConsumer("test", consumer("test.sync", {"*"}, noop));
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
