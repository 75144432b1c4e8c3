#include <tessera/kernel/http/HttpServer.hpp>

#include <chrono>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <streambuf>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <spdlog/spdlog.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Most bytes of an oversized body read and thrown away before answering 413.
constexpr std::size_t kMaxDrain = 16 * 1024 * 1024;

int statusForCode(const std::string& code) {
    if (code == "validation") return 422;
    if (code == "not_found") return 404;
    if (code == "forbidden") return 403;
    if (code == "conflict") return 409;
    if (code == "unauthorized") return 401;
    return 400;
}

std::string htmlEscape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

void answerError(const HttpRequest& request, HttpResponse& response, int status,
                 const std::string& code, const std::string& message,
                 const std::map<std::string, std::string>& fields) {
    response.headers.clear();
    if (request.path.starts_with("/api/") ||
        request.header("accept").find("application/json") != std::string::npos) {
        response.json(errorBody(code, message, fields), status);
        return;
    }
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                    std::to_string(status) + "</title></head><body><h1>" + std::to_string(status) +
                    "</h1><p>" + htmlEscape(message) + "</p></body></html>";
}

/// Passes bytes through to another stream, counting them for the request log.
class CountingStream {
public:
    explicit CountingStream(std::ostream& target) : buffer_(target), stream_(&buffer_) {
        stream_.exceptions(std::ios::badbit);
    }
    std::ostream& stream() { return stream_; }
    std::size_t count() const { return buffer_.count; }

private:
    struct Buffer final : std::streambuf {
        explicit Buffer(std::ostream& out) : target(out) {}
        int_type overflow(int_type c) override {
            if (traits_type::eq_int_type(c, traits_type::eof())) {
                return traits_type::not_eof(c);
            }
            char ch = traits_type::to_char_type(c);
            return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
        }
        std::streamsize xsputn(const char* data, std::streamsize size) override {
            target.write(data, size);
            if (!target) {
                throw std::runtime_error("the client closed the connection");
            }
            count += static_cast<std::size_t>(size);
            return size;
        }
        int sync() override {
            target.flush();
            return target ? 0 : -1;
        }
        std::ostream& target;
        std::size_t count = 0;
    };
    Buffer buffer_;
    std::ostream stream_;
};

class Connection final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Connection(const HttpServer& server) : server_(server) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        auto started = std::chrono::steady_clock::now();
        HttpRequest request;
        HttpResponse response;
        request.method = in.getMethod();
        request.clientAddress = in.clientAddress().host().toString();
        bool readBody = true;
        try {
            Poco::URI uri(in.getURI());
            request.path = uri.getPath();
            for (auto& [key, value] : uri.getQueryParameters()) {
                request.query.emplace_back(std::move(key), std::move(value));
            }
            for (const auto& [name, value] : in) {
                std::string lower = name;
                for (auto& c : lower) {
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                }
                auto [it, fresh] = request.headers.emplace(lower, value);
                if (!fresh) {
                    it->second += ", " + value;
                }
            }
        } catch (const Poco::Exception&) {
            request.path = "/";
            answerError(request, response, 400, "bad_request",
                        "the request address is malformed: percent-encode the path and query", {});
            readBody = false;
        }
        if (readBody) {
            std::size_t limit = server_.options().maxBody;
            std::streamsize declared = in.getContentLength64();
            if (declared > 0 && static_cast<std::size_t>(declared) > limit) {
                readBody = false;
            } else {
                std::istream& stream = in.stream();
                std::string buffer(64 * 1024, '\0');
                while (stream && request.body.size() <= limit) {
                    stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                    request.body.append(buffer.data(), static_cast<std::size_t>(stream.gcount()));
                }
                readBody = request.body.size() <= limit;
            }
            if (!readBody) {
                request.body.clear();
                // Closing with unread data makes the kernel send a reset that can destroy the
                // answer before the client reads it; a bounded drain lets the 413 arrive.
                std::istream& rest = in.stream();
                std::string sink(64 * 1024, '\0');
                std::size_t drained = 0;
                while (rest && drained < kMaxDrain) {
                    rest.read(sink.data(), static_cast<std::streamsize>(sink.size()));
                    drained += static_cast<std::size_t>(rest.gcount());
                }
                answerError(request, response, 413, "body_too_large",
                            "the request body is larger than the " + std::to_string(limit) +
                                " bytes this server accepts (server.max_body): send less",
                            {});
                out.setKeepAlive(false);
            } else {
                server_.serve(request, response);
            }
        }
        out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
        out.set("Content-Security-Policy", kContentSecurityPolicy);
        out.set("X-Content-Type-Options", "nosniff");
        out.set("X-Frame-Options", "DENY");
        out.set("Referrer-Policy", "same-origin");
        out.set("Cross-Origin-Opener-Policy", "same-origin");
        if (request.path.starts_with("/api/")) {
            out.set("Cache-Control", "no-store");
        }
        if (server_.options().secure) {
            out.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        for (const auto& [name, value] : response.headers) {
            if (name == "Set-Cookie") {
                out.add(name, value);
            } else {
                out.set(name, value);
            }
        }
        bool streamed =
            static_cast<bool>(response.stream) && response.status != 204 && response.status != 304;
        std::size_t sent = response.body.size();
        if (!streamed && response.status != 204 && response.status != 304) {
            // The headers in one write and the body in another, instead of the response
            // stream's 4 KB pieces; without Nagle's delay the body leaves at once. HEAD gets the
            // headers only.
            if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in)) {
                impl->socket().setNoDelay(true);
            }
            out.setContentType(response.contentType);
            out.sendBuffer(response.body.data(), response.body.size());
            logRequest(request, response, sent, started);
            return;
        }
        if (streamed) {
            out.setContentType(response.contentType);
            out.setChunkedTransferEncoding(true);
        }
        std::ostream& body = out.send();
        if (streamed && request.method != "HEAD") {
            CountingStream counted(body);
            try {
                response.stream(counted.stream());
                counted.stream().flush();
            } catch (const std::exception& e) {
                spdlog::error("http {} {} failed while streaming: {}", request.method,
                              request.path.substr(0, 300), e.what());
                out.setKeepAlive(false);
                // Ending the chunked body would tell the client it is complete: drop the
                // connection instead.
                if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&in)) {
                    impl->socket().shutdown();
                }
            }
            sent = counted.count();
        }
        logRequest(request, response, sent, started);
    }

