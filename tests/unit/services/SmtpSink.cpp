#include "SmtpSink.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

namespace tessera::test {

namespace {

constexpr auto kPatience = std::chrono::seconds(30);
constexpr auto kPoll = std::chrono::milliseconds(25);

bool accepts(int port) {
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                       Poco::Timespan(1, 0));
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

}  // namespace

int SmtpSink::freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    int port = socket.address().port();
    socket.close();
    return port;
}

SmtpSink::SmtpSink(std::filesystem::path folder) : folder_(std::move(folder)) {
    std::filesystem::create_directories(folder_);
    port_ = freePort();
    Poco::Process::Env env;
    env["PYTHONPATH"] = TESSERA_TEST_SUPPORT_DIR;
    Poco::Process::Args args = {"-m",
                                "aiosmtpd",
                                "-n",
                                "-l",
                                "127.0.0.1:" + std::to_string(port_),
                                "-c",
                                "smtp_sink.Sink",
                                folder_.string()};
    process_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
        TESSERA_SYSTEM_PYTHON, args, folder_.string(), nullptr, nullptr, nullptr, env));
    auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (!accepts(port_)) {
        if (std::chrono::steady_clock::now() > deadline || !Poco::Process::isRunning(*process_)) {
            throw std::runtime_error(
                "the SMTP sink (" TESSERA_SYSTEM_PYTHON
                " -m aiosmtpd) did not start: install python3-aiosmtpd (tools/setup --test)");
        }
        std::this_thread::sleep_for(kPoll);
    }
}

SmtpSink::~SmtpSink() {
    if (process_ && Poco::Process::isRunning(*process_)) {
        Poco::Process::kill(*process_);
        process_->wait();
    }
}

std::vector<std::string> SmtpSink::waitForMessages(std::size_t count) const {
    auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (true) {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
            if (entry.path().extension() == ".eml") {
                files.push_back(entry.path());
            }
        }
        if (files.size() >= count) {
            std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
                return std::stoi(a.stem().string()) < std::stoi(b.stem().string());
            });
            std::vector<std::string> messages;
            for (const auto& file : files) {
                std::ifstream in(file, std::ios::binary);
                std::stringstream content;
                content << in.rdbuf();
                messages.push_back(content.str());
            }
            return messages;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            throw std::runtime_error("the SMTP sink received " + std::to_string(files.size()) +
                                     " of " + std::to_string(count) + " messages");
        }
        std::this_thread::sleep_for(kPoll);
    }
}

}  // namespace tessera::test
