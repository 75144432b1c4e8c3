#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <tessera/kernel/http/HttpRequest.hpp>
#include <tessera/kernel/http/HttpResponse.hpp>

namespace tessera::kernel {

using HttpHandler = std::function<void(HttpRequest&, HttpResponse&)>;

/// Who may call a route.
enum class RouteAccess { Public, SignedIn };

/// Maps a method and a path to a handler. Patterns are '/'-separated; a segment `{name}`
/// matches any one non-empty segment and lands in HttpRequest::params. Literal segments win
/// over parameters, whatever the order of registration. Build before serving; lookups are
/// then thread-safe.
class Router {
public:
    struct Route {
        std::string method;
        std::string pattern;
        RouteAccess access = RouteAccess::SignedIn;
        HttpHandler handler;
    };

    /// Adds a route; throws std::invalid_argument for a duplicate method and pattern.
    void add(std::string method, std::string pattern, RouteAccess access, HttpHandler handler);

    /// The route for the request, with its path parameters filled in; HttpError 404 when no
    /// pattern matches, 405 (with Allow) when one matches with another method.
    const Route& match(HttpRequest& request) const;

private:
    struct Compiled {
        Route route;
        std::vector<std::string> segments;
        int literals = 0;
    };
    std::vector<Compiled> routes_;
};

}  // namespace tessera::kernel
