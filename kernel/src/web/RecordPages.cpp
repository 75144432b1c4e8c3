#include <tessera/kernel/web/RecordPages.hpp>

#include <tessera/kernel/http/HttpError.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel {

namespace {

constexpr std::size_t kMaxBulk = 500;

/// Applies a bulk action to the checked rows, one record API call each; stops at the first
/// refusal, whose message the error page shows.
void bulkAction(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    const EntityDef& entity = detail::entityOf(pages, request);
    FormData form = FormData::parse(request.body);
    std::vector<std::string> ids = form.all("id");
    std::string action = form.value("action");
    if (ids.empty()) {
        throw HttpError(422, "validation", "Tick at least one row, then choose what to do.");
    }
    if (ids.size() > kMaxBulk) {
        throw HttpError(422, "validation",
                        "Choose at most " + std::to_string(kMaxBulk) + " rows at once.");
    }
    if (action != "delete" && action != "assign_me") {
        throw HttpError(422, "validation", "Choose 'Move to trash' or 'Assign to me'.");
    }
    sdk::Caller caller = PageSupport::callerOf(request);
    RecordStore& records = pages.app().records();
    for (const auto& text : ids) {
        auto id = detail::positiveId(text);
        if (!id) {
            throw HttpError(422, "validation", "A ticked row is not a record number.");
        }
        if (action == "delete") {
            records.remove(caller, entity.name, *id);
        } else {
            sdk::Record record = records.get(caller, entity.name, *id);
            records.update(caller, entity.name, *id, record.value("version", std::int64_t{0}),
                           {{"owner_id", caller.userId}});
        }
    }
    pages.redirect(response, "/r/" + entity.slug,
                   action == "delete" ? "bulk_deleted" : "bulk_assigned");
}

}  // namespace

void RecordPages::install(WebApplication& app, std::shared_ptr<PageSupport> pages) {
    detail::ensureSavedViewsTable(app.db());
    Router& r = app.router();
    std::shared_ptr<PageSupport> p = pages;
    using Page = void (*)(PageSupport&, HttpRequest&, HttpResponse&);
    auto add = [&](const char* method, const char* pattern, Page page) {
        r.add(method, pattern, RouteAccess::Public,
              p->page([p, page](HttpRequest& request, HttpResponse& response) {
                  page(*p, request, response);
              }));
    };
    using namespace detail;

    add("GET", "/r/{slug}",
        [](PageSupport& s, HttpRequest& q, HttpResponse& a) { listPage(s, q, a, false); });
    add("GET", "/r/{slug}/trash",
        [](PageSupport& s, HttpRequest& q, HttpResponse& a) { listPage(s, q, a, true); });
    add("GET", "/r/{slug}/new", newForm);
    add("POST", "/r/{slug}/new",
        [](PageSupport& s, HttpRequest& q, HttpResponse& a) { submitForm(s, q, a, 0); });
    add("GET", "/r/{slug}/{id}", detailPage);
    add("GET", "/r/{slug}/{id}/related/{relation}", relatedPage);
    add("GET", "/r/{slug}/{id}/edit", editForm);
    add("POST", "/r/{slug}/{id}/edit",
        [](PageSupport& s, HttpRequest& q, HttpResponse& a) { submitForm(s, q, a, idOf(q)); });
    add("POST", "/r/{slug}/{id}/delete", [](PageSupport& s, HttpRequest& q, HttpResponse& a) {
        const EntityDef& entity = entityOf(s, q);
        s.app().records().remove(PageSupport::callerOf(q), entity.name, idOf(q));
        s.redirect(a, "/r/" + entity.slug, "deleted");
    });
    add("GET", "/r/{slug}/export.csv", exportCsv);
    add("GET", "/r/{slug}/lookup", lookup);
    add("POST", "/r/{slug}/views", saveView);
    add("POST", "/r/{slug}/views/{id}/delete", deleteView);
    add("POST", "/r/{slug}/bulk", bulkAction);
    add("GET", "/r/{slug}/board", boardPage);
    add("POST", "/r/{slug}/{id}/move", moveCard);
    add("POST", "/r/{slug}/{id}/purge", [](PageSupport& s, HttpRequest& q, HttpResponse& a) {
        const EntityDef& entity = entityOf(s, q);
        s.app().records().purge(PageSupport::callerOf(q), entity.name, idOf(q));
        s.redirect(a, "/r/" + entity.slug + "/trash", "purged");
    });
    add("POST", "/r/{slug}/{id}/undo/{operation}",
        [](PageSupport& s, HttpRequest& q, HttpResponse& a) {
            const EntityDef& entity = entityOf(s, q);
            std::int64_t operation = 0;
            try {
                operation = std::stoll(q.params.at("operation"));
            } catch (const std::exception&) {
                throw HttpError(404, "not_found", "There is no such operation.");
            }
            s.app().records().undoOperation(PageSupport::callerOf(q), operation);
            s.redirect(a, "/r/" + entity.slug + "/" + std::to_string(idOf(q)), "undone");
        });
    add("POST", "/r/{slug}/{id}/restore", [](PageSupport& s, HttpRequest& q, HttpResponse& a) {
        const EntityDef& entity = entityOf(s, q);
        sdk::Record record =
            s.app().records().restore(PageSupport::callerOf(q), entity.name, idOf(q));
        s.redirect(a, recordHref(entity, record), "restored");
    });
}

}  // namespace tessera::kernel
