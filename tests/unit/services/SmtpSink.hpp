#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Process.h>

namespace tessera::test {

/// A real SMTP server on a loopback port for one test: tests/support/smtp_sink.py under
/// Debian's aiosmtpd, writing each message it receives to a folder. Stopped (killed) when the
/// object goes.
class SmtpSink {
public:
    explicit SmtpSink(std::filesystem::path folder);
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    /// Waits (bounded, polling the folder) until `count` messages arrived; returns them as
    /// received, oldest first. Throws std::runtime_error when they do not come.
    std::vector<std::string> waitForMessages(std::size_t count) const;
    /// A loopback port nothing listens on (bound, then released).
    static int freePort();

private:
    std::filesystem::path folder_;
    int port_ = 0;
    std::unique_ptr<Poco::ProcessHandle> process_;
};

}  // namespace tessera::test
