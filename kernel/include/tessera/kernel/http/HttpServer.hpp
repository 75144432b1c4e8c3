#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <tessera/kernel/http/Router.hpp>

namespace Poco {
class ThreadPool;
}
namespace Poco::Net {
class HTTPServer;
}

namespace tessera::kernel {

/// Poco's thread-per-connection HTTP server around one handler: reads the body within the size
/// limit, adds the security headers to every answer, logs one line per request, and turns
/// failures into JSON (or for non-API paths HTML) errors that never carry internals.
/// start() and stop() from one thread; the handler runs on the pool's threads.
class HttpServer {
public:
    struct Options {
        std::string bind = "127.0.0.1";
        /// 0 picks a free port (see port()).
        int port = 8080;
        /// Connections served at once; idle keep-alive connections hold a thread each.
        int threads = 64;
        std::size_t maxBody = 1024 * 1024;
        /// Behind HTTPS: adds Strict-Transport-Security.
        bool secure = false;
        int keepAliveSeconds = 5;
        /// How long a connection may take to send a request.
        int requestTimeoutSeconds = 15;
    };

    HttpServer(Options options, HttpHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and starts accepting; throws Poco::Exception when the address is taken.
    void start();
    /// Stops accepting, lets requests under way finish, then returns.
    void stop();
    /// The port bound (useful with port 0).
    int port() const { return port_; }
    const Options& options() const { return options_; }

    /// Handles one request the way the server does; public for the connection handler.
    void serve(HttpRequest& request, HttpResponse& response) const;

private:
    Options options_;
    HttpHandler handler_;
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int port_ = 0;
};

/// The JSON error body: {"error": {"code", "message", "fields"}}.
nlohmann::json errorBody(const std::string& code, const std::string& message,
                         const std::map<std::string, std::string>& fields = {});

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or bytes past U+10FFFF).
bool isValidUtf8(const std::string& text);

}  // namespace tessera::kernel