private:
    static void logRequest(const HttpRequest& request, const HttpResponse& response,
                           std::size_t sent, std::chrono::steady_clock::time_point started) {
        if (!spdlog::should_log(spdlog::level::info)) {
            return;
        }
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
        spdlog::info("http {} {} {} {}B {:.1f}ms user={} from={}", request.method,
                     std::string_view(request.path).substr(0, 300), response.status, sent,
                     static_cast<double>(micros) / 1000.0,
                     request.principal ? request.principal->userId : 0, request.clientAddress);
    }

    const HttpServer& server_;
};

class ConnectionFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit ConnectionFactory(const HttpServer& server) : server_(server) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Connection(server_);
    }

private:
    const HttpServer& server_;
};

}  // namespace

nlohmann::json errorBody(const std::string& code, const std::string& message,
                         const std::map<std::string, std::string>& fields) {
    nlohmann::json f = nlohmann::json::object();
    for (const auto& [name, text] : fields) {
        f[name] = text;
    }
    return {{"error", {{"code", code}, {"message", message}, {"fields", f}}}};
}

bool isValidUtf8(const std::string& text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + static_cast<std::size_t>(extra) >= n) {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return false;
        }
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

HttpServer::HttpServer(Options options, HttpHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::start() {
    int threads = std::max(2, options_.threads);
    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(threads);
    params->setMaxQueued(threads * 4);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options_.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setTimeout(Poco::Timespan(options_.requestTimeoutSeconds, 0));
    params->setServerName("tessera");
    Poco::Net::ServerSocket socket(
        Poco::Net::SocketAddress(options_.bind, static_cast<Poco::UInt16>(options_.port)), 128);
    port_ = socket.address().port();
    // The pool needs one thread beyond the connections for the acceptor.
    pool_ = std::make_unique<Poco::ThreadPool>(2, threads + 1, 60);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new ConnectionFactory(*this), *pool_, socket,
                                                      params);
    server_->start();
}

void HttpServer::stop() {
    if (server_) {
        server_->stopAll(false);
        pool_->joinAll();
        server_.reset();
        pool_.reset();
    }
}

void HttpServer::serve(HttpRequest& request, HttpResponse& response) const {
    try {
        handler_(request, response);
        return;
    } catch (const HttpError& e) {
        answerError(request, response, e.status(), e.code(), e.what(), e.fields());
        response.headers = e.headers;
        return;
    } catch (const sdk::PluginError& e) {
        const sdk::Error& error = e.error();
        answerError(request, response, statusForCode(error.code), error.code, error.message,
                    error.fields);
        return;
    } catch (const std::exception& e) {
        spdlog::error("http {} {} failed: {}", request.method, request.path.substr(0, 300),
                      e.what());
    } catch (...) {
        spdlog::error("http {} {} failed with an unknown exception", request.method,
                      request.path.substr(0, 300));
    }
    answerError(request, response, 500, "internal",
                "the server could not answer this request; the details are in its log", {});
}

}  // namespace tessera::kernel
