#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

namespace tessera::test {

/// An HTTP server on a loopback port that receives webhooks: it keeps every request and answers
/// the statuses it was given in turn, then 200. Thread-safe.
class WebhookReceiver {
public:
    struct Received {
        std::map<std::string, std::string> headers;
        std::string body;
        int answered = 0;
    };

    explicit WebhookReceiver(std::vector<int> statuses = {}) : state_(std::make_shared<State>()) {
        state_->statuses = std::move(statuses);
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        port_ = socket.address().port();
        auto params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(4);
        server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(state_), socket, params);
        server_->start();
    }
    ~WebhookReceiver() { server_->stopAll(true); }

    std::string url(const std::string& path = "/hook") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    std::vector<Received> received() const {
        std::lock_guard lock(state_->mutex);
        return state_->received;
    }
    /// Statuses for the next requests (then 200).
    void answer(std::vector<int> statuses) {
        std::lock_guard lock(state_->mutex);
        state_->statuses = std::move(statuses);
    }

private:
    struct State {
        std::mutex mutex;
        std::vector<int> statuses;
        std::vector<Received> received;
    };
    class Handler : public Poco::Net::HTTPRequestHandler {
    public:
        explicit Handler(std::shared_ptr<State> state) : state_(std::move(state)) {}
        void handleRequest(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) override {
            Received got;
            for (const auto& [name, value] : request) {
                got.headers[name] = value;
            }
            Poco::StreamCopier::copyToString(request.stream(), got.body);
            {
                std::lock_guard lock(state_->mutex);
                got.answered = 200;
                if (!state_->statuses.empty()) {
                    got.answered = state_->statuses.front();
                    state_->statuses.erase(state_->statuses.begin());
                }
                state_->received.push_back(got);
            }
            response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(got.answered));
            response.setContentLength(2);
            response.send() << "ok";
        }

    private:
        std::shared_ptr<State> state_;
    };
    class Factory : public Poco::Net::HTTPRequestHandlerFactory {
    public:
        explicit Factory(std::shared_ptr<State> state) : state_(std::move(state)) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(
            const Poco::Net::HTTPServerRequest&) override {
            return new Handler(state_);
        }

    private:
        std::shared_ptr<State> state_;
    };

    std::shared_ptr<State> state_;
    int port_ = 0;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace tessera::test
