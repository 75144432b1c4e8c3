#include <tessera/kernel/http/AuthApi.hpp>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/Totp.hpp>
#include <tessera/kernel/http/HttpError.hpp>

namespace tessera::kernel {

namespace {

/// A string member of the body, limited in length; 422 naming the field otherwise.
std::string stringField(const nlohmann::json& body, const std::string& name, bool required,
                        std::size_t maxLength = 1024) {
    if (!body.contains(name) || body[name].is_null()) {
        if (required) {
            throw HttpError(422, "validation", name + " is required", {{name, "required"}});
        }
        return {};
    }
    if (!body[name].is_string()) {
        throw HttpError(422, "validation", name + " must be a string",
                        {{name, "must be a string"}});
    }
    std::string value = body[name].get<std::string>();
    if (value.size() > maxLength) {
        throw HttpError(422, "validation",
                        name + " is longer than " + std::to_string(maxLength) + " bytes",
                        {{name, "at most " + std::to_string(maxLength) + " bytes"}});
    }
    return value;
}

nlohmann::json userJson(const UserCredentials::UserRow& user) {
    return {{"id", user.id},       {"login", user.login}, {"displayName", user.displayName},
            {"email", user.email}, {"roles", user.roles}};
}

HttpError throttled(std::int64_t seconds) {
    HttpError error(429, "too_many_attempts",
                    "too many failed sign-ins for this login or address: try again in " +
                        std::to_string(seconds) + " seconds");
    error.headers.emplace_back("Retry-After", std::to_string(seconds));
    return error;
}

void signIn(WebApplication& app, HttpRequest& request, HttpResponse& response) {
    nlohmann::json body = request.jsonObject();
    std::string login = stringField(body, "login", true, 200);
    std::string password = stringField(body, "password", true, PasswordHasher::kMaxLength);
    std::string code = stringField(body, "totp", false, 16);
    bool remember = false;
    if (body.contains("remember") && !body["remember"].is_null()) {
        if (!body["remember"].is_boolean()) {
            throw HttpError(422, "validation", "remember must be true or false",
                            {{"remember", "must be true or false"}});
        }
        remember = body["remember"].get<bool>();
    }
    if (auto wait = app.throttle().retryAfter(login, request.clientAddress)) {
        throw throttled(*wait);
    }
    auto credentials = app.credentials().byLogin(login);
    bool ok = false;
    if (credentials && credentials->active && !credentials->passwordHash.empty()) {
        ok = app.hasher().verify(credentials->passwordHash, password);
    } else {
        app.hasher().verifyDummy(password);
    }
    if (!ok) {
        app.throttle().recordFailure(login, request.clientAddress);
        throw HttpError(401, "invalid_credentials", "the login or the password is wrong");
    }
    auto totp = app.credentials().totp(credentials->userId);
    if (totp && totp->enabled) {
        if (code.empty()) {
            throw HttpError(401, "totp_required",
                            "this account has a second factor: send the 6-digit code from the "
                            "authenticator app as 'totp' with the login and password",
                            {{"totp", "required"}});
        }
        if (!app.credentials().acceptTotp(credentials->userId, totp->secret, code)) {
            app.throttle().recordFailure(login, request.clientAddress);
            throw HttpError(401, "invalid_totp",
                            "the one-time code is wrong or expired: send the current code",
                            {{"totp", "wrong or expired"}});
        }
    }
    app.throttle().clear(login);
    if (auto old = request.cookie(WebApplication::kSessionCookie)) {
        app.sessions().remove(*old);
    }
    SessionStore::Created session = app.sessions().create(credentials->userId, remember);
    request.principal = Principal{credentials->userId, sha256Hex(session.cookieValue),
                                  session.csrfToken};
    response.setHeader("Set-Cookie", app.sessionCookie(session.cookieValue, false, remember));
    auto user = app.credentials().user(credentials->userId);
    response.json({{"user", user ? userJson(*user) : nlohmann::json::object()},
                   {"csrfToken", session.csrfToken}});
}

std::int64_t userOf(const HttpRequest& request) {
    return request.principal->userId;
}

}  // namespace

void AuthApi::install(WebApplication& app) {
    Router& r = app.router();
    r.add("POST", "/api/v1/session", RouteAccess::Public,
          [&app](HttpRequest& request, HttpResponse& response) { signIn(app, request, response); });

    r.add("DELETE", "/api/v1/session", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              if (auto cookie = request.cookie(WebApplication::kSessionCookie)) {
                  app.sessions().remove(*cookie);
              }
              response.setHeader("Set-Cookie", app.sessionCookie("", true));
              response.noContent();
          });

