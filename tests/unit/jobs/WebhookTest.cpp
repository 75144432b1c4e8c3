#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>

#include <tessera/kernel/outbox/Outbox.hpp>
#include <tessera/kernel/outbox/Webhooks.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/sdk/Error.hpp>

#include "IsolatedDatabase.hpp"
#include "JobTestSupport.hpp"
#include "WebhookReceiver.hpp"

using tessera::kernel::Backend;
using tessera::kernel::Outbox;
using tessera::kernel::Webhooks;
using namespace tessera;
using namespace std::chrono_literals;

namespace {

/// Webhooks behind the outbox on a database of the test's own, with the test's clock.
class WebhookTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::IsolatedDatabase>(GetParam());
        Outbox::Options outboxOptions;
        outboxOptions.clock = clock_.clock();
        outboxOptions.backoff = 10s;
        outbox_ = std::make_unique<Outbox>(database_->db(), outboxOptions);
        outbox_->ensureTables();
        Webhooks::Options options;
        options.clock = clock_.clock();
        options.timeout = 300ms;
        options.maxAttempts = 4;
        webhooks_ = std::make_unique<Webhooks>(database_->db(), options);
        webhooks_->ensureTables();
        outbox_->addConsumer("kernel", webhooks_->consumer(),
                             [this](const std::string& type) { return webhooks_->wants(type); });
        events_.setRecorder({[this](Poco::Data::Session* session, const sdk::Event& event) {
                                 outbox_->write(session, event);
                             },
                             {}});
    }
    void TearDown() override {
        events_.setRecorder({});
        outbox_.reset();
        webhooks_.reset();
        database_.reset();
    }

    sdk::Error refusal(const std::string& url, const std::string& events) {
        try {
            webhooks_->subscribe(url, events);
        } catch (const sdk::PluginError& e) {
            return e.error();
        }
        ADD_FAILURE() << "subscribe(" << url << ", " << events << ") was accepted";
        return {};
    }

    test::ManualClock clock_;
    std::unique_ptr<test::IsolatedDatabase> database_;
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<Webhooks> webhooks_;
    kernel::EventBus events_;
};

}  // namespace

TEST_P(WebhookTest, AReceiverThatFailsTwiceGetsOneAcceptedSignedDelivery) {
    test::WebhookReceiver receiver({500, 503});
    auto hook = webhooks_->subscribe(receiver.url(), "record.*");
    ASSERT_TRUE(hook.secret.starts_with("whsec_"));
    events_.publish({"record.created", {{"entity", "Client"}, {"id", 7}}});
    events_.publish({"deals.won", {{"id", 1}}});  // not subscribed
    outbox_->deliverDue();
    clock_.advance(10s);
    outbox_->deliverDue();
    clock_.advance(20s);
    outbox_->deliverDue();
    clock_.advance(1h);
    outbox_->deliverDue();

    auto received = receiver.received();
    ASSERT_EQ(received.size(), 3u);
    int accepted = 0;
    for (const auto& got : received) {
        accepted += got.answered == 200 ? 1 : 0;
        EXPECT_EQ(got.headers.at("X-Tessera-Event"), "record.created");
        EXPECT_EQ(got.headers.at("X-Tessera-Delivery"),
                  received[0].headers.at("X-Tessera-Delivery"))
            << "the same delivery id on every attempt";
        EXPECT_EQ(got.headers.at("Content-Type"), "application/json");
    }
    EXPECT_EQ(accepted, 1);
    const auto& last = received.back();
    // What a receiver does (docs/webhooks.md): HMAC-SHA256 of "<timestamp>.<body>" with the secret.
    std::string timestamp = last.headers.at("X-Tessera-Timestamp");
    EXPECT_EQ(timestamp, std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                            clock_.now().time_since_epoch() - 1h)
                                            .count()));
    EXPECT_EQ(last.headers.at("X-Tessera-Signature"),
              Webhooks::signature(hook.secret, timestamp, last.body));
    EXPECT_NE(last.headers.at("X-Tessera-Signature"),
              Webhooks::signature("whsec_wrong", timestamp, last.body));
    auto body = nlohmann::json::parse(last.body);
    EXPECT_EQ(body["type"], "record.created");
    EXPECT_EQ(body["data"]["id"], 7);
    EXPECT_EQ(last.headers.at("X-Tessera-Delivery"),
              std::to_string(body["id"].get<std::int64_t>()) + "-" + std::to_string(hook.id));

    auto log = webhooks_->log(hook.id, 10);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_TRUE(log[0].ok);
    EXPECT_EQ(log[0].attempt, 3);
    EXPECT_EQ(log[0].statusCode, 200);
    EXPECT_FALSE(log[2].ok);
    EXPECT_EQ(log[2].statusCode, 500);
    EXPECT_EQ(log[2].error, "answered HTTP 500");
    auto counts = outbox_->counts();
    EXPECT_EQ(counts["pending"], 0);
    EXPECT_EQ(counts["dead"], 0);
    EXPECT_EQ(counts["done"], 1)
        << "record.created; deals.won, with no subscription, got no delivery";
}

TEST_P(WebhookTest, ASubscriptionThatAcceptedIsNotPostedAgainWhenAnotherFails) {
    test::WebhookReceiver good;
    test::WebhookReceiver bad({500});
    webhooks_->subscribe(good.url(), "*");
    webhooks_->subscribe(bad.url(), "record.created, record.updated");
    events_.publish({"record.created", {{"id", 1}}});
    outbox_->deliverDue();
    clock_.advance(10s);
    outbox_->deliverDue();
    EXPECT_EQ(good.received().size(), 1u);
    EXPECT_EQ(bad.received().size(), 2u);
    EXPECT_EQ(outbox_->counts()["done"], 1);
}

