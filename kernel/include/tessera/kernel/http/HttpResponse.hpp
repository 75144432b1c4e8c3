#pragma once

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
