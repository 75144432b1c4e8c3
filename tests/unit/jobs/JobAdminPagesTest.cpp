#include <regex>

#include <gtest/gtest.h>

#include <tessera/kernel/outbox/Webhooks.hpp>
#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "IsolatedDatabase.hpp"
#include "JobTestSupport.hpp"
#include "WebhookReceiver.hpp"

using tessera::kernel::Backend;
using namespace tessera;
using sdk::testing::HttpAnswer;
using sdk::testing::HttpClient;
using sdk::testing::TestKernel;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The text between `before` and the next `until` in `text`, or "".
std::string between(const std::string& text, const std::string& before, char until) {
    auto at = text.find(before);
    if (at == std::string::npos) {
        return {};
    }
    at += before.size();
    return text.substr(at, text.find(until, at) - at);
}

/// The admin pages of jobs, the outbox and webhooks in a whole kernel (fixture.base's Widget
/// entity), with retries due at once (outbox.backoff = 0) and three attempts per webhook event.
class JobAdminPagesTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::IsolatedDatabase>(GetParam());
        database_->close();
        TestKernel::Options options;
        options.plugins = {"fixture.base"};
        options.pluginPath = TESSERA_FIXTURE_PLUGIN_DIR;
        options.databaseUrl = database_->url();
        options.settings = {"outbox.backoff=0", "webhooks.attempts=3", "webhooks.timeout=5"};
        kernel_ = std::make_unique<TestKernel>(options);
        kernel_->createUser("admin", "admin");
        kernel_->createUser("rep", "sales_rep");
    }

    void widget(const std::string& title) {
        kernel_->records().create(sdk::Caller::systemCaller(), "Widget", {{"title", title}});
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
};

}  // namespace

TEST_P(JobAdminPagesTest, OnlyAdminsReachThePages) {
    HttpClient rep = kernel_->signIn("rep");
    for (const char* path : {"/admin/jobs", "/admin/outbox", "/admin/webhooks", "/admin/webhooks/1",
                             "/api/v1/jobs/runs/1"}) {
        EXPECT_EQ(rep.get(path).status, 403) << path;
    }
    EXPECT_EQ(
        rep.postForm("/admin/webhooks", {{"url", "http://127.0.0.1:9/x"}, {"events", "record.*"}})
            .status,
        403);
    EXPECT_EQ(rep.postForm("/admin/jobs/run", {{"job", "kernel.outbox"}}).status, 403);
    EXPECT_EQ(rep.postForm("/admin/outbox/retry-dead", {}).status, 403);
    HttpAnswer visitor = kernel_->anonymous().get("/admin/jobs");
    EXPECT_EQ(visitor.status, 303);
    EXPECT_EQ(kernel_->anonymous().get("/api/v1/jobs/runs/1").status, 401);
    HttpClient admin = kernel_->signIn("admin");
    EXPECT_FALSE(contains(admin.get("/admin/webhooks").body, "127.0.0.1:9"))
        << "the refused subscription was not stored";
}

