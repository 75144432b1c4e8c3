#include <gtest/gtest.h>

#include <tessera/sdk/Error.hpp>

#include "ServiceKernel.hpp"
#include "SmtpSink.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::testing::HttpAnswer;
using sdk::testing::HttpClient;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class NotificationsTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        kernel_ = std::make_unique<test::ServiceKernel>(GetParam());
        annId_ = kernel_->createUser("ann", "sales_rep");
        bobId_ = kernel_->createUser("bob", "sales_rep");
        center().declareType("fixture.ping", "Pings from the fixture");
        center().declareType("fixture.digest", "Daily digest");
    }

    kernel::NotificationCenter& center() { return *kernel_->kernel().notifications(); }

    void ping(std::int64_t userId, const std::string& title, const std::string& link = "/account") {
        center().notify({userId, "fixture.ping", title, "Something happened.", link});
    }

    std::unique_ptr<test::ServiceKernel> kernel_;
    std::int64_t annId_ = 0;
    std::int64_t bobId_ = 0;
};

}  // namespace

TEST_P(NotificationsTest, ANotificationShowsUnderTheBellOnTheNextPage) {
    HttpClient ann = kernel_->signIn("ann");
    HttpAnswer before = ann.get("/");
    EXPECT_TRUE(contains(before.body, "aria-label=\"Notifications: 0 unread\""));
    EXPECT_FALSE(contains(before.body, "<span class=\"tag badge\">"));

    ping(annId_, "Lead <b>assigned</b>");
    ping(annId_, "Second ping");
    HttpAnswer after = ann.get("/");
    EXPECT_TRUE(contains(after.body, "<span class=\"tag badge\">2</span>")) << after.body;

    HttpAnswer list = ann.get("/notifications");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "Lead &lt;b&gt;assigned&lt;/b&gt;"));
    EXPECT_LT(list.body.find("Second ping"), list.body.find("Lead &lt;b&gt;"));
    EXPECT_TRUE(contains(list.body, "notification unread"));

    auto items = center().list(annId_, 10, 0);
    ASSERT_EQ(items.size(), 2u);
    HttpAnswer open = ann.get("/notifications/" + std::to_string(items[1].id) + "/open");
    EXPECT_EQ(open.status, 303);
    EXPECT_EQ(open.header("location"), "/account");
    EXPECT_TRUE(contains(ann.get("/").body, "<span class=\"tag badge\">1</span>"));

    EXPECT_EQ(ann.postForm("/notifications/read-all", {}).status, 303);
    EXPECT_EQ(center().unreadCount(annId_), 0);
    EXPECT_TRUE(contains(ann.get("/").body, "Notifications: 0 unread"));
    HttpClient bob = kernel_->signIn("bob");
    EXPECT_TRUE(contains(bob.get("/").body, "Notifications: 0 unread"));
}

