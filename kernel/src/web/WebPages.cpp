#include <tessera/kernel/web/WebPages.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <ctemplate/template.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/auth/Totp.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/jobs/JobAdminPages.hpp>
#include <tessera/kernel/web/AccountPages.hpp>
#include <tessera/kernel/web/AdminPages.hpp>
#include <tessera/kernel/web/FilePages.hpp>
#include <tessera/kernel/web/NotificationPages.hpp>
#include <tessera/kernel/web/PageSupport.hpp>
#include <tessera/kernel/web/PluginPages.hpp>
#include <tessera/kernel/web/RecordPages.hpp>

namespace tessera::kernel {

namespace {

std::string contentTypeOf(const std::string& name) {
    auto ends = [&](const char* suffix) { return name.ends_with(suffix); };
    if (ends(".css"))
        return "text/css; charset=utf-8";
    if (ends(".js"))
        return "text/javascript; charset=utf-8";
    if (ends(".svg"))
        return "image/svg+xml";
    if (ends(".png"))
        return "image/png";
    if (ends(".ico"))
        return "image/x-icon";
    if (ends(".woff2"))
        return "font/woff2";
    return "application/octet-stream";
}

void sendStatic(HttpResponse& response, const std::string& name,
                const std::optional<std::filesystem::path>& path) {
    if (!path) {
        throw HttpError(404, "not_found", "there is no static file with this name");
    }
    std::ifstream in(*path, std::ios::binary);
    std::stringstream data;
    data << in.rdbuf();
    response.status = 200;
    response.contentType = contentTypeOf(name);
    response.body = data.str();
    response.setHeader("Cache-Control", "public, max-age=3600");
}

/// Where to go after signing in: a local path only, never another site.
std::string safeNext(const std::string& next) {
    if (next.size() > 1 && next.front() == '/' && next[1] != '/' && next[1] != '\\' &&
        next.find_first_of("\r\n") == std::string::npos) {
        return next;
    }
    return "/";
}

void renderLogin(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                 const std::string& login, const std::string& next, const std::string& error,
                 bool askTotp, int status) {
    ctemplate::TemplateDictionary dict("login");
    dict.SetValue("LOGIN", login);
    dict.SetValue("NEXT", next);
    if (request.method == "POST" && FormData::parse(request.body).has("remember")) {
        dict.ShowSection("REMEMBER");
    }
    if (!error.empty()) {
        dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    }
    if (askTotp) {
        dict.ShowSection("TOTP");
    }
    pages.respond(request, response, "Sign in", "login.tpl", dict, {}, status);
}

void signIn(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    WebApplication& app = pages.app();
    FormData form = FormData::parse(request.body);
    std::string login = form.value("login").substr(0, 200);
    std::string password = form.value("password");
    std::string code = form.value("totp").substr(0, 16);
    std::string next = safeNext(form.value("next"));
    if (password.size() > PasswordHasher::kMaxLength) {
        password.clear();
    }
    if (auto wait = app.throttle().retryAfter(login, request.clientAddress)) {
        response.setHeader("Retry-After", std::to_string(*wait));
        renderLogin(pages, request, response, login, next,
                    "Too many failed sign-ins for this login or address: try again in " +
                        std::to_string(*wait) + " seconds.",
                    !code.empty(), 429);
        return;
    }
    auto credentials = app.credentials().byLogin(login);
    bool ok = false;
    if (credentials && credentials->active && !credentials->passwordHash.empty() &&
        !password.empty()) {
        ok = app.hasher().verify(credentials->passwordHash, password);
    } else {
        app.hasher().verifyDummy(password);
    }
    if (!ok) {
        app.throttle().recordFailure(login, request.clientAddress);
        renderLogin(pages, request, response, login, next, "The login or the password is wrong.",
                    false, 401);
        return;
    }
    auto totp = app.credentials().totp(credentials->userId);
    if (totp && totp->enabled) {
        if (code.empty()) {
            renderLogin(pages, request, response, login, next,
                        "This account has a second factor: enter the 6-digit code from your "
                        "authenticator app with your password.",
                        true, 401);
            return;
        }
        if (!app.credentials().acceptTotp(credentials->userId, totp->secret, code)) {
            app.throttle().recordFailure(login, request.clientAddress);
            renderLogin(pages, request, response, login, next,
                        "The one-time code is wrong or expired: enter the current code.", true,
                        401);
            return;
        }
    }
    app.throttle().clear(login);
    if (auto old = request.cookie(WebApplication::kSessionCookie)) {
        app.sessions().remove(*old);
    }
    bool remember = form.has("remember");
    SessionStore::Created session = app.sessions().create(credentials->userId, remember);
    response.setHeader("Set-Cookie", app.sessionCookie(session.cookieValue, false, remember));
    std::string theme = app.credentials().setting(credentials->userId, "theme");
    if (!theme.empty()) {
        response.setHeader("Set-Cookie", PageSupport::themeCookie(theme));
    }
    pages.redirect(response, next);
}

}  // namespace

void WebPages::install(WebApplication& app) {
    TemplateRenderer::Options options;
    options.root = TemplateRenderer::defaultRoot();
    options.theme = app.options().theme;
    install(app, std::move(options));
}

void WebPages::install(WebApplication& app, TemplateRenderer::Options options) {
    // Shared by the route handlers, which the router keeps as long as the application lives.
    auto pages = std::make_shared<PageSupport>(app, std::move(options));
    Router& r = app.router();

    r.add("GET", "/", RouteAccess::Public,
          pages->page([pages](HttpRequest& request, HttpResponse& response) {
              ctemplate::TemplateDictionary dict("home");
              auto context = pages->app().access().contextFor(PageSupport::callerOf(request));
              dict.SetValue("USER", context->displayName);
              for (const auto& [name, entity] : pages->app().records().schema().entities()) {
                  if (!entity.inMenu ||
                      (!context->unrestricted() &&
                       context->grant(name, sdk::Action::Read).level == ScopeLevel::None)) {
                      continue;
                  }
                  auto* item = dict.AddSectionDictionary("ENTITY");
                  item->SetValue("LABEL", entity.pluralLabel);
                  item->SetValue("HREF", "/r/" + entity.slug);
              }
              if (const WebExtensions* extensions = pages->extensions()) {
                  PluginPages::renderSlot(*pages, *extensions, request, sdk::Slot::Home, "", 0,
                                          nullptr, dict, "SLOT_HOME");
              }
              pages->respond(request, response, "Home", "home.tpl", dict);
          }));

    r.add("GET", "/login", RouteAccess::Public,
          pages->page(
              [pages](HttpRequest& request, HttpResponse& response) {
                  std::string next = safeNext(request.queryValue("next").value_or("/"));
                  if (request.principal) {
                      pages->redirect(response, next);
                      return;
                  }
                  renderLogin(*pages, request, response, "", next, "", false, 200);
              },
              false));

    r.add("POST", "/login", RouteAccess::Public,
          pages->page(
              [pages](HttpRequest& request, HttpResponse& response) {
                  request.principal.reset();
                  signIn(*pages, request, response);
              },
              false));

    r.add("POST", "/logout", RouteAccess::Public,
          pages->page([pages](HttpRequest& request, HttpResponse& response) {
              if (auto cookie = request.cookie(WebApplication::kSessionCookie)) {
                  pages->app().sessions().remove(*cookie);
              }
              response.setHeader("Set-Cookie", pages->app().sessionCookie("", true));
              pages->redirect(response, "/login", "signed_out");
          }));

    r.add("GET", "/search", RouteAccess::Public,
          pages->page([pages](HttpRequest& request, HttpResponse& response) {
              std::string q = request.queryValue("q").value_or("");
              if (q.size() > 200) {
                  throw HttpError(400, "bad_query", "Search for at most 200 characters.");
              }
              ctemplate::TemplateDictionary dict("search");
              dict.SetValue("Q", q);
              const Schema& schema = pages->app().records().schema();
              if (!q.empty()) {
                  auto hits = pages->app().records().search(PageSupport::callerOf(request), q, 50);
                  for (const auto& hit : hits) {
                      auto it = schema.entities().find(hit.entity);
                      if (it == schema.entities().end()) {
                          continue;
                      }
                      auto* row = dict.AddSectionDictionary("HIT");
                      row->SetValue("ENTITY", it->second.label);
                      row->SetValue("TITLE",
                                    hit.title.empty() ? "#" + std::to_string(hit.id) : hit.title);
                      row->SetValue("SNIPPET", hit.snippet);
                      row->SetValue("HREF", "/r/" + it->second.slug + "/" + std::to_string(hit.id));
                  }
                  if (hits.empty()) {
                      dict.ShowSection("NO_HITS");
                  }
              }
              pages->respond(request, response, "Search", "search.tpl", dict,
                             {{"Home", "/"}, {"Search", ""}});
          }));

    r.add("GET", "/static/{file}", RouteAccess::Public,
          [pages](HttpRequest& request, HttpResponse& response) {
              sendStatic(response, request.params.at("file"),
                         pages->renderer().locateStatic(request.params.at("file")));
          });
    r.add("GET", "/themes/{theme}/{file}", RouteAccess::Public,
          [pages](HttpRequest& request, HttpResponse& response) {
              const std::string& name = request.params.at("file");
              sendStatic(response, name,
                         pages->rendererForTheme(request.params.at("theme")).locateStatic(name));
          });
    r.add("GET", "/plugins/{plugin}/{file}", RouteAccess::Public,
          [&app](HttpRequest& request, HttpResponse& response) {
              const std::string& name = request.params.at("file");
              std::optional<std::filesystem::path> path;
              const PluginSpec* spec =
                  app.options().kernel ? app.options().kernel->plugins().find(request.params.at("plugin"))
                                       : nullptr;
              if (spec && spec->isActive() && isPlainFileName(name) &&
                  std::filesystem::is_regular_file(spec->directory / "static" / name)) {
                  path = spec->directory / "static" / name;
              }
              sendStatic(response, name, path);
          });

    RecordPages::install(app, pages);
    AccountPages::install(app, pages);
    AdminPages::install(app, pages);
    if (const WebExtensions* extensions = pages->extensions()) {
        PluginPages::install(app, pages, *extensions);
    }
    FilePages::install(app, pages);
    NotificationPages::install(app, pages);
    JobAdminPages::installJobs(app, pages);
    JobAdminPages::installOutbox(app, pages);
    JobAdminPages::installWebhooks(app, pages);
}

}  // namespace tessera::kernel
