#include <tessera/kernel/web/PluginPages.hpp>

#include <ctemplate/template.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/render/JsonDictionary.hpp>
#include <tessera/sdk/Error.hpp>

#include "PluginRequest.hpp"

namespace tessera::kernel {

namespace {

bool isPagePattern(const std::string& pattern) { return pattern.starts_with("/p/"); }

/// Only a local path may follow a plugin's redirect, never another site.
std::string localLocation(const std::string& location) {
    if (location.size() >= 1 && location.front() == '/' &&
        (location.size() == 1 || (location[1] != '/' && location[1] != '\\')) &&
        location.find_first_of("\r\n") == std::string::npos) {
        return location;
    }
    throw std::runtime_error("a plugin redirected to '" + location.substr(0, 100) +
                             "', which is not a local path");
}

void requirePermission(PageSupport& pages, const HttpRequest& request,
                       const sdk::Permission& permission) {
    if (permission.kind == sdk::Permission::Kind::Public) {
        return;
    }
    auto context = pages.app().access().contextFor(PageSupport::callerOf(request));
    if (!permits(*context, permission)) {
        throw HttpError(403, "forbidden", "your roles do not allow this page or action: ask an "
                                          "administrator for the permission it needs");
    }
}

void answer(PageSupport& pages, HttpRequest& request, HttpResponse& response,
            sdk::WebResponse result) {
    for (auto& [name, value] : result.headers) {
        response.setHeader(name, value);
    }
    switch (result.kind) {
        case sdk::WebResponse::Kind::Page: {
            ctemplate::TemplateDictionary dict("plugin");
            fillDictionary(dict, result.data);
            if (request.principal) {
                dict.SetValue("CSRF", request.principal->csrfToken);
            }
            std::vector<PageSupport::Crumb> crumbs;
            for (const auto& crumb : result.crumbs) {
                crumbs.push_back({crumb.label, crumb.href});
            }
            pages.respond(request, response, result.title, result.templateName, dict, crumbs,
                          result.status);
            return;
        }
        case sdk::WebResponse::Kind::Json:
            response.json(result.data, result.status);
            return;
        case sdk::WebResponse::Kind::Redirect:
            pages.redirect(response, localLocation(result.location), result.flash);
            return;
        case sdk::WebResponse::Kind::Raw:
            response.status = result.status;
            response.contentType = result.contentType;
            response.body = std::move(result.body);
            return;
    }
}

}  // namespace

bool permits(const AccessContext& context, const sdk::Permission& permission) {
    using Kind = sdk::Permission::Kind;
    switch (permission.kind) {
        case Kind::Public:
        case Kind::SignedIn:
            return true;
        case Kind::Admin:
            return context.unrestricted();
        case Kind::EntityAction:
            return context.unrestricted() ||
                   context.grant(permission.entity, permission.action).level != ScopeLevel::None;
        case Kind::Named:
            return context.unrestricted() || context.hasPermission(permission.name);
    }
    return false;
}

void PluginPages::install(WebApplication& app, std::shared_ptr<PageSupport> pages,
                          const WebExtensions& extensions) {
    for (auto& [pluginId, route] : extensions.routes()) {
        bool isPublic = route.permission.kind == sdk::Permission::Kind::Public;
        auto run = [pages, route, pluginId](HttpRequest& request, HttpResponse& response) {
            if (request.principal) {
                requirePermission(*pages, request, route.permission);
            }
            PluginRequest pluginRequest(request);
            sdk::WebResponse result;
            try {
                result = route.handler(pluginRequest);
            } catch (const sdk::PluginError&) {
                throw;
            } catch (const HttpError&) {
                throw;
            } catch (const std::exception& e) {
                spdlog::error("[{}] {} {} failed: {}", pluginId, request.method,
                              request.path.substr(0, 300), e.what());
                throw HttpError(500, "plugin_failed",
                                "the plugin could not answer; the details are in the server log");
            }
            answer(*pages, request, response, std::move(result));
        };
        if (isPagePattern(route.pattern)) {
            app.router().add(route.method, route.pattern, RouteAccess::Public,
                             pages->page(run, !isPublic));
        } else {
            app.router().add(route.method, route.pattern,
                             isPublic ? RouteAccess::Public : RouteAccess::SignedIn, run);
        }
    }
}

void PluginPages::renderSlot(PageSupport& pages, const WebExtensions& extensions,
                             const HttpRequest& request, sdk::Slot slot,
                             const std::string& entity, std::int64_t id,
                             const sdk::Record* record, ctemplate::TemplateDictionary& dict,
                             const std::string& variable) {
    if (!request.principal) {
        return;
    }
    auto context = pages.app().access().contextFor(PageSupport::callerOf(request));
    sdk::PanelContext panelContext{PageSupport::callerOf(request), entity, id, record,
                                   request.principal->csrfToken};
    std::string html;
    for (const auto& [pluginId, panel] : extensions.panels()) {
        if (panel.slot != slot || (panel.entity != "*" && panel.entity != entity) ||
            !permits(*context, panel.permission)) {
            continue;
        }
        ctemplate::TemplateDictionary panelDict("panel");
        panelDict.SetValue("PLUGIN", pluginId);
        try {
            auto content = panel.render(panelContext);
            if (!content) {
                continue;
            }
            ctemplate::TemplateDictionary body("panel-body");
            fillDictionary(body, content->data);
            body.SetValue("CSRF", request.principal->csrfToken);
            panelDict.SetValue("TITLE", content->title);
            panelDict.SetValue("BODY", pages.renderer().render(content->templateName, body));
        } catch (const std::exception& e) {
            spdlog::error("[{}] panel on {} {} failed: {}", pluginId, entity, id, e.what());
            panelDict.SetValue("TITLE", pluginId);
            panelDict.ShowSection("FAILED");
        }
        html += pages.renderer().render(slot == sdk::Slot::DetailActions ? "slot_action.tpl"
                                                                         : "slot_panel.tpl",
                                        panelDict);
    }
    dict.SetValue(variable, html);
}

}  // namespace tessera::kernel