TEST_P(NotificationsTest, EachUsersChoicePerTypeIsHonoured) {
    HttpClient ann = kernel_->signIn("ann");
    HttpAnswer settings = ann.get("/account/notifications");
    ASSERT_EQ(settings.status, 200);
    EXPECT_TRUE(contains(settings.body, "Pings from the fixture"));
    EXPECT_TRUE(contains(settings.body, "name=\"pref.fixture.ping\" value=\"in_app\" checked"));

    auto mails = [&] { return kernel_->kernel().mail()->recent(100).size(); };
    ASSERT_EQ(ann.postForm("/account/notifications", {{"pref.fixture.ping", "email"}}).status, 303);
    EXPECT_TRUE(contains(ann.get("/account/notifications").body,
                         "name=\"pref.fixture.ping\" value=\"email\" checked"));
    ping(annId_, "By mail only", "/r/x/1");
    EXPECT_EQ(center().unreadCount(annId_), 0);
    ASSERT_EQ(mails(), 1u);
    auto mail = kernel_->kernel().mail()->recent(1)[0];
    EXPECT_EQ(mail.message.to, std::vector<std::string>{"ann@example.org"});
    EXPECT_EQ(mail.message.subject, "By mail only");
    EXPECT_TRUE(contains(mail.message.text, "Something happened."));
    EXPECT_TRUE(contains(mail.message.text, "/r/x/1"));
    EXPECT_EQ(mail.state, "pending");

    ASSERT_EQ(ann.postForm("/account/notifications", {{"pref.fixture.ping", "both"}}).status, 303);
    ping(annId_, "Both ways");
    EXPECT_EQ(center().unreadCount(annId_), 1);
    EXPECT_EQ(mails(), 2u);

    ASSERT_EQ(ann.postForm("/account/notifications", {{"pref.fixture.ping", "none"}}).status, 303);
    ping(annId_, "Not at all");
    EXPECT_EQ(center().unreadCount(annId_), 1);
    EXPECT_EQ(mails(), 2u);

    // Another type keeps its default; another user is not affected.
    center().notify({annId_, "fixture.digest", "Digest", "", ""});
    ping(bobId_, "Bob's ping");
    EXPECT_EQ(center().unreadCount(annId_), 2);
    EXPECT_EQ(center().unreadCount(bobId_), 1);
    EXPECT_EQ(mails(), 2u);

    HttpAnswer bad = ann.postForm("/account/notifications", {{"pref.fixture.ping", "pigeon"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(center().preference(annId_, "fixture.ping"), "none");
    EXPECT_THROW(center().setPreference(annId_, "fixture.unknown", "email"), sdk::PluginError);
}

TEST_P(NotificationsTest, OneIsMarkedReadByItsOwnerOnly) {
    ping(annId_, "For Ann");
    std::int64_t id = center().list(annId_, 1, 0)[0].id;
    std::string path = "/notifications/" + std::to_string(id);
    HttpClient bob = kernel_->signIn("bob");
    EXPECT_EQ(bob.postForm(path + "/read", {}).status, 404);
    EXPECT_EQ(bob.get(path + "/open").status, 404);
    EXPECT_EQ(bob.call("POST", "/api/v1" + path + "/read").status, 404);
    EXPECT_FALSE(contains(bob.get("/notifications").body, "For Ann"));
    EXPECT_TRUE(bob.get("/api/v1/notifications").json()["data"].empty());
    EXPECT_EQ(center().unreadCount(annId_), 1);

    HttpClient ann = kernel_->signIn("ann");
    HttpAnswer listed = ann.get("/api/v1/notifications");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json()["unread"], 1);
    EXPECT_EQ(listed.json()["data"][0]["title"], "For Ann");
    EXPECT_TRUE(listed.json()["data"][0]["readAt"].is_null());
    HttpAnswer read = ann.call("POST", "/api/v1" + path + "/read");
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_FALSE(read.json()["readAt"].is_null());
    EXPECT_EQ(center().unreadCount(annId_), 0);

    ping(annId_, "Another");
    std::int64_t second = center().list(annId_, 1, 0)[0].id;
    EXPECT_EQ(ann.postForm("/notifications/" + std::to_string(second) + "/read", {}).status, 303);
    EXPECT_EQ(center().unreadCount(annId_), 0);
    EXPECT_EQ(ann.postForm(path + "/read", {}).status, 303);
    HttpAnswer withoutCsrf = ann.send("POST", path + "/read", "",
                                      {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(withoutCsrf.status, 403);
}

TEST_P(NotificationsTest, BadNotificationsAreRefused) {
    EXPECT_THROW(center().notify({annId_, "no-dot", "t", "", ""}), sdk::PluginError);
    EXPECT_THROW(center().notify({annId_, "fixture.ping", "", "", ""}), sdk::PluginError);
    EXPECT_THROW(center().notify({annId_, "fixture.ping", "t", "", "https://evil.example"}),
                 sdk::PluginError);
    EXPECT_THROW(center().notify({annId_, "fixture.ping", "t", "", "//evil.example"}),
                 sdk::PluginError);
    EXPECT_EQ(center().unreadCount(annId_), 0);
}

TEST_P(NotificationsTest, TheListIsPagedNewestFirst) {
    for (int i = 1; i <= 30; ++i) {
        ping(annId_, "Ping number " + std::to_string(i));
    }
    HttpClient ann = kernel_->signIn("ann");
    HttpAnswer first = ann.get("/notifications");
    EXPECT_TRUE(contains(first.body, "Ping number 30"));
    EXPECT_FALSE(contains(first.body, "Ping number 5<"));
    EXPECT_TRUE(contains(first.body, "href=\"/notifications?page=2\""));
    HttpAnswer second = ann.get("/notifications?page=2");
    EXPECT_TRUE(contains(second.body, "Ping number 5<"));
    EXPECT_TRUE(contains(second.body, "Ping number 1<"));
    EXPECT_FALSE(contains(second.body, "Ping number 30"));
    EXPECT_EQ(ann.get("/notifications?page=x").status, 400);
}

TEST_P(NotificationsTest, NotificationsAndMailFromAHookGoWithItsTransaction) {
    ASSERT_EQ(kernel_->kernel().mail()->recent(10).size(), 0u);
    center().setPreference(annId_, "fixture.ping", "both");
    kernel_->kernel().hooks().add(
        "fixture.test", "Widget", sdk::HookPoint::AfterCreate, 10, [this](sdk::HookEvent& event) {
            center().notify({annId_, "fixture.ping",
                             "Widget " + event.record["title"].get<std::string>(), "", "/account"});
            if (event.record["title"] == "Refused") {
                throw sdk::PluginError("validation", "refused by the test hook");
            }
        });
    auto& records = kernel_->kernel().records();
    EXPECT_THROW(records.create(sdk::Caller::systemCaller(), "Widget", {{"title", "Refused"}}),
                 sdk::PluginError);
    EXPECT_EQ(center().unreadCount(annId_), 0);
    EXPECT_EQ(kernel_->kernel().mail()->recent(10).size(), 0u);

    records.create(sdk::Caller::systemCaller(), "Widget", {{"title", "Kept"}});
    EXPECT_EQ(center().unreadCount(annId_), 1);
    ASSERT_EQ(kernel_->kernel().mail()->recent(10).size(), 1u);
    EXPECT_EQ(kernel_->kernel().mail()->recent(1)[0].message.subject, "Widget Kept");
    kernel_->kernel().hooks().removeOwnedBy("fixture.test");
}

TEST_P(NotificationsTest, TheKernelMailJobDeliversWhatNotificationsQueued) {
    test::SmtpSink sink(kernel_->filesRoot().parent_path() / "inbox");
    auto settings =
        std::vector<std::string>{"mail.host=127.0.0.1", "mail.port=" + std::to_string(sink.port()),
                                 "mail.from=crm@example.org"};
    test::ServiceKernel withMail(GetParam(), settings);
    std::int64_t carol = withMail.createUser("carol", "sales_rep");
    auto& notifications = *withMail.kernel().notifications();
    notifications.declareType("fixture.ping", "Pings");
    notifications.setPreference(carol, "fixture.ping", "email");
    notifications.notify(
        {carol, "fixture.ping", "Your lead is waiting", "Call back today.", "/r/x/7"});

    auto& jobs = *withMail.kernel().jobs();
    ASSERT_TRUE(jobs.hasJob("kernel.mail"));
    jobs.enqueue("kernel.mail", nlohmann::json::object());
    EXPECT_FALSE(jobs.runDueOnce().empty());
    auto received = sink.waitForMessages(1);
    EXPECT_TRUE(contains(received[0], "Subject: Your lead is waiting"));
    EXPECT_TRUE(contains(received[0], "carol@example.org"));
    EXPECT_TRUE(contains(received[0], "Call back today."));
    EXPECT_EQ(withMail.kernel().mail()->recent(1)[0].state, "sent");
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationsTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) {
                             return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
                         });
