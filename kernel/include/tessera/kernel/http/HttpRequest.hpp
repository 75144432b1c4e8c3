#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera::kernel {

/// Who a request acts for, once authenticated.
struct Principal {
    std::int64_t userId = 0;
    /// Set when the session cookie authenticated the request (CSRF applies); empty for a token.
    std::string sessionHash;
    std::string csrfToken;
};

/// A request as handlers see it: decoded path, query parameters in order, lower-case header
/// names, the whole body (already checked against server.max_body) and the path parameters the
/// router matched. Owned by the serving thread.
struct HttpRequest {
    std::string method{};
    std::string path{};
    std::vector<std::pair<std::string, std::string>> query{};
    std::map<std::string, std::string> headers{};
    std::string body{};
    std::string clientAddress{};
    std::map<std::string, std::string> params{};
    std::optional<Principal> principal{};

    /// The header's value, "" when absent; `name` in lower case.
    std::string header(const std::string& name) const;
    /// The first query parameter of that name.
    std::optional<std::string> queryValue(const std::string& name) const;
    /// The value of a cookie sent with the request.
    std::optional<std::string> cookie(const std::string& name) const;
    /// The body as a JSON object; HttpError 415 (not JSON), 400 (bad UTF-8 or syntax, naming
    /// line and column) or 422 (not an object).
    nlohmann::json jsonObject() const;
};

}  // namespace tessera::kernel
