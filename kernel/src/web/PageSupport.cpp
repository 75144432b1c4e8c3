#include <tessera/kernel/web/PageSupport.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NullPartHandler.h>
#include <ctemplate/template.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/web/PluginPages.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

const std::map<std::string, std::string>& flashMessages() {
    static const std::map<std::string, std::string> messages = {
        {"created", "The record was created."},
        {"saved", "Your changes were saved."},
        {"deleted", "The record was moved to the trash."},
        {"restored", "The record was restored from the trash."},
        {"undone", "The operation was undone."},
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

constexpr std::size_t kMaxFlash = 300;

/// The CSRF field of a form POST: from the urlencoded body, or from the fields of a
/// multipart/form-data body (file parts are skipped), so upload forms are checked too.
std::string csrfFieldOf(const HttpRequest& request) {
    std::string type = request.header("content-type");
    if (!type.starts_with("multipart/form-data")) {
        return FormData::parse(request.body).value(PageSupport::kCsrfField);
    }
    Poco::Net::HTTPRequest head(Poco::Net::HTTPRequest::HTTP_POST, request.path);
    head.setContentType(type);
    std::istringstream body(request.body);
    Poco::Net::NullPartHandler files;
    Poco::Net::HTMLForm form;
    form.setFieldLimit(100);
    try {
        form.load(head, body, files);
    } catch (const Poco::Exception&) {
        return {};
    }
    return form.get(PageSupport::kCsrfField, "");
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
    : app_(app), defaultTheme_(options.theme) {
    if (Kernel* kernel = app.options().kernel) {
        for (const PluginSpec* spec : kernel->plugins().plugins()) {
            if (spec->isActive() && std::filesystem::is_directory(spec->directory / "templates")) {
                options.pluginDirs.push_back(spec->directory / "templates");
            }
            if (spec->isActive() &&
                std::filesystem::is_regular_file(spec->directory / "static" / "plugin.css")) {
                pluginStyles_.push_back("/plugins/" + spec->id() + "/plugin.css");
            }
        }
    }
    renderers_[defaultTheme_] = std::make_unique<TemplateRenderer>(options);
    for (const std::string& theme : themes()) {
        if (!renderers_.contains(theme)) {
            TemplateRenderer::Options themed = options;
            themed.theme = theme;
            renderers_[theme] = std::make_unique<TemplateRenderer>(std::move(themed));
        }
    }
}

std::vector<std::string> PageSupport::themes() const {
    std::vector<std::string> names;
    std::error_code error;
    auto root = renderers_.at(defaultTheme_)->options().root / "themes";
    for (const auto& entry : std::filesystem::directory_iterator(root, error)) {
        if (entry.is_directory() && isPlainFileName(entry.path().filename().string())) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

TemplateRenderer& PageSupport::rendererFor(const HttpRequest& request) {
    auto theme = request.cookie(kThemeCookie);
    return theme ? rendererForTheme(*theme) : renderer();
}

TemplateRenderer& PageSupport::rendererForTheme(const std::string& theme) {
    auto it = renderers_.find(theme);
    return it != renderers_.end() ? *it->second : renderer();
}

std::string PageSupport::themeCookie(const std::string& theme) {
    return std::string(kThemeCookie) + "=" + theme +
           "; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000";
}

const WebExtensions* PageSupport::extensions() const {
    Kernel* kernel = app_.options().kernel;
    return kernel ? &kernel->web() : nullptr;
}

void PageSupport::addNavigation(ctemplate::TemplateDictionary& layout,
                                const HttpRequest& request, const AccessContext& context) {
    struct Entry {
        std::string group;
        std::string label;
        std::string href;
        int order = 0;
    };
    std::vector<Entry> entries;
    int position = 0;
    for (const auto& [name, entity] : app_.records().schema().entities()) {
        ++position;
        if (entity.inMenu && (context.unrestricted() ||
                              context.grant(name, sdk::Action::Read).level != ScopeLevel::None)) {
            entries.push_back({"", entity.pluralLabel, "/r/" + entity.slug, 1000 + position});
        }
    }
    if (const WebExtensions* web = extensions()) {
        for (const auto& [pluginId, item] : web->menuItems()) {
            if (permits(context, item.permission)) {
                entries.push_back({item.group, item.label, item.href, item.order});
            }
        }
    }
    if (context.unrestricted()) {
        entries.push_back({"", "Administration", "/admin", 100000});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.order < b.order; });
    // Top-level entries first, then each group under its heading in order of first appearance.
    std::vector<std::string> groups{""};
    for (const Entry& entry : entries) {
        if (std::find(groups.begin(), groups.end(), entry.group) == groups.end()) {
            groups.push_back(entry.group);
        }
    }
    for (const std::string& group : groups) {
        auto* section = layout.AddSectionDictionary("NAV_GROUP");
        if (!group.empty()) {
            section->SetValueAndShowSection("HEADING", group, "HAS_HEADING");
        }
        for (const Entry& entry : entries) {
            if (entry.group != group) {
                continue;
            }
            auto* item = section->AddSectionDictionary("NAV");
            item->SetValue("LABEL", entry.label);
            item->SetValue("HREF", entry.href);
            if (request.path == entry.href || request.path.starts_with(entry.href + "/")) {
                item->ShowSection("CURRENT");
            }
        }
    }
}

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
                std::string token = csrfFieldOf(request);
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
    TemplateRenderer& renderer = rendererFor(request);
    std::string body = renderer.render(templateName, dict);
    ctemplate::TemplateDictionary layout("layout");
    layout.SetValue("TITLE", title);
    layout.SetValue("BODY", body);
    layout.SetValue("THEME", renderer.options().theme);
    for (const std::string& href : pluginStyles_) {
        layout.AddSectionDictionary("PLUGIN_STYLE")->SetValue("HREF", href);
    }
    if (request.principal) {
        auto context = app_.access().contextFor(callerOf(request));
        auto* user = layout.AddSectionDictionary("SIGNED_IN");
        user->SetValue("USER", context->displayName);
        user->SetValue("CSRF", request.principal->csrfToken);
        user->SetValue("Q", request.path == "/search" ? request.queryValue("q").value_or("") : "");
        addNavigation(*user, request, *context);
        if (Kernel* kernel = app_.options().kernel; kernel && kernel->notifications()) {
            std::int64_t unread = kernel->notifications()->unreadCount(request.principal->userId);
            user->SetValue("UNREAD", std::to_string(unread));
            if (unread > 0) {
                user->ShowSection("HAS_UNREAD");
            }
        }
    }
    if (auto flash = request.cookie(kFlashCookie)) {
        auto it = flashMessages().find(*flash);
        if (it != flashMessages().end()) {
            layout.SetValueAndShowSection("FLASH", it->second, "HAS_FLASH");
        } else if (flash->starts_with("m.")) {
            std::string text = FormData::parse("m=" + flash->substr(2)).value("m");
            layout.SetValueAndShowSection("FLASH", text.substr(0, kMaxFlash), "HAS_FLASH");
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
    response.body = renderer.render("layout.tpl", layout);
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
        std::string value = flashMessages().contains(flash)
                                ? flash
                                : "m." + FormData::encode({{"m", flash.substr(0, kMaxFlash)}})
                                             .substr(2);
        response.setHeader("Set-Cookie", std::string(kFlashCookie) + "=" + value +
                                             "; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    }
}

}  // namespace tessera::kernel
