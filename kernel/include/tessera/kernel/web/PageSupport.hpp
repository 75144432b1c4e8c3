#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessContext.hpp>
#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/render/TemplateRenderer.hpp>
#include <tessera/kernel/web/FormData.hpp>
#include <tessera/kernel/web/WebExtensions.hpp>
#include <tessera/sdk/Caller.hpp>

namespace ctemplate {
class TemplateDictionary;
}

namespace tessera::kernel {

/// What every HTML page shares: the session cookie, the CSRF form field, the layout (top bar,
/// navigation, flash message, breadcrumb) and error pages in it. Borrows the application, which
/// must outlive it; thread-safe.
class PageSupport {
public:
    static constexpr const char* kFlashCookie = "tessera_flash";
    /// The theme a user chose (kept in their settings, copied here at sign-in).
    static constexpr const char* kThemeCookie = "tessera_theme";
    /// The hidden form field that carries the session's CSRF token.
    static constexpr const char* kCsrfField = "csrf";

    PageSupport(WebApplication& app, TemplateRenderer::Options options);

    struct Crumb {
        std::string label;
        std::string href;  ///< empty for the current page
    };

    using PageHandler = std::function<void(HttpRequest&, HttpResponse&)>;

    /// A route handler around `handler`: for signed-in pages a visitor without a session is sent
    /// to /login and a POST without the session's CSRF token gets a 403 page; failures become
    /// error pages in the layout (HttpError and PluginError with their message, anything else a
    /// 500 without internals).
    HttpHandler page(PageHandler handler, bool signedIn = true);

    /// Renders `templateName` with `dict` inside the layout.
    void respond(HttpRequest& request, HttpResponse& response, const std::string& title,
                 const std::string& templateName, const ctemplate::TemplateDictionary& dict,
                 const std::vector<Crumb>& crumbs = {}, int status = 200);
    /// An error page in the layout.
    void errorPage(HttpRequest& request, HttpResponse& response, int status,
                   const std::string& message);
    /// 303 to `location`, with a flash message for the next page: one of the kernel's codes
    /// ("saved", "deleted"...) or, from a plugin, the text itself (at most 300 bytes).
    void redirect(HttpResponse& response, const std::string& location,
                  const std::string& flash = "") const;

    /// The signed-in user of a request with a valid session cookie.
    std::optional<Principal> sessionOf(const HttpRequest& request);
    static sdk::Caller callerOf(const HttpRequest& request);

    WebApplication& app() { return app_; }
    /// What the plugins added to the web side; null without a running kernel.
    const WebExtensions* extensions() const;
    /// The renderer of the configured theme.
    TemplateRenderer& renderer() { return *renderers_.at(defaultTheme_); }
    /// The renderer of the theme the request's user chose, else the configured one.
    TemplateRenderer& rendererFor(const HttpRequest& request);
    /// The renderer of a theme by name, else the configured one.
    TemplateRenderer& rendererForTheme(const std::string& theme);
    /// The themes under the template root, sorted.
    std::vector<std::string> themes() const;
    /// The Set-Cookie value remembering a user's theme.
    static std::string themeCookie(const std::string& theme);

private:
    void addNavigation(ctemplate::TemplateDictionary& layout, const HttpRequest& request,
                       const AccessContext& context);

    WebApplication& app_;
    std::string defaultTheme_;
    std::map<std::string, std::unique_ptr<TemplateRenderer>> renderers_;
    /// The `static/plugin.css` of each active plugin that has one, linked on every page.
    std::vector<std::string> pluginStyles_;
};

}  // namespace tessera::kernel
