#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <tessera/kernel/mail/MailQueue.hpp>
#include <tessera/sdk/Error.hpp>

#include "IsolatedDatabase.hpp"
#include "SmtpSink.hpp"
#include "TempDir.hpp"

using tessera::kernel::Backend;
using tessera::kernel::MailQueue;
using tessera::kernel::SmtpSettings;
using namespace tessera;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// A received message read back with Poco: its headers and its decoded text and HTML parts.
struct Received {
    Poco::Net::MailMessage message;
    std::string text;
    std::string html;
};

class CollectParts final : public Poco::Net::PartHandler {
public:
    explicit CollectParts(Received& into) : into_(into) {}
    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
        std::string content;
        Poco::StreamCopier::copyToString(stream, content);
        std::string type = header.get("Content-Type", "");
        (type.starts_with("text/html") ? into_.html : into_.text) = content;
    }

private:
    Received& into_;
};

std::unique_ptr<Received> parse(const std::string& raw) {
    auto result = std::make_unique<Received>();
    Received& received = *result;
    std::istringstream in(raw);
    CollectParts parts(received);
    received.message.read(in, parts);
    if (!received.message.isMultipart()) {
        (received.message.getContentType().starts_with("text/html") ? received.html
                                                                    : received.text) =
            received.message.getContent();
    }
    return result;
}

class MailTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::IsolatedDatabase>(GetParam());
        std::ofstream(templates_.path() / "welcome.tpl")
            << "Hello {{NAME}},\nyour code is {{CODE}}.\n";
        std::ofstream(templates_.path() / "welcome.html.tpl")
            << "<p>Hello <b>{{NAME}}</b>, your code is {{CODE}}.</p>";
    }

    std::unique_ptr<MailQueue> queue(int port, int maxAttempts = 3) {
        SmtpSettings settings;
        settings.host = "127.0.0.1";
        settings.port = port;
        settings.from = "crm@example.org";
        settings.maxAttempts = maxAttempts;
        settings.timeout = std::chrono::seconds(10);
        auto q = std::make_unique<MailQueue>(database_->db(), settings,
                                             std::vector<std::filesystem::path>{templates_.path()});
        q->ensureTables();
        return q;
    }

    std::unique_ptr<test::IsolatedDatabase> database_;
    test::TempDir templates_;
    test::TempDir inbox_;
};

}  // namespace

TEST_P(MailTest, AQueuedMessageReachesARealSmtpServerWithItsHeadersAndParts) {
    test::SmtpSink sink(inbox_.path() / "inbox");
    auto mail = queue(sink.port());
    sdk::MailMessage message;
    message.to = {"ann@example.org", "bob@example.org"};
    message.cc = {"carol@example.org"};
    message.subject = "Your quote Q-1042 is ready";
    message.text = "Dear Ann,\nthe quote is attached. Price: 1.200 € = fine\n";
    message.html = "<p>Dear Ann,</p><p>the quote is <b>attached</b>. Price: 1.200 €</p>";
    message.replyTo = "sales@example.org";
    message.headers = {{"X-Tessera-Record", "Quote/1042"}};
    mail->send(message);
    ASSERT_EQ(mail->recent(10).size(), 1u);
    EXPECT_EQ(mail->recent(10)[0].state, "pending");

    EXPECT_EQ(mail->deliverPending(), 1);
    auto raw = sink.waitForMessages(1);
    ASSERT_EQ(raw.size(), 1u);
    auto parsed = parse(raw[0]);
    const Received& received = *parsed;
    const auto& m = received.message;
    EXPECT_EQ(m.get("X-Envelope-From"), "crm@example.org");
    EXPECT_TRUE(contains(m.get("X-Envelope-To"), "carol@example.org"));
    EXPECT_EQ(m.getSender(), "crm@example.org");
    EXPECT_TRUE(contains(m.get("To"), "ann@example.org"));
    EXPECT_TRUE(contains(m.get("To"), "bob@example.org"));
    EXPECT_TRUE(contains(m.get("CC"), "carol@example.org"));
    EXPECT_EQ(m.getSubject(), "Your quote Q-1042 is ready");
    EXPECT_EQ(m.get("Reply-To"), "sales@example.org");
    EXPECT_EQ(m.get("X-Tessera-Record"), "Quote/1042");
    EXPECT_TRUE(m.has("Message-ID"));
    EXPECT_TRUE(m.has("Date"));
    EXPECT_TRUE(m.getContentType().starts_with("multipart/alternative"));
    EXPECT_EQ(received.text, message.text);
    EXPECT_EQ(received.html, message.html);

    auto entry = mail->recent(1)[0];
    EXPECT_EQ(entry.state, "sent");
    EXPECT_EQ(entry.attempts, 1);
    EXPECT_EQ(mail->deliverPending(), 0);
}

