#include "ActivitiesFixture.hpp"

using namespace activities::test;

namespace {

/// A third sales rep, "lee", with whom nobody shares anything; rep and other are in no team.
class SharingTest : public ActivitiesFixture {
protected:
    void SetUp() override {
        ActivitiesFixture::SetUp();
        lee_ = Caller::user(kernel_->createUser("lee", "sales_rep"));
        create(other_, "Meeting",
               {{"title", "Salary talk"},
                {"starts_at", "2026-03-12T09:00:00Z"},
                {"ends_at", "2026-03-12T10:00:00Z"},
                {"location", "Room 2"}});
        create(other_, "Task", {{"title", "Prepare offer"}, {"due_at", "2026-03-13T15:00:00Z"}});
    }

    tessera::sdk::testing::HttpAnswer share(const std::string& login,
                                            tessera::sdk::testing::HttpClient::Fields fields) {
        fields.push_back({"time_zone", "Europe/Berlin"});
        return kernel_->signIn(login).postForm("/p/activities/settings", fields);
    }

    std::string calendarOf(const std::string& viewer, const Caller& owner) {
        return kernel_->signIn(viewer)
            .get("/p/activities/calendar?view=month&date=2026-03-12&who=" +
                 std::to_string(owner.userId))
            .body;
    }

    Caller lee_;
};

}  // namespace

TEST_P(SharingTest, ASharedCalendarShowsUnderSharedWithMeUntilItIsUnshared) {
    // Without sharing, a colleague's calendar shows only what the viewer may read: nothing here.
    EXPECT_FALSE(contains(calendarOf("rep", other_), "Salary talk"));
    EXPECT_FALSE(contains(calendarOf("rep", other_), "Prepare offer"));
    ASSERT_EQ(share("other", {{"shared_user", std::to_string(rep_.userId)}}).status, 303);

    auto mine = kernel_->signIn("rep").get("/p/activities/calendar?view=month&date=2026-03-12");
    EXPECT_TRUE(contains(mine.body, "Shared with me:"));
    EXPECT_TRUE(contains(mine.body, "who=" + std::to_string(other_.userId) + "\">other</a>"))
        << mine.body;
    EXPECT_FALSE(contains(mine.body, "Salary talk"));  // not mixed into the viewer's own
    std::string theirs = calendarOf("rep", other_);
    EXPECT_TRUE(contains(theirs, "10:00 Salary talk")) << theirs;
    EXPECT_TRUE(contains(theirs, "16:00 Prepare offer"));
    // The record API still decides what the viewer may open: the entries do not link to
    // records the viewer cannot read.
    EXPECT_TRUE(contains(theirs, "<span class=\"event meeting\" title=\"10:00 Salary talk\">"));
    EXPECT_FALSE(contains(theirs, "href=\"/r/meetings/"));
    // Someone else, not shared with, still sees nothing.
    EXPECT_FALSE(contains(calendarOf("lee", other_), "Salary talk"));
    EXPECT_FALSE(
        contains(kernel_->signIn("lee").get("/p/activities/calendar").body, "Shared with me:"));

    // Unsharing ends it at once.
    ASSERT_EQ(share("other", {}).status, 303);
    EXPECT_FALSE(contains(calendarOf("rep", other_), "Salary talk"));
    EXPECT_FALSE(
        contains(kernel_->signIn("rep").get("/p/activities/calendar").body, "Shared with me:"));
}

TEST_P(SharingTest, SharingWithATeamReachesItsMembersOnly) {
    auto admin = kernel_->signIn("admin");
    auto made = admin.postForm("/admin/teams", {{"name", "East"}});
    ASSERT_EQ(made.status, 303) << made.body;
    std::string team = made.header("location").substr(made.header("location").find("team-") + 5);
    ASSERT_EQ(
        admin.postForm("/admin/teams/" + team + "/members", {{"user", std::to_string(lee_.userId)}})
            .status,
        303);
    ASSERT_EQ(share("other", {{"shared_team", team}}).status, 303);
    EXPECT_TRUE(contains(calendarOf("lee", other_), "10:00 Salary talk"));
    EXPECT_TRUE(
        contains(kernel_->signIn("lee").get("/p/activities/calendar").body, "Shared with me:"));
    EXPECT_FALSE(contains(calendarOf("rep", other_), "Salary talk"));
}

TEST_P(SharingTest, BadSharesAreRefusedNamingTheField) {
    auto bad = share("other", {{"shared_user", "999999"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "shared_user_ids")) << bad.body;
    EXPECT_EQ(share("other", {{"shared_user", "x"}}).status, 422);
    EXPECT_EQ(share("other", {{"shared_team", "4242"}}).status, 422);
    EXPECT_EQ(share("other", {{"feed_source", "everything"}}).status, 422);
    EXPECT_EQ(count("CalendarPreference"), 0);
    // Sharing with oneself is no share.
    EXPECT_EQ(share("other", {{"shared_user", std::to_string(other_.userId)}}).status, 422);
}

TEST_P(SharingTest, TheFeedHoldsTheSharedCalendarsTheUserChoseWhileTheyAreShared) {
    Record room = create(admin_, "SharedCalendar", {{"name", "Room Atlas"}});
    records().update(admin_, "SharedCalendar", room["id"], room["version"],
                     {{"owner_id", rep_.userId}});
    create(admin_, "Meeting",
           {{"title", "Board meeting"},
            {"starts_at", "2026-03-12T13:00:00Z"},
            {"ends_at", "2026-03-12T15:00:00Z"},
            {"calendar_id", room["id"]}});
    ASSERT_EQ(share("other", {{"shared_user", std::to_string(rep_.userId)}}).status, 303);
    EXPECT_FALSE(contains(feedOf("rep"), "Salary talk"));  // shared, but not chosen
    auto settings = kernel_->signIn("rep").get("/p/activities/settings");
    EXPECT_TRUE(contains(settings.body, "value=\"user-" + std::to_string(other_.userId) + "\""));
    EXPECT_TRUE(contains(settings.body, "value=\"calendar-" + room["id"].dump() + "\""));
    ASSERT_EQ(share("rep", {{"feed_source", "user-" + std::to_string(other_.userId)},
                            {"feed_source", "calendar-" + room["id"].dump()}})
                  .status,
              303);
    std::string feed = feedOf("rep");
    EXPECT_TRUE(contains(feed, "SUMMARY:Salary talk"));
    EXPECT_TRUE(contains(feed, "SUMMARY:Prepare offer"));
    EXPECT_TRUE(contains(feed, "SUMMARY:Board meeting"));
    // lee chose them too, but neither is shared with lee: nothing of them in lee's feed.
    ASSERT_EQ(share("lee", {{"feed_source", "user-" + std::to_string(other_.userId)},
                            {"feed_source", "calendar-" + room["id"].dump()}})
                  .status,
              303);
    std::string lees = feedOf("lee");
    EXPECT_FALSE(contains(lees, "Salary talk"));
    EXPECT_FALSE(contains(lees, "Board meeting"));
    // Unshared: gone from the feed at once, though still chosen.
    ASSERT_EQ(share("other", {}).status, 303);
    feed = feedOf("rep");
    EXPECT_FALSE(contains(feed, "Salary talk"));
    EXPECT_FALSE(contains(feed, "Prepare offer"));
    EXPECT_TRUE(contains(feed, "SUMMARY:Board meeting"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SharingTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
