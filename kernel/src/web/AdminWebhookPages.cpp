#include <tessera/kernel/jobs/JobAdminPages.hpp>

#include <ctemplate/template.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel {

namespace {

using detail::adminPage;
using detail::adminRespond;

Webhooks& webhooksOf(PageSupport& pages) {
    Kernel* kernel = pages.app().options().kernel;
    if (!kernel || !kernel->webhooks()) {
        throw HttpError(503, "unavailable",
                        "Webhooks are only shown by a running Tessera (tessera serve).");
    }
    return *kernel->webhooks();
}

std::string joined(const std::vector<std::string>& types) {
    std::string text;
    for (const auto& type : types) {
        text += (text.empty() ? "" : ", ") + type;
    }
    return text;
}

struct Entered {
    std::string url;
    std::string events;
};

void webhooksPage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                  const Entered& entered, const std::optional<Webhooks::Subscription>& created,
                  const std::string& message, const std::map<std::string, std::string>& fields,
                  int status) {
    Webhooks& webhooks = webhooksOf(pages);
    ctemplate::TemplateDictionary dict("admin_webhooks");
    auto subscriptions = webhooks.list();
    for (const auto& sub : subscriptions) {
        auto* row = dict.AddSectionDictionary("HOOK");
        row->SetValue("ID", std::to_string(sub.id));
        row->SetValue("URL", sub.url);
        row->SetValue("EVENTS", joined(sub.eventTypes));
        row->SetValue("CREATED", isoTime(sub.createdAt));
        row->SetValue("STATE", sub.active ? "active" : "disabled");
        row->ShowSection(sub.active ? "ACTIVE" : "DISABLED");
    }
    if (subscriptions.empty()) {
        dict.ShowSection("NO_HOOKS");
    }
    if (created) {
        auto* secret = dict.AddSectionDictionary("CREATED");
        secret->SetValue("ID", std::to_string(created->id));
        secret->SetValue("URL", created->url);
        secret->SetValue("SECRET", created->secret);
    }
    dict.SetValue("URL_VALUE", entered.url);
    dict.SetValue("EVENTS_VALUE", entered.events.empty() ? "record.*" : entered.events);
    if (!message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", message, "HAS_MESSAGE");
    }
    if (auto it = fields.find("url"); it != fields.end()) {
        dict.SetValueAndShowSection("URL_ERROR", it->second, "HAS_URL_ERROR");
    }
    if (auto it = fields.find("events"); it != fields.end()) {
        dict.SetValueAndShowSection("EVENTS_ERROR", it->second, "HAS_EVENTS_ERROR");
    }
    if (!Webhooks::httpsAvailable()) {
        dict.ShowSection("HTTP_ONLY");
    }
    adminRespond(pages, request, response, "Webhooks", "admin_webhooks.tpl", dict,
                 {{"Webhooks", ""}}, status);
}

void logPage(PageSupport& pages, HttpRequest& request, HttpResponse& response, std::int64_t id) {
    Webhooks& webhooks = webhooksOf(pages);
    auto sub = webhooks.find(id);
    if (!sub) {
        throw HttpError(404, "not_found", "There is no webhook " + std::to_string(id) + ".");
    }
    ctemplate::TemplateDictionary dict("admin_webhooks_log");
    dict.SetValue("ID", std::to_string(sub->id));
    dict.SetValue("URL", sub->url);
    dict.SetValue("EVENTS", joined(sub->eventTypes));
    dict.SetValue("STATE", sub->active ? "active" : "disabled");
    auto attempts = webhooks.log(id, 200);
    for (const auto& attempt : attempts) {
        auto* row = dict.AddSectionDictionary("ATTEMPT");
        row->SetValue("AT", isoTime(attempt.at));
        row->SetValue("EVENT_ID", std::to_string(attempt.outboxId));
        row->SetValue("TYPE", attempt.eventType);
        row->SetValue("ATTEMPT_NO", std::to_string(attempt.attempt));
        row->SetValue("STATUS", attempt.statusCode == 0 ? "—" : std::to_string(attempt.statusCode));
        row->SetValue("DURATION", std::to_string(attempt.durationMs) + " ms");
        row->SetValue("RESULT", attempt.ok ? "ok" : "failed");
        if (!attempt.error.empty()) {
            row->SetValueAndShowSection("ERROR", attempt.error, "HAS_ERROR");
        }
    }
    if (attempts.empty()) {
        dict.ShowSection("NO_ATTEMPTS");
    }
    adminRespond(pages, request, response, "Webhook " + std::to_string(id),
                 "admin_webhooks_log.tpl", dict,
                 {{"Webhooks", "/admin/webhooks"}, {"Webhook " + std::to_string(id), ""}});
}

}  // namespace

void JobAdminPages::installWebhooks(WebApplication& app,
                                    const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    r.add("GET", "/admin/webhooks", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              webhooksPage(*pages, request, response, {}, std::nullopt, "", {}, 200);
          }));
    r.add("POST", "/admin/webhooks", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              FormData form = FormData::parse(request.body);
              Entered entered{detail::formText(form, "url", 2000),
                              detail::formText(form, "events", 2000)};
              try {
                  auto created = webhooksOf(*pages).subscribe(entered.url, entered.events);
                  webhooksPage(*pages, request, response, {}, created, "", {}, 201);
              } catch (const sdk::PluginError& e) {
                  if (e.error().code != "validation") {
                      throw;
                  }
                  webhooksPage(*pages, request, response, entered, std::nullopt, e.error().message,
                               e.error().fields, 422);
              }
          }));
    r.add("GET", "/admin/webhooks/{id}", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              logPage(*pages, request, response,
                      detail::parseId(request.params.at("id"), "webhook"));
          }));
    auto change = [pages](const std::string& what) {
        return adminPage(pages, [pages, what](HttpRequest& request, HttpResponse& response) {
            std::int64_t id = detail::parseId(request.params.at("id"), "webhook");
            Webhooks& webhooks = webhooksOf(*pages);
            bool found =
                what == "delete" ? webhooks.remove(id) : webhooks.setActive(id, what == "enable");
            if (!found) {
                throw HttpError(404, "not_found",
                                "There is no webhook " + std::to_string(id) + ".");
            }
            pages->redirect(response, "/admin/webhooks",
                            "Webhook " + std::to_string(id) +
                                (what == "delete"   ? " deleted."
                                 : what == "enable" ? " enabled."
                                                    : " disabled."));
        });
    };
    r.add("POST", "/admin/webhooks/{id}/disable", RouteAccess::Public, change("disable"));
    r.add("POST", "/admin/webhooks/{id}/enable", RouteAccess::Public, change("enable"));
    r.add("POST", "/admin/webhooks/{id}/delete", RouteAccess::Public, change("delete"));
}

}  // namespace tessera::kernel
