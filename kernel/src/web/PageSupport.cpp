#include <tessera/kernel/web/PageSupport.hpp>

#include <map>

#include <ctemplate/template.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

const std::map<std::string, std::string>& flashMessages() {
    static const std::map<std::string, std::string> messages = {
        {"created", "The record was created."},
        {"saved", "Your changes were saved."},
        {"deleted", "The record was moved to the trash."},
        {"restored", "The record was restored from the trash."},
        {"purged", "The record was deleted for good."},
        {"moved", "The card was moved."},
        {"password_changed", "Your password was changed; other sessions were signed out."},
        {"token_revoked", "The API token was revoked."},
        {"totp_on", "The second factor is on: sign-ins now ask for a code."},
        {"totp_off", "The second factor is off."},
        {"bulk_deleted", "The selected records were moved to the trash."},
        {"bulk_assigned", "The selected records are yours now."},
        {"signed_out", "You are signed out."}};
    return messages;
}

int statusForCode(const std::string& code) {
    if (code == "validation")
        return 422;
    if (code == "not_found")
        return 404;
    if (code == "forbidden")
        return 403;
    if (code == "conflict")
        return 409;
    if (code == "unauthorized")
        return 401;
    return 400;
}

const char* headingFor(int status) {
    switch (status) {
        case 400:
            return "The request is not valid";
        case 401:
            return "Sign in first";
        case 403:
            return "Not allowed";
        case 404:
            return "Not found";
        case 409:
            return "Changed meanwhile";
        case 422:
            return "Not valid";
        case 429:
            return "Too many attempts";
        default:
            return status >= 500 ? "Something went wrong" : "The request failed";
    }
}

}  // namespace

PageSupport::PageSupport(WebApplication& app, TemplateRenderer::Options options)
    : app_(app), renderer_(std::move(options)) {}

sdk::Caller PageSupport::callerOf(const HttpRequest& request) {
    return sdk::Caller::user(request.principal->userId);
}

std::optional<Principal> PageSupport::sessionOf(const HttpRequest& request) {
    if (auto cookie = request.cookie(WebApplication::kSessionCookie)) {
        return app_.sessions().find(*cookie);
    }
    return std::nullopt;
}

HttpHandler PageSupport::page(PageHandler handler, bool signedIn) {
    return [this, handler = std::move(handler), signedIn](HttpRequest& request,
                                                          HttpResponse& response) {
        try {
            request.principal = sessionOf(request);
            if (signedIn && !request.principal) {
                std::string next = request.method == "GET" ? request.path : "/";
                redirect(response, "/login?" + FormData::encode({{"next", next}}));
                return;
            }
            if (signedIn && request.method == "POST") {
                std::string token = FormData::parse(request.body).value(kCsrfField);
                if (!constantTimeEquals(token, request.principal->csrfToken)) {
                    throw HttpError(403, "csrf",
                                    "the form was not sent from a page of this session: reload "
                                    "the page and send it again");
                }
            }
            handler(request, response);
        } catch (const HttpError& e) {
            errorPage(request, response, e.status(), e.what());
        } catch (const sdk::PluginError& e) {
            errorPage(request, response, statusForCode(e.error().code), e.error().message);
        } catch (const std::exception& e) {
            spdlog::error("page {} {} failed: {}", request.method, request.path.substr(0, 300),
                          e.what());
            errorPage(request, response, 500,
                      "The server could not show this page. The details are in its log.");
        }
    };
}

void PageSupport::respond(HttpRequest& request, HttpResponse& response, const std::string& title,
                          const std::string& templateName,
                          const ctemplate::TemplateDictionary& dict,
                          const std::vector<Crumb>& crumbs, int status) {
    std::string body = renderer_.render(templateName, dict);
    ctemplate::TemplateDictionary layout("layout");
    layout.SetValue("TITLE", title);
    layout.SetValue("BODY", body);
    layout.SetValue("THEME", renderer_.options().theme);
    if (request.principal) {
        auto context = app_.access().contextFor(callerOf(request));
        auto* user = layout.AddSectionDictionary("SIGNED_IN");
        user->SetValue("USER", context->displayName);
        user->SetValue("CSRF", request.principal->csrfToken);
        user->SetValue("Q", request.path == "/search" ? request.queryValue("q").value_or("") : "");
        for (const auto& [name, entity] : app_.records().schema().entities()) {
            if (!context->unrestricted() &&
                context->grant(name, sdk::Action::Read).level == ScopeLevel::None) {
                continue;
            }
            auto* item = layout.AddSectionDictionary("NAV");
            item->SetValue("LABEL", entity.pluralLabel);
            item->SetValue("HREF", "/r/" + entity.slug);
            if (request.path == "/r/" + entity.slug ||
                request.path.starts_with("/r/" + entity.slug + "/")) {
                item->ShowSection("CURRENT");
            }
        }
    }
    if (auto flash = request.cookie(kFlashCookie)) {
        auto it = flashMessages().find(*flash);
        if (it != flashMessages().end()) {
            layout.SetValueAndShowSection("FLASH", it->second, "HAS_FLASH");
        }
        response.setHeader("Set-Cookie", std::string(kFlashCookie) +
                                             "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    }
    if (!crumbs.empty()) {
        auto* trail = layout.AddSectionDictionary("BREADCRUMB");
        for (const auto& crumb : crumbs) {
            auto* item = trail->AddSectionDictionary("CRUMB");
            item->SetValue("LABEL", crumb.label);
            if (crumb.href.empty()) {
                item->ShowSection("HERE");
            } else {
                item->SetValueAndShowSection("HREF", crumb.href, "LINK");
            }
        }
    }
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = renderer_.render("layout.tpl", layout);
    response.setHeader("Cache-Control", "no-store");
}

void PageSupport::errorPage(HttpRequest& request, HttpResponse& response, int status,
                            const std::string& message) {
    ctemplate::TemplateDictionary dict("error");
    dict.SetIntValue("STATUS", status);
    dict.SetValue("HEADING", headingFor(status));
    dict.SetValue("MESSAGE", message);
    response.headers.clear();
    try {
        respond(request, response, headingFor(status), "error.tpl", dict, {}, status);
    } catch (const std::exception& e) {
        spdlog::error("error page {} failed: {}", status, e.what());
        response.status = status;
        response.contentType = "text/plain; charset=utf-8";
        response.body = headingFor(status);
    }
}

void PageSupport::redirect(HttpResponse& response, const std::string& location,
                           const std::string& flash) const {
    response.status = 303;
    response.contentType = "text/plain; charset=utf-8";
    response.body.clear();
    response.setHeader("Location", location);
    if (!flash.empty()) {
        response.setHeader("Set-Cookie", std::string(kFlashCookie) + "=" + flash +
                                             "; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    }
}

}  // namespace tessera::kernel
