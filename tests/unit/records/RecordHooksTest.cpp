#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class RecordHooksTest : public test::RecordTest {};

}  // namespace

TEST_P(RecordHooksTest, BeforeHooksRunInOrderAndMayChangeOrRefuse) {
    std::vector<std::string> calls;
    hooks_.add("test", "Project", sdk::HookPoint::BeforeCreate, 20, [&](sdk::HookEvent& e) {
        calls.push_back("second");
        e.record["notes"] = "seen by " + e.record.value("notes", std::string("nobody"));
    });
    hooks_.add("test", "Project", sdk::HookPoint::BeforeCreate, 10, [&](sdk::HookEvent& e) {
        calls.push_back("first");
        e.record["notes"] = "first";
        if (e.record.value("title", "") == "forbidden") {
            throw sdk::PluginError(sdk::Error{"validation", "no", {{"title", "is not allowed"}}});
        }
    });
    auto p = createAs("rep1", "Project", {{"title", "ok"}});
    EXPECT_EQ(calls, (std::vector<std::string>{"first", "second"}));
    EXPECT_EQ(p["notes"], "seen by first");
    auto error = errorOf([&] { createAs("rep1", "Project", {{"title", "forbidden"}}); });
    EXPECT_EQ(error.fields["title"], "is not allowed");
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project"}), 1);
}

TEST_P(RecordHooksTest, AfterHookWritesJoinTheTransaction) {
    hooks_.add("test", "Client", sdk::HookPoint::AfterCreate, 0, [&](sdk::HookEvent& e) {
        records_->create(e.caller, "Project",
                         {{"title", "Onboarding " + e.record["name"].get<std::string>()},
                          {"client_id", e.id}});
        if (e.record["name"] == "Breaks") {
            throw std::runtime_error("follow-up failed");
        }
    });
    createAs("rep1", "Client", {{"name", "Works"}});
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project"}), 1);
    EXPECT_THROW(createAs("rep1", "Client", {{"name", "Breaks"}}), std::runtime_error);
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Client"}), 1) << "the client was rolled back";
    EXPECT_EQ(records_->count(as("admin"), {.entity = "Project"}), 1) << "so was the hook's project";
}

TEST_P(RecordHooksTest, EventsArePublishedAfterCommitOnly) {
    std::vector<std::string> seen;
    events_.subscribe("test", "record.*", [&](const sdk::Event& e) {
        seen.push_back(e.type + " " + e.payload["entity"].get<std::string>());
        // The event's record is committed: another session can read it.
        if (e.type == "record.created") {
            EXPECT_NO_THROW(records_->get(as("admin"), e.payload["entity"], e.payload["id"]));
        }
    });
    hooks_.add("test", "Client", sdk::HookPoint::AfterCreate, 0, [&](sdk::HookEvent& e) {
        records_->create(e.caller, "Project", {{"title", "From hook"}});
        if (e.record["name"] == "Breaks") {
            throw std::runtime_error("no");
        }
    });
    auto c = createAs("rep1", "Client", {{"name", "Fine"}});
    EXPECT_EQ(seen, (std::vector<std::string>{"record.created Project", "record.created Client"}));
    seen.clear();
    EXPECT_THROW(createAs("rep1", "Client", {{"name", "Breaks"}}), std::runtime_error);
    EXPECT_TRUE(seen.empty()) << "nothing is published for a rolled-back transaction";
    records_->update(as("rep1"), "Client", c["id"], 1, {{"name", "Finer"}});
    records_->remove(as("rep1"), "Client", c["id"]);
    EXPECT_EQ(seen, (std::vector<std::string>{"record.updated Client", "record.deleted Client"}));
}

TEST_P(RecordHooksTest, UpdateHookSeesPreviousValues) {
    std::string transition;
    hooks_.add("test", "Project", sdk::HookPoint::BeforeUpdate, 0, [&](sdk::HookEvent& e) {
        transition = e.previous.value("stage", std::string("-")) + " -> " + e.record["stage"].get<std::string>();
    });
    auto p = createAs("rep1", "Project", {{"title", "t"}, {"stage", "new"}});
    records_->update(as("rep1"), "Project", p["id"], 1, {{"stage", "done"}});
    EXPECT_EQ(transition, "new -> done");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordHooksTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
