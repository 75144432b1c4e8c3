#include "ActivitiesFixture.hpp"

#include "IsoTime.hpp"

using namespace activities::test;

namespace {

class TaskPagesTest : public ActivitiesFixture {
protected:
    Record task(const Caller& caller, const std::string& title, const std::string& due,
                std::int64_t owner) {
        return create(caller, "Task", {{"title", title}, {"due_at", due}, {"owner_id", owner}});
    }
};

}  // namespace

TEST_P(TaskPagesTest, MyTasksOverdueAndTheHomeWidgetShowOnlyMyOpenTasks) {
    using namespace std::chrono;
    std::string yesterday = activities::formatUtc(activities::nowUtc() - hours(24));
    std::string tomorrow = activities::formatUtc(activities::nowUtc() + hours(24));
    Record late = task(rep_, "Late quote", yesterday, rep_.userId);
    task(rep_, "Prepare demo", tomorrow, rep_.userId);
    Record finished = task(rep_, "Finished thing", yesterday, rep_.userId);
    records().update(rep_, "Task", finished["id"], finished["version"], {{"status", "done"}});
    task(other_, "Someone else's", yesterday, other_.userId);
    auto rep = kernel_->signIn("rep");
    auto mine = rep.get("/p/activities/tasks");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_TRUE(contains(mine.body, "Late quote"));
    EXPECT_TRUE(contains(mine.body, "Prepare demo"));
    EXPECT_FALSE(contains(mine.body, "Finished thing"));
    EXPECT_FALSE(contains(mine.body, "Someone else&#39;s"));
    EXPECT_TRUE(contains(mine.body, "My overdue tasks (1)"));
    auto overdue = rep.get("/p/activities/tasks?list=overdue");
    EXPECT_TRUE(contains(overdue.body, "Late quote"));
    EXPECT_FALSE(contains(overdue.body, "Prepare demo"));
    EXPECT_TRUE(contains(overdue.body, "class=\"overdue\""));
    EXPECT_EQ(rep.get("/p/activities/tasks?list=everything").status, 422);
    auto home = rep.get("/");
    EXPECT_TRUE(contains(home.body, "1 overdue")) << home.body;
    EXPECT_TRUE(contains(home.body, "/r/tasks/" + late["id"].dump()));
    EXPECT_FALSE(contains(home.body, "Finished thing"));
}

TEST_P(TaskPagesTest, TasksAreAddedFromTheListWithAssigneeReminderAndRecurrence) {
    auto rep = kernel_->signIn("rep");
    auto made = rep.postForm("/p/activities/tasks", {{"title", "Monthly check-in"},
                                                     {"due_at", "2026-01-31T10:00"},
                                                     {"priority", "high"},
                                                     {"owner_id", std::to_string(rep_.userId)},
                                                     {"reminder", "1440"},
                                                     {"rrule", "FREQ=MONTHLY"},
                                                     {"back", "/p/activities/tasks"}});
    ASSERT_EQ(made.status, 303) << made.body;
    Record task = records().query(rep_, {.entity = "Task"}).rows.at(0);
    EXPECT_EQ(task["due_at"], "2026-01-31T09:00:00Z");
    EXPECT_EQ(task["rrule"], "FREQ=MONTHLY");
    EXPECT_EQ(task["reminder_offsets"], nlohmann::json({1440}));
    EXPECT_EQ(task["priority"], "high");
    EXPECT_EQ(rep.postForm("/p/activities/tasks", {{"title", ""}}).status, 422);
    EXPECT_EQ(
        rep.postForm("/p/activities/tasks", {{"title", "x"}, {"due_at", "31/01/2026"}}).status,
        422);
    EXPECT_EQ(rep.postForm("/p/activities/tasks", {{"title", "x"}, {"reminder", "soon"}}).status,
              422);
    EXPECT_EQ(
        rep.postForm("/p/activities/tasks",
                     {{"title", "x"}, {"rrule", "FREQ=HOURLY"}, {"due_at", "2026-01-31T10:00"}})
            .status,
        422);
    EXPECT_EQ(count("Task"), 1);
}

TEST_P(TaskPagesTest, TeamTasksAreReassignedInBulkWithinTheCallersRights) {
    Record a = task(rep_, "First", "2026-03-02T10:00:00Z", rep_.userId);
    Record b = task(rep_, "Second", "2026-03-03T10:00:00Z", rep_.userId);
    Record theirs = task(other_, "Theirs", "2026-03-03T10:00:00Z", other_.userId);
    auto admin = kernel_->signIn("admin");
    auto team = admin.get("/p/activities/tasks?list=team");
    ASSERT_EQ(team.status, 200);
    EXPECT_TRUE(contains(team.body, "Reassign the selected tasks to"));
    EXPECT_TRUE(contains(team.body, "Theirs"));
    auto moved = admin.postForm("/p/activities/tasks/reassign",
                                {{"ids", a["id"].dump()},
                                 {"ids", b["id"].dump()},
                                 {"owner_id", std::to_string(other_.userId)}});
    ASSERT_EQ(moved.status, 303) << moved.body;
    EXPECT_EQ(records().get(admin_, "Task", a["id"])["owner_id"], other_.userId);
    EXPECT_EQ(records().get(admin_, "Task", b["id"])["owner_id"], other_.userId);
    // A rep cannot take someone else's task, and bad input changes nothing.
    auto rep = kernel_->signIn("rep");
    EXPECT_EQ(
        rep.postForm("/p/activities/tasks/reassign",
                     {{"ids", theirs["id"].dump()}, {"owner_id", std::to_string(rep_.userId)}})
            .status,
        404);
    EXPECT_EQ(
        admin.postForm("/p/activities/tasks/reassign", {{"owner_id", std::to_string(rep_.userId)}})
            .status,
        422);
    EXPECT_EQ(admin
                  .postForm("/p/activities/tasks/reassign",
                            {{"ids", a["id"].dump()}, {"owner_id", "424242"}})
                  .status,
              422);
    EXPECT_EQ(records().get(admin_, "Task", theirs["id"])["owner_id"], other_.userId);
    EXPECT_EQ(records().get(admin_, "Task", a["id"])["owner_id"], other_.userId);
}

INSTANTIATE_TEST_SUITE_P(Backends, TaskPagesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