TEST_P(JobAdminPagesTest, RunNowQueuesARunWhoseStatusIsServedAsJson) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer page = admin.get("/admin/jobs");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(contains(page.body, "<code>kernel.outbox</code>"));
    EXPECT_TRUE(contains(page.body, "<code>* * * * *</code>"));
    EXPECT_TRUE(contains(page.body, "Run now"));

    HttpAnswer noToken = admin.send("POST", "/admin/jobs/run", "job=kernel.outbox",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(noToken.status, 403) << "a POST without the CSRF token is refused";
    HttpAnswer unknown = admin.postForm("/admin/jobs/run", {{"job", "nope.nothing"}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(contains(unknown.body, "job: "));

    HttpAnswer run = admin.postForm("/admin/jobs/run", {{"job", "kernel.outbox"}});
    ASSERT_EQ(run.status, 303);
    std::string id = between(run.header("location"), "#run-", '\0');
    ASSERT_FALSE(id.empty()) << run.header("location");
    EXPECT_EQ(admin.get("/api/v1/jobs/runs/" + id).json()["state"], "queued");
    EXPECT_GE(kernel_->runDueJobs(), 1);
    nlohmann::json status = admin.get("/api/v1/jobs/runs/" + id).json();
    EXPECT_EQ(status["state"], "done");
    EXPECT_EQ(status["job"], "kernel.outbox");
    EXPECT_FALSE(status["finishedAt"].get<std::string>().empty());
    EXPECT_EQ(admin.get("/api/v1/jobs/runs/999999").status, 404);
    EXPECT_EQ(admin.get("/api/v1/jobs/runs/abc").status, 400);
    page = admin.get("/admin/jobs");
    EXPECT_TRUE(contains(page.body, "id=\"run-" + id + "\""));
    EXPECT_TRUE(contains(page.body, "admin-state-done"));
    EXPECT_EQ(admin.postForm("/admin/jobs/runs/" + id + "/stop", {}).status, 409) << "done";

    std::string queued =
        between(admin.postForm("/admin/jobs/run", {{"job", "kernel.outbox"}}).header("location"),
                "#run-", '\0');
    EXPECT_TRUE(contains(admin.get("/admin/jobs").body, "/admin/jobs/runs/" + queued + "/stop"));
    EXPECT_EQ(admin.postForm("/admin/jobs/runs/" + queued + "/stop", {}).status, 303);
    EXPECT_EQ(admin.get("/api/v1/jobs/runs/" + queued).json()["state"], "stopped");
    kernel_->runDueJobs();
    EXPECT_EQ(admin.get("/api/v1/jobs/runs/" + queued).json()["state"], "stopped");
    EXPECT_EQ(admin.postForm("/admin/jobs/runs/424242/stop", {}).status, 404);
}

TEST_P(JobAdminPagesTest, AWebhookSubscribedOnThePageGetsOneAcceptedSignedDelivery) {
    test::WebhookReceiver receiver({500, 502});
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer created =
        admin.postForm("/admin/webhooks", {{"url", receiver.url()}, {"events", "record.*"}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string secret = between(created.body, "id=\"webhook-secret\">", '<');
    ASSERT_TRUE(secret.starts_with("whsec_")) << secret;
    EXPECT_FALSE(contains(admin.get("/admin/webhooks").body, secret)) << "shown once only";

    widget("Sprocket");
    kernel_->runDueJobs();
    auto received = receiver.received();
    ASSERT_EQ(received.size(), 3u);
    int accepted = 0;
    for (const auto& got : received) {
        accepted += got.answered == 200 ? 1 : 0;
    }
    EXPECT_EQ(accepted, 1);
    const auto& last = received.back();
    EXPECT_EQ(last.answered, 200);
    EXPECT_EQ(last.headers.at("X-Tessera-Event"), "record.created");
    EXPECT_EQ(
        last.headers.at("X-Tessera-Signature"),
        kernel::Webhooks::signature(secret, last.headers.at("X-Tessera-Timestamp"), last.body));
    EXPECT_EQ(nlohmann::json::parse(last.body)["data"]["record"]["title"], "Sprocket");
    EXPECT_EQ(kernel_->runDueJobs(), 0) << "nothing left to deliver";

    std::string hookId = between(admin.get("/admin/webhooks").body, "id=\"webhook-", '"');
    HttpAnswer log = admin.get("/admin/webhooks/" + hookId);
    ASSERT_EQ(log.status, 200);
    EXPECT_TRUE(contains(log.body, "answered HTTP 500"));
    EXPECT_TRUE(contains(log.body, "answered HTTP 502"));
    EXPECT_TRUE(contains(log.body, "<td data-label=\"Status\">200</td>"));

    EXPECT_EQ(admin.postForm("/admin/webhooks/" + hookId + "/disable", {}).status, 303);
    widget("Ignored");
    kernel_->runDueJobs();
    EXPECT_EQ(receiver.received().size(), 3u);
    EXPECT_EQ(admin.postForm("/admin/webhooks/" + hookId + "/delete", {}).status, 303);
    EXPECT_TRUE(contains(admin.get("/admin/webhooks").body, "No webhooks yet"));
}

TEST_P(JobAdminPagesTest, BadSubscriptionsAnswer422NamingTheFieldAndStoreNothing) {
    HttpClient admin = kernel_->signIn("admin");
    HttpAnswer notUrl = admin.postForm("/admin/webhooks", {{"url", "not a url"}, {"events", "*"}});
    EXPECT_EQ(notUrl.status, 422);
    EXPECT_TRUE(contains(notUrl.body, "url: "));
    HttpAnswer ftp =
        admin.postForm("/admin/webhooks", {{"url", "ftp://example.com/in"}, {"events", "*"}});
    EXPECT_EQ(ftp.status, 422);
    EXPECT_TRUE(contains(ftp.body, "ftp://"));
    HttpAnswer noEvents =
        admin.postForm("/admin/webhooks", {{"url", "http://example.com/in"}, {"events", " "}});
    EXPECT_EQ(noEvents.status, 422);
    EXPECT_TRUE(contains(noEvents.body, "events: "));
    EXPECT_TRUE(contains(noEvents.body, "value=\"http://example.com/in\"")) << "input kept";
    HttpAnswer hostile = admin.postForm(
        "/admin/webhooks", {{"url", "http://example.com/\"><script>x</script>"}, {"events", "*"}});
    EXPECT_EQ(hostile.status, 422);
    EXPECT_FALSE(contains(hostile.body, "<script>x"));
    EXPECT_EQ(admin.postForm("/admin/webhooks", {{"url", std::string(5000, 'h')}, {"events", "*"}})
                  .status,
              422);
    EXPECT_EQ(admin.get("/admin/webhooks/abc").status, 400);
    EXPECT_EQ(admin.get("/admin/webhooks/42").status, 404);
    EXPECT_TRUE(contains(admin.get("/admin/webhooks").body, "No webhooks yet"));
}

TEST_P(JobAdminPagesTest, ADeadDeliveryIsRetriedFromTheOutboxPage) {
    test::WebhookReceiver receiver({500, 500, 500, 500, 500, 500});
    HttpClient admin = kernel_->signIn("admin");
    ASSERT_EQ(
        admin.postForm("/admin/webhooks", {{"url", receiver.url()}, {"events", "record.*"}}).status,
        201);
    widget("One");
    kernel_->runDueJobs();
    HttpAnswer page = admin.get("/admin/outbox");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "dead: 1"));
    EXPECT_TRUE(contains(page.body, "answered HTTP 500"));
    EXPECT_TRUE(contains(page.body, "<code>kernel.webhooks</code>"));
    std::smatch found;
    ASSERT_TRUE(std::regex_search(page.body, found, std::regex(R"(/admin/outbox/(\d+)/retry)")));
    std::string delivery = found[1].str();
    EXPECT_EQ(receiver.received().size(), 3u);

    receiver.answer({});
    EXPECT_EQ(admin.postForm("/admin/outbox/" + delivery + "/retry", {}).status, 303);
    EXPECT_EQ(admin.postForm("/admin/outbox/" + delivery + "/retry", {}).status, 409);
    kernel_->runDueJobs();
    EXPECT_EQ(receiver.received().size(), 4u);
    EXPECT_EQ(receiver.received().back().answered, 200);
    page = admin.get("/admin/outbox");
    EXPECT_TRUE(contains(page.body, "No dead deliveries"));
    EXPECT_TRUE(contains(page.body, "delivered: 1"));

    // "Retry all dead"
    receiver.answer({500, 500, 500});
    widget("Two");
    kernel_->runDueJobs();
    EXPECT_TRUE(contains(admin.get("/admin/outbox").body, "dead: 1"));
    EXPECT_EQ(admin.postForm("/admin/outbox/retry-dead", {}).status, 303);
    kernel_->runDueJobs();
    EXPECT_TRUE(contains(admin.get("/admin/outbox").body, "dead: 0"));
}

INSTANTIATE_TEST_SUITE_P(Backends, JobAdminPagesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return test::backendLabel(info.param); });
