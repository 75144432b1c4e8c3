#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera::kernel {

/// The answer a handler builds; the server adds the security headers and writes it.
struct HttpResponse {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// When set, the body is whatever this writes, sent with chunked transfer encoding as it
    /// comes (`body` is ignored), so a large answer needs no memory of its size. It runs on
    /// the connection's thread after the handler returned: check permissions and throw before
    /// setting it. Once it runs the status is sent; if it throws, the connection is closed and
    /// the client sees a truncated body.
    std::function<void(std::ostream&)> stream;

    void json(const nlohmann::json& value, int statusCode = 200) {
        status = statusCode;
        contentType = "application/json";
        body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    void noContent() {
        status = 204;
        body.clear();
    }
    void setHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

}  // namespace tessera::kernel
