#include <tessera/kernel/http/Router.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>

#include <tessera/kernel/http/HttpError.hpp>

namespace tessera::kernel {

namespace {

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        std::size_t end = path.find('/', pos);
        if (end == std::string::npos) {
            end = path.size();
        }
        if (end > pos) {
            segments.push_back(path.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    return segments;
}

bool isParameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, RouteAccess access,
                 HttpHandler handler) {
    for (const auto& existing : routes_) {
        if (existing.route.method == method && existing.route.pattern == pattern) {
            throw std::invalid_argument("the route " + method + " " + pattern +
                                        " is registered twice");
        }
    }
    Compiled compiled;
    compiled.segments = splitPath(pattern);
    for (const auto& segment : compiled.segments) {
        compiled.literals += isParameter(segment) ? 0 : 1;
    }
    compiled.route = Route{std::move(method), std::move(pattern), access, std::move(handler)};
    routes_.push_back(std::move(compiled));
}

const Router::Route& Router::match(HttpRequest& request) const {
    std::vector<std::string> segments = splitPath(request.path);
    const Compiled* best = nullptr;
    std::map<std::string, std::string> bestParams;
    std::set<std::string> allowed;
    int mostLiteralMismatch = -1;
    for (const auto& candidate : routes_) {
        if (candidate.segments.size() != segments.size()) {
            continue;
        }
        std::map<std::string, std::string> params;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) {
            const std::string& want = candidate.segments[i];
            if (isParameter(want)) {
                params[want.substr(1, want.size() - 2)] = segments[i];
            } else {
                matches = want == segments[i];
            }
        }
        if (!matches) {
            continue;
        }
        bool sameMethod = candidate.route.method == request.method ||
                          (request.method == "HEAD" && candidate.route.method == "GET");
        if (!sameMethod) {
            allowed.insert(candidate.route.method);
            mostLiteralMismatch = std::max(mostLiteralMismatch, candidate.literals);
            continue;
        }
        if (!best || candidate.literals > best->literals) {
            best = &candidate;
            bestParams = std::move(params);
        }
    }
    if (best && best->literals >= mostLiteralMismatch) {
        request.params = std::move(bestParams);
        return best->route;
    }
    if (!allowed.empty()) {
        std::string list;
        for (const auto& m : allowed) {
            list += (list.empty() ? "" : ", ") + m;
        }
        HttpError error(405, "method_not_allowed",
                        "this address does not take " + request.method + "; it takes " + list);
        error.headers.emplace_back("Allow", list);
        throw error;
    }
    throw HttpError(404, "not_found", "there is nothing at " + request.path.substr(0, 200));
}

}  // namespace tessera::kernel