TEST_P(MailTest, ATemplateRendersTextAsIsAndHtmlEscaped) {
    test::SmtpSink sink(inbox_.path() / "inbox");
    auto mail = queue(sink.port());
    mail->sendTemplate({"ann@example.org"}, "Welcome", "welcome",
                       {{"NAME", "Ann <script>x</script> & Co"}, {"CODE", 42}});
    EXPECT_EQ(mail->deliverPending(), 1);
    auto parsed = parse(sink.waitForMessages(1)[0]);
    const Received& received = *parsed;
    EXPECT_EQ(received.text, "Hello Ann <script>x</script> & Co,\nyour code is 42.\n");
    EXPECT_EQ(received.html,
              "<p>Hello <b>Ann &lt;script&gt;x&lt;/script&gt; &amp; Co</b>, your code is 42.</p>");
    EXPECT_THROW(mail->sendTemplate({"ann@example.org"}, "x", "missing", {}), sdk::PluginError);
    EXPECT_THROW(mail->sendTemplate({"ann@example.org"}, "x", "../welcome", {}), sdk::PluginError);
}

TEST_P(MailTest, AServerThatIsDownIsRetriedThenTheMessageFailsWithTheError) {
    auto mail = queue(test::SmtpSink::freePort(), 3);
    mail->send({{"ann@example.org"}, {}, "Ping", "text", "", "", {}});
    auto now = std::chrono::system_clock::now();
    EXPECT_EQ(mail->deliverPending(now), 0);
    auto first = mail->recent(1)[0];
    EXPECT_EQ(first.state, "pending");
    EXPECT_EQ(first.attempts, 1);
    EXPECT_FALSE(first.lastError.empty());
    // Not due again before its backoff.
    EXPECT_EQ(mail->deliverPending(now), 0);
    EXPECT_EQ(mail->recent(1)[0].attempts, 1);

    EXPECT_EQ(mail->deliverPending(now + std::chrono::hours(2)), 0);
    EXPECT_EQ(mail->recent(1)[0].attempts, 2);
    EXPECT_EQ(mail->recent(1)[0].state, "pending");
    EXPECT_EQ(mail->deliverPending(now + std::chrono::hours(4)), 0);
    auto last = mail->recent(1)[0];
    EXPECT_EQ(last.state, "failed");
    EXPECT_EQ(last.attempts, 3);
    EXPECT_TRUE(contains(last.lastError, "refused") || contains(last.lastError, "Connection"))
        << last.lastError;
    EXPECT_EQ(mail->deliverPending(now + std::chrono::hours(10)), 0);
    EXPECT_EQ(mail->recent(1)[0].attempts, 3);
}

TEST_P(MailTest, BadAddressesAndEmptyMessagesAreRefusedUpFrontNamingTheField) {
    auto mail = queue(25);
    auto refusedField = [&](const sdk::MailMessage& message) -> std::string {
        try {
            mail->send(message);
        } catch (const sdk::PluginError& e) {
            EXPECT_EQ(e.error().code, "validation");
            return e.error().fields.empty() ? "" : e.error().fields.begin()->first;
        }
        return "(accepted)";
    };
    EXPECT_EQ(refusedField({{"not an address"}, {}, "s", "t", "", "", {}}), "to");
    EXPECT_EQ(refusedField({{"ann@example.org\r\nBcc: eve@example.org"}, {}, "s", "t", "", "", {}}),
              "to");
    EXPECT_EQ(refusedField({{"<ann@example.org>"}, {}, "s", "t", "", "", {}}), "to");
    EXPECT_EQ(refusedField({{}, {}, "s", "t", "", "", {}}), "to");
    EXPECT_EQ(refusedField({{"ann@example.org"}, {"bob@"}, "s", "t", "", "", {}}), "cc");
    EXPECT_EQ(refusedField({{"ann@example.org"}, {}, "s", "t", "", "nobody", {}}), "replyTo");
    EXPECT_EQ(refusedField({{"ann@example.org"}, {}, "", "t", "", "", {}}), "subject");
    EXPECT_EQ(refusedField({{"ann@example.org"}, {}, "a\r\nBcc: x@y.z", "t", "", "", {}}),
              "subject");
    EXPECT_EQ(refusedField({{"ann@example.org"}, {}, "s", "", "", "", {}}), "text");
    EXPECT_EQ(
        refusedField({{"ann@example.org"}, {}, "s", "t", "", "", {{"X-A", "1\r\nBcc: x@y.z"}}}),
        "headers");
    EXPECT_TRUE(mail->recent(10).empty());
    EXPECT_EQ(refusedField({{"ann.lee+crm@mail.example.org"}, {}, "s", "t", "", "", {}}),
              "(accepted)");
    EXPECT_EQ(mail->recent(10).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) {
                             return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
                         });
