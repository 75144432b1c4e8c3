#include "ActivitiesFixture.hpp"

#include <cstdlib>
#include <filesystem>

using namespace activities::test;

namespace {

class BrowserFlowTest : public ActivitiesFixture {
protected:
    /// Runs a flow of tests/browser as rep in headless Chromium; true when it passed.
    bool runFlow(const std::string& script) {
        if (std::system(
                "command -v chromium > /dev/null 2>&1 && command -v node > /dev/null 2>&1") != 0) {
            ADD_FAILURE() << "chromium and node are needed: run tools/setup --test";
            return false;
        }
        std::string url = "http://127.0.0.1:" + std::to_string(kernel_->port());
        std::string command = std::string("timeout 300 ") + SOURCE_DIR +
                              "/tests/integration/browser/run.sh " + BUILD_DIR + " " + url +
                              " rep '" + TestKernel::kPassword + "' " + SOURCE_DIR +
                              "/plugins/activities/tests/browser/" + script;
        return std::system(command.c_str()) == 0;
    }
};

}  // namespace

TEST_P(BrowserFlowTest, LogACallSetAFollowUpSeeItOnTheCalendarAndCompleteIt) {
    create(rep_, "Contact", {{"first_name", "Anna"}, {"last_name", "Schmidt"}});
    ASSERT_TRUE(runFlow("flow.cjs"));
    auto tasks = records().query(rep_, {.entity = "Task"}).rows;
    ASSERT_EQ(tasks.size(), 2u);
    for (const auto& task : tasks) {
        EXPECT_EQ(task["status"], "done");
        EXPECT_EQ(task["record_entity"], "Contact");
    }
    EXPECT_EQ(count("Interaction"), 2);
    for (const char* shot : {"activities-desktop-calendar.png", "activities-phone-done.png"}) {
        EXPECT_TRUE(
            std::filesystem::exists(std::filesystem::path(BUILD_DIR) / "screenshots" / shot))
            << shot;
    }
}

TEST_P(BrowserFlowTest, ChooseAZoneShareThePlanAWeeklyMeetingAndMoveOneOccurrence) {
    ASSERT_TRUE(runFlow("calendar.cjs"));
    auto preference = records().query(admin_, {.entity = "CalendarPreference"}).rows;
    ASSERT_EQ(preference.size(), 1u);
    EXPECT_EQ(preference[0]["time_zone"], "America/New_York");
    EXPECT_EQ(preference[0]["shared_user_ids"].size(), 1u);
    // Per viewport a series at 9:00 New York time and its moved occurrence.
    auto meetings = records().query(rep_, {.entity = "Meeting", .sort = {{"id", false}}}).rows;
    ASSERT_EQ(meetings.size(), 4u);
    EXPECT_EQ(meetings[0]["starts_at"], "2026-03-02T14:00:00Z");
    EXPECT_EQ(meetings[0]["overridden"], nlohmann::json({"2026-03-09T13:00:00Z"}));
    EXPECT_EQ(meetings[1]["starts_at"], "2026-03-10T15:00:00Z");
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(BUILD_DIR) / "screenshots" /
                                        "calendar-phone-week.png"));
}

INSTANTIATE_TEST_SUITE_P(Backends, BrowserFlowTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
