#include <tessera/kernel/http/WebApplication.hpp>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/http/AuthApi.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/http/RecordApi.hpp>
#include <tessera/kernel/web/WebPages.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

WebApplication::WebApplication(Database& db, RecordStore& records, AccessControl& access,
                               Options options)
    : db_(db), records_(records), access_(access), options_(options), sessions_(db),
      throttle_(db), tokens_(db), credentials_(db), hasher_(options.passwordStrength) {
    credentials_.ensureTables();
    AuthApi::install(*this);
    RecordApi::install(*this);
    // --- HTML pages (kernel/src/web): the one place they are registered. ---
    WebPages::install(*this);
}

std::string WebApplication::sessionCookie(const std::string& value, bool clear,
                                          bool remember) const {
    std::string cookie = std::string(kSessionCookie) + "=" + value +
                         "; Path=/; HttpOnly; SameSite=Lax";
    if (clear) {
        cookie += "; Max-Age=0";
    } else if (remember) {
        cookie += "; Max-Age=" + std::to_string(SessionStore::kRememberSeconds);
    }
    if (options_.secureCookies) {
        cookie += "; Secure";
    }
    return cookie;
}

std::optional<Principal> WebApplication::authenticate(const HttpRequest& request) {
    std::string authorization = request.header("authorization");
    if (!authorization.empty()) {
        if (!authorization.starts_with("Bearer ")) {
            throw HttpError(401, "unauthorized",
                            "the Authorization header must be 'Bearer <token>' with an API token");
        }
        auto userId = tokens_.authenticate(authorization.substr(7));
        if (!userId) {
            throw HttpError(401, "unauthorized",
                            "the API token is unknown or revoked: create a new one");
        }
        return Principal{*userId, "", ""};
    }
    if (auto cookie = request.cookie(kSessionCookie)) {
        return sessions_.find(*cookie);
    }
    return std::nullopt;
}

void WebApplication::handle(HttpRequest& request, HttpResponse& response) {
    const Router::Route& route = router_.match(request);
    if (route.access == RouteAccess::SignedIn) {
        request.principal = authenticate(request);
        if (!request.principal) {
            throw HttpError(401, "unauthorized",
                            "sign in first (POST /api/v1/session) or send an API token as "
                            "'Authorization: Bearer <token>'");
        }
        try {
            // Cached per user and dropped on every change, so this costs no query when warm.
            access_.contextFor(sdk::Caller::user(request.principal->userId));
        } catch (const sdk::PluginError&) {
            request.principal.reset();
            throw HttpError(401, "unauthorized", "this account is deactivated");
        }
        bool safe = request.method == "GET" || request.method == "HEAD" ||
                    request.method == "OPTIONS";
        if (!safe && !request.principal->sessionHash.empty() &&
            !constantTimeEquals(request.header("x-csrf-token"), request.principal->csrfToken)) {
            throw HttpError(403, "csrf",
                            "the X-CSRF-Token header is missing or wrong: send the csrfToken "
                            "returned at sign-in (also in GET /api/v1/me)");
        }
    }
    route.handler(request, response);
}

}  // namespace tessera::kernel