TEST_P(WebhookTest, AUrlThatTimesOutIsRetried) {
    // Accepts connections (the kernel's backlog) but never answers.
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
    auto hook = webhooks_->subscribe(
        "http://127.0.0.1:" + std::to_string(silent.address().port()) + "/slow", "record.*");
    events_.publish({"record.updated", {{"id", 3}}});
    EXPECT_EQ(outbox_->deliverDue(), 1);
    auto pending = outbox_->deliveries("pending", 10);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_NE(pending[0].lastError.find("no answer within 300 ms"), std::string::npos)
        << pending[0].lastError;
    clock_.advance(10s);
    EXPECT_EQ(outbox_->deliverDue(), 1);
    auto log = webhooks_->log(hook.id, 10);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].attempt, 2);
    EXPECT_EQ(log[0].statusCode, 0);
    EXPECT_FALSE(log[0].ok);
}

TEST_P(WebhookTest, AnHttpsUrlWhoseServerSpeaksNoTlsFailsTheAttemptCleanly) {
    ASSERT_TRUE(Webhooks::httpsAvailable()) << "this build needs Poco NetSSL";
    test::WebhookReceiver plain;
    std::string url = plain.url();
    auto hook = webhooks_->subscribe("https" + url.substr(4), "*");
    events_.publish({"record.created", {{"id", 1}}});
    EXPECT_EQ(outbox_->deliverDue(), 1);
    auto log = webhooks_->log(hook.id, 10);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_FALSE(log[0].ok);
    EXPECT_EQ(log[0].statusCode, 0);
    EXPECT_FALSE(log[0].error.empty());
    EXPECT_EQ(outbox_->deliveries("pending", 10).size(), 1u);
}

TEST_P(WebhookTest, DisabledAndDeletedSubscriptionsGetNothing) {
    test::WebhookReceiver receiver;
    auto hook = webhooks_->subscribe(receiver.url(), "record.*");
    EXPECT_TRUE(webhooks_->setActive(hook.id, false));
    events_.publish({"record.created", {{"id", 1}}});
    outbox_->deliverDue();
    EXPECT_TRUE(receiver.received().empty());
    EXPECT_FALSE(webhooks_->find(hook.id)->active);
    EXPECT_TRUE(webhooks_->remove(hook.id));
    EXPECT_FALSE(webhooks_->remove(hook.id));
    EXPECT_TRUE(webhooks_->list().empty());
}

TEST_P(WebhookTest, EventsNoSubscriptionMatchesQueueNoDeliveries) {
    test::WebhookReceiver receiver;
    auto dealsOnly = webhooks_->subscribe(receiver.url(), "deals.*");
    for (int i = 0; i < 5; ++i) {
        events_.publish({"record.updated", {{"id", i}}});
    }
    EXPECT_EQ(outbox_->deliverDue(), 0);
    EXPECT_EQ(outbox_->counts()["pending"] + outbox_->counts()["done"], 0);

    webhooks_->subscribe(receiver.url(), "record.updated");
    EXPECT_TRUE(webhooks_->setActive(dealsOnly.id, false));
    events_.publish({"record.updated", {{"id", 99}}});
    events_.publish({"deals.won", {{"id", 7}}});
    EXPECT_EQ(outbox_->deliverDue(), 1);  // the new subscription's event only
    ASSERT_EQ(receiver.received().size(), 1u);
    EXPECT_NE(receiver.received()[0].body.find("\"id\":99"), std::string::npos);
}

TEST_P(WebhookTest, BadSubscriptionsAreRefusedNamingTheFieldAndNothingIsStored) {
    EXPECT_TRUE(refusal("not a url", "record.*").fields.contains("url"));
    EXPECT_TRUE(refusal("", "record.*").fields.contains("url"));
    auto ftp = refusal("ftp://example.com/in", "record.*");
    EXPECT_NE(ftp.fields["url"].find("ftp://"), std::string::npos);
    EXPECT_TRUE(refusal("http:///nohost", "record.*").fields.contains("url"));
    EXPECT_TRUE(refusal("javascript:alert(1)", "record.*").fields.contains("url"));
    EXPECT_TRUE(refusal("https://example.com/in", "").fields.contains("events"));
    EXPECT_TRUE(refusal("https://example.com/in", " , ").fields.contains("events"));
    EXPECT_TRUE(refusal("https://example.com/in", "Record Created!").fields.contains("events"));
    EXPECT_TRUE(
        refusal("https://example.com/" + std::string(3000, 'a'), "*").fields.contains("url"));
    EXPECT_TRUE(refusal("http://example.com/a b", "*").fields.contains("url"));
    EXPECT_TRUE(refusal("http://example.com/\"><script>", "*").fields.contains("url"));
    EXPECT_TRUE(refusal("http://example.com/#top", "*").fields.contains("url"));
    EXPECT_TRUE(webhooks_->list().empty());
    auto ok = webhooks_->subscribe("https://example.com/in", "record.created record.*, deals.won");
    EXPECT_EQ(ok.eventTypes, (std::vector<std::string>{"record.created", "record.*", "deals.won"}));
    EXPECT_EQ(webhooks_->list().size(), 1u);
    EXPECT_TRUE(webhooks_->list()[0].secret.empty()) << "the secret is shown once only";
}

TEST(WebhookSignatureTest, IsTheHexHmacSha256OfTimestampDotBody) {
    // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test',
    //   b'1700000000.{\"id\":1}', hashlib.sha256).hexdigest())"
    EXPECT_EQ(Webhooks::signature("whsec_test", "1700000000", R"({"id":1})"),
              "sha256=2f441ba4b3b2d50d28a9ab9d9fd8880376ecd1eb5d0435401553f5d8d0a5dcf8");
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return test::backendLabel(info.param); });
