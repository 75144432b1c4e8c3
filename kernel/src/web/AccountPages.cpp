#include <tessera/kernel/web/AccountPages.hpp>

#include <algorithm>
#include <ctime>

#include <ctemplate/template.h>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/Totp.hpp>
#include <tessera/kernel/http/HttpError.hpp>

namespace tessera::kernel {

namespace {

std::string timeText(std::int64_t unixSeconds) {
    if (unixSeconds <= 0) {
        return "never";
    }
    std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &tm);
    return buffer;
}

void accountPage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                 const std::string& message, const std::string& newToken, int status) {
    WebApplication& app = pages.app();
    std::int64_t userId = request.principal->userId;
    ctemplate::TemplateDictionary dict("account");
    dict.SetValue("CSRF", request.principal->csrfToken);
    dict.SetIntValue("MIN_LENGTH", static_cast<long>(PasswordHasher::kMinLength));
    auto user = app.credentials().user(userId);
    dict.SetValue("LOGIN", user ? user->login : "");
    if (!message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", message, "HAS_MESSAGE");
    }
    if (!newToken.empty()) {
        dict.SetValueAndShowSection("NEW_TOKEN", newToken, "HAS_NEW_TOKEN");
    }
    auto totp = app.credentials().totp(userId);
    if (totp && totp->enabled) {
        dict.ShowSection("TOTP_ON");
    } else if (totp) {
        auto* setup = dict.AddSectionDictionary("TOTP_SETUP");
        setup->SetValue("SECRET", totp->secret);
        setup->SetValue("URI", Totp::uri(totp->secret, user ? user->login : ""));
    } else {
        dict.ShowSection("TOTP_OFF");
    }
    for (const auto& token : app.tokens().list(userId)) {
        auto* row = dict.AddSectionDictionary("TOKEN");
        row->SetValue("ID", token.id);
        row->SetValue("NAME", token.name);
        row->SetValue("CREATED", timeText(token.createdAt));
        row->SetValue("USED", timeText(token.lastUsedAt));
        row->SetValue("CSRF", request.principal->csrfToken);
    }
    std::string current = pages.rendererFor(request).options().theme;
    for (const std::string& theme : pages.themes()) {
        auto* option = dict.AddSectionDictionary("THEME_OPTION");
        option->SetValue("NAME", theme);
        if (theme == current) {
            option->ShowSection("SELECTED");
        }
    }
    pages.respond(request, response, "Your account", "account.tpl", dict,
                  {{"Home", "/"}, {"Your account", ""}}, status);
}

}  // namespace

void AccountPages::install(WebApplication& app, std::shared_ptr<PageSupport> pages) {
    Router& r = app.router();
    std::shared_ptr<PageSupport> p = pages;
    r.add("GET", "/account", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              accountPage(*p, request, response, "", "", 200);
          }));

    r.add("POST", "/account/theme", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              std::string theme = FormData::parse(request.body).value("theme");
              auto themes = p->themes();
              if (std::find(themes.begin(), themes.end(), theme) == themes.end()) {
                  accountPage(*p, request, response,
                              "Choose one of the listed themes.", "", 422);
                  return;
              }
              p->app().credentials().setSetting(request.principal->userId, "theme", theme);
              response.setHeader("Set-Cookie", PageSupport::themeCookie(theme));
              p->redirect(response, "/account", "Your theme was changed.");
          }));

    r.add("POST", "/account/password", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              WebApplication& app = p->app();
              FormData form = FormData::parse(request.body);
              std::string current = form.value("current");
              std::string next = form.value("next");
              auto user = app.credentials().user(request.principal->userId);
              auto login = user ? app.credentials().byLogin(user->login) : std::nullopt;
              if (!login || current.size() > PasswordHasher::kMaxLength ||
                  !app.hasher().verify(login->passwordHash, current)) {
                  accountPage(*p, request, response, "The current password is wrong.", "", 422);
                  return;
              }
              if (next.size() < PasswordHasher::kMinLength ||
                  next.size() > PasswordHasher::kMaxLength) {
                  accountPage(*p, request, response,
                              "The new password needs " +
                                  std::to_string(PasswordHasher::kMinLength) + " to " +
                                  std::to_string(PasswordHasher::kMaxLength) + " characters.",
                              "", 422);
                  return;
              }
              app.credentials().setPasswordHash(login->userId, app.hasher().hash(next));
              app.sessions().removeAllOf(login->userId);
              SessionStore::Created session = app.sessions().create(login->userId);
              response.setHeader("Set-Cookie", app.sessionCookie(session.cookieValue));
              p->redirect(response, "/account", "password_changed");
          }));

    r.add("POST", "/account/totp", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              auto state = p->app().credentials().totp(request.principal->userId);
              if (!state || !state->enabled) {
                  p->app().credentials().setTotp(request.principal->userId, Totp::generateSecret(),
                                                 false);
              }
              p->redirect(response, "/account");
          }));

    r.add("POST", "/account/totp/verify", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              std::int64_t userId = request.principal->userId;
              std::string code = FormData::parse(request.body).value("code").substr(0, 16);
              auto state = p->app().credentials().totp(userId);
              if (!state || state->enabled) {
                  p->redirect(response, "/account");
                  return;
              }
              if (!p->app().credentials().acceptTotp(userId, state->secret, code)) {
                  accountPage(*p, request, response,
                              "The code is wrong or expired: enter the current one.", "", 422);
                  return;
              }
              p->app().credentials().setTotp(userId, state->secret, true);
              p->redirect(response, "/account", "totp_on");
          }));

    r.add("POST", "/account/totp/off", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              std::int64_t userId = request.principal->userId;
              std::string code = FormData::parse(request.body).value("code").substr(0, 16);
              auto state = p->app().credentials().totp(userId);
              if (state && state->enabled &&
                  !p->app().credentials().acceptTotp(userId, state->secret, code)) {
                  accountPage(*p, request, response,
                              "The code is wrong or expired: enter the current one.", "", 422);
                  return;
              }
              p->app().credentials().removeTotp(userId);
              p->redirect(response, "/account", "totp_off");
          }));

    r.add("POST", "/account/tokens", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              std::string name = FormData::parse(request.body).value("name");
              if (name.empty() || name.size() > 100) {
                  accountPage(*p, request, response, "Name the token in 1 to 100 characters.", "",
                              422);
                  return;
              }
              ApiTokenStore::Created created =
                  p->app().tokens().create(request.principal->userId, name);
              accountPage(*p, request, response, "", created.token, 201);
          }));

    r.add("POST", "/account/tokens/{id}/revoke", RouteAccess::Public,
          p->page([p](HttpRequest& request, HttpResponse& response) {
              if (!p->app().tokens().revoke(request.principal->userId, request.params.at("id"))) {
                  throw HttpError(404, "not_found", "You have no API token with this id.");
              }
              p->redirect(response, "/account", "token_revoked");
          }));
}

}  // namespace tessera::kernel