    r.add("GET", "/api/v1/me", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              auto user = app.credentials().user(userOf(request));
              if (!user || !user->active) {
                  throw HttpError(401, "unauthorized", "this account is deactivated");
              }
              nlohmann::json body = {{"user", userJson(*user)}};
              auto totp = app.credentials().totp(user->id);
              body["totpEnabled"] = totp && totp->enabled;
              if (!request.principal->csrfToken.empty()) {
                  body["csrfToken"] = request.principal->csrfToken;
              }
              response.json(body);
          });

    r.add("POST", "/api/v1/me/password", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              nlohmann::json body = request.jsonObject();
              std::string current =
                  stringField(body, "currentPassword", true, PasswordHasher::kMaxLength);
              std::string next = stringField(body, "newPassword", true, PasswordHasher::kMaxLength);
              auto user = app.credentials().user(userOf(request));
              auto login = user ? app.credentials().byLogin(user->login) : std::nullopt;
              if (!login || !app.hasher().verify(login->passwordHash, current)) {
                  throw HttpError(422, "validation", "the current password is wrong",
                                  {{"currentPassword", "wrong"}});
              }
              if (next.size() < PasswordHasher::kMinLength) {
                  throw HttpError(422, "validation",
                                  "the new password needs at least " +
                                      std::to_string(PasswordHasher::kMinLength) + " characters",
                                  {{"newPassword", "too short"}});
              }
              app.credentials().setPasswordHash(login->userId, app.hasher().hash(next));
              app.sessions().removeAllOf(login->userId);
              SessionStore::Created session = app.sessions().create(login->userId);
              response.setHeader("Set-Cookie", app.sessionCookie(session.cookieValue));
              response.json({{"csrfToken", session.csrfToken}});
          });

    r.add("POST", "/api/v1/me/totp", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              auto state = app.credentials().totp(userOf(request));
              if (state && state->enabled) {
                  throw HttpError(409, "conflict",
                                  "the second factor is already on: turn it off first");
              }
              std::string secret = Totp::generateSecret();
              app.credentials().setTotp(userOf(request), secret, false);
              auto user = app.credentials().user(userOf(request));
              response.json({{"secret", secret},
                             {"uri", Totp::uri(secret, user ? user->login : "")}},
                            201);
          });

    r.add("POST", "/api/v1/me/totp/verify", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              nlohmann::json body = request.jsonObject();
              std::string code = stringField(body, "code", true, 16);
              auto state = app.credentials().totp(userOf(request));
              if (!state) {
                  throw HttpError(409, "conflict",
                                  "no second factor is being set up: POST /api/v1/me/totp first");
              }
              if (!app.credentials().acceptTotp(userOf(request), state->secret, code)) {
                  throw HttpError(422, "validation", "the code is wrong or expired",
                                  {{"code", "wrong or expired"}});
              }
              app.credentials().setTotp(userOf(request), state->secret, true);
              response.json({{"totpEnabled", true}});
          });

    r.add("DELETE", "/api/v1/me/totp", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              nlohmann::json body = request.jsonObject();
              std::string code = stringField(body, "code", true, 16);
              auto state = app.credentials().totp(userOf(request));
              if (state && state->enabled &&
                  !app.credentials().acceptTotp(userOf(request), state->secret, code)) {
                  throw HttpError(422, "validation", "the code is wrong or expired",
                                  {{"code", "wrong or expired"}});
              }
              app.credentials().removeTotp(userOf(request));
              response.noContent();
          });

    r.add("POST", "/api/v1/tokens", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              nlohmann::json body = request.jsonObject();
              std::string name = stringField(body, "name", true, 100);
              if (name.empty()) {
                  throw HttpError(422, "validation", "name must not be empty",
                                  {{"name", "required"}});
              }
              ApiTokenStore::Created created = app.tokens().create(userOf(request), name);
              response.json({{"id", created.info.id},
                             {"name", created.info.name},
                             {"createdAt", created.info.createdAt},
                             {"token", created.token}},
                            201);
          });

    r.add("GET", "/api/v1/tokens", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              nlohmann::json data = nlohmann::json::array();
              for (const auto& info : app.tokens().list(userOf(request))) {
                  data.push_back({{"id", info.id},
                                  {"name", info.name},
                                  {"createdAt", info.createdAt},
                                  {"lastUsedAt", info.lastUsedAt}});
              }
              response.json({{"data", data}});
          });

    r.add("DELETE", "/api/v1/tokens/{id}", RouteAccess::SignedIn,
          [&app](HttpRequest& request, HttpResponse& response) {
              if (!app.tokens().revoke(userOf(request), request.params.at("id"))) {
                  throw HttpError(404, "not_found", "you have no API token with this id");
              }
              response.noContent();
          });
}

}  // namespace tessera::kernel
