#include <tessera/kernel/jobs/JobAdminPages.hpp>

#include <ctemplate/template.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/http/HttpError.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel {

namespace {

using detail::adminPage;
using detail::adminRespond;

Outbox& outboxOf(PageSupport& pages) {
    Kernel* kernel = pages.app().options().kernel;
    if (!kernel || !kernel->outbox()) {
        throw HttpError(503, "unavailable",
                        "The outbox is only shown by a running Tessera (tessera serve).");
    }
    return *kernel->outbox();
}

void addDeliveries(ctemplate::TemplateDictionary& dict, const std::string& section,
                   const std::vector<Outbox::Delivery>& deliveries) {
    for (const auto& delivery : deliveries) {
        auto* row = dict.AddSectionDictionary(section);
        row->SetValue("ID", std::to_string(delivery.id));
        row->SetValue("EVENT_ID", std::to_string(delivery.outboxId));
        row->SetValue("TYPE", delivery.eventType);
        row->SetValue("CONSUMER", delivery.consumer);
        row->SetValue("ATTEMPTS", std::to_string(delivery.attempts) + " of " +
                                      std::to_string(delivery.maxAttempts));
        row->SetValue("CREATED", isoTime(delivery.createdAt));
        row->SetValue("NEXT", isoTime(delivery.nextAttemptAt));
        if (!delivery.lastError.empty()) {
            row->SetValueAndShowSection("ERROR", delivery.lastError, "HAS_ERROR");
        }
    }
}

void outboxPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    Outbox& outbox = outboxOf(pages);
    ctemplate::TemplateDictionary dict("admin_outbox");
    auto counts = outbox.counts();
    dict.SetValue("PENDING_COUNT", std::to_string(counts["pending"]));
    dict.SetValue("DEAD_COUNT", std::to_string(counts["dead"]));
    dict.SetValue("DONE_COUNT", std::to_string(counts["done"]));
    dict.SetValue("NEW_COUNT", std::to_string(counts["undispatched"]));
    auto pending = outbox.deliveries("pending", 100);
    auto dead = outbox.deliveries("dead", 100);
    addDeliveries(dict, "PENDING", pending);
    addDeliveries(dict, "DEAD", dead);
    dict.ShowSection(pending.empty() ? "NO_PENDING" : "HAS_PENDING");
    dict.ShowSection(dead.empty() ? "NO_DEAD" : "HAS_DEAD");
    adminRespond(pages, request, response, "Outbox", "admin_outbox.tpl", dict, {{"Outbox", ""}});
}

}  // namespace

void JobAdminPages::installOutbox(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    r.add("GET", "/admin/outbox", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              outboxPage(*pages, request, response);
          }));
    r.add("POST", "/admin/outbox/{id}/retry", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              std::int64_t id = detail::parseId(request.params.at("id"), "delivery");
              if (!outboxOf(*pages).retry(id)) {
                  throw HttpError(409, "conflict",
                                  "Delivery " + std::to_string(id) +
                                      " is not dead (it was retried already, or does not "
                                      "exist): reload the outbox page.");
              }
              pages->redirect(response, "/admin/outbox",
                              "Delivery " + std::to_string(id) + " will be tried again.");
          }));
    r.add("POST", "/admin/outbox/retry-dead", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest&, HttpResponse& response) {
              std::int64_t count = outboxOf(*pages).retryAllDead();
              pages->redirect(response, "/admin/outbox",
                              std::to_string(count) + " dead deliveries will be tried again.");
          }));
}

}  // namespace tessera::kernel
