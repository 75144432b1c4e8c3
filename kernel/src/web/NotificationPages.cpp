#include <tessera/kernel/web/NotificationPages.hpp>

#include <ctemplate/template.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/http/HttpError.hpp>

#include "RecordPageSupport.hpp"

namespace tessera::kernel {

namespace {

constexpr int kPageSize = 25;

std::int64_t notificationIdOf(const HttpRequest& request) {
    auto id = detail::positiveId(request.params.at("id"));
    if (!id) {
        throw HttpError(404, "not_found", "notification ids are positive whole numbers");
    }
    return *id;
}

[[noreturn]] void notYours() {
    throw HttpError(404, "not_found", "You have no notification with this id.");
}

int pageOf(const HttpRequest& request) {
    auto text = request.queryValue("page");
    if (!text || text->empty()) {
        return 1;
    }
    auto page = detail::positiveId(*text);
    if (!page || *page > 100000) {
        throw HttpError(400, "bad_query", "page: give a page number from 1");
    }
    return static_cast<int>(*page);
}

nlohmann::json itemJson(const NotificationCenter::Item& item) {
    return {
        {"id", item.id},
        {"type", item.type},
        {"title", item.title},
        {"body", item.body},
        {"link", item.link.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.link)},
        {"createdAt", item.createdAt},
        {"readAt", item.readAt.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.readAt)}};
}

void listPage(PageSupport& pages, NotificationCenter& center, HttpRequest& request,
              HttpResponse& response) {
    std::int64_t userId = request.principal->userId;
    int page = pageOf(request);
    auto items = center.list(userId, kPageSize + 1, (page - 1) * kPageSize);
    ctemplate::TemplateDictionary dict("notifications");
    dict.SetValue("CSRF", request.principal->csrfToken);
    bool more = static_cast<int>(items.size()) > kPageSize;
    if (more) {
        items.pop_back();
        dict.SetValueAndShowSection("NEXT", "/notifications?page=" + std::to_string(page + 1),
                                    "HAS_NEXT");
    }
    if (page > 1) {
        dict.SetValueAndShowSection("PREVIOUS", "/notifications?page=" + std::to_string(page - 1),
                                    "HAS_PREVIOUS");
    }
    if (items.empty()) {
        dict.ShowSection("EMPTY");
    }
    if (center.unreadCount(userId) > 0) {
        dict.ShowSection("ANY_UNREAD");
    }
    for (const auto& item : items) {
        auto* row = dict.AddSectionDictionary("ITEM");
        row->SetValue("ID", std::to_string(item.id));
        row->SetValue("TITLE", item.title);
        row->SetValue("BODY", item.body);
        row->SetValue("WHEN", item.createdAt.substr(0, 16).replace(10, 1, " ") + " UTC");
        row->SetValue("HREF", "/notifications/" + std::to_string(item.id) + "/open");
        if (item.readAt.empty()) {
            row->ShowSection("UNREAD");
        } else {
            row->ShowSection("READ");
        }
    }
    pages.respond(request, response, "Notifications", "notifications.tpl", dict,
                  {{"Home", "/"}, {"Notifications", ""}});
}

void preferencesPage(PageSupport& pages, NotificationCenter& center, HttpRequest& request,
                     HttpResponse& response, const std::string& message, int status) {
    std::int64_t userId = request.principal->userId;
    auto chosen = center.preferences(userId);
    ctemplate::TemplateDictionary dict("account_notifications");
    dict.SetValue("CSRF", request.principal->csrfToken);
    if (!message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", message, "HAS_MESSAGE");
    }
    auto types = center.types();
    if (types.empty()) {
        dict.ShowSection("NO_TYPES");
    }
    static const std::pair<const char*, const char*> kChoices[] = {
        {NotificationCenter::kInApp, "In the app"},
        {NotificationCenter::kEmail, "By e-mail"},
        {NotificationCenter::kBoth, "Both"},
        {NotificationCenter::kNone, "Not at all"}};
    for (const auto& type : types) {
        auto* row = dict.AddSectionDictionary("TYPE");
        row->SetValue("TYPE", type.type);
        row->SetValue("LABEL", type.label);
        auto it = chosen.find(type.type);
        std::string current = it == chosen.end() ? NotificationCenter::kInApp : it->second;
        for (const auto& [value, label] : kChoices) {
            auto* choice = row->AddSectionDictionary("CHOICE");
            choice->SetValue("VALUE", value);
            choice->SetValue("LABEL", label);
            choice->SetValue("ID", type.type + "-" + value);
            if (current == value) {
                choice->ShowSection("CHECKED");
            }
        }
    }
    pages.respond(request, response, "Notification settings", "account_notifications.tpl", dict,
                  {{"Home", "/"}, {"Your account", "/account"}, {"Notifications", ""}}, status);
}

}  // namespace

void NotificationPages::install(WebApplication& app, std::shared_ptr<PageSupport> pages) {
    Kernel* kernel = app.options().kernel;
    if (!kernel || !kernel->notifications()) {
        return;
    }
    NotificationCenter& center = *kernel->notifications();
    Router& r = app.router();

    r.add("GET", "/notifications", RouteAccess::Public,
          pages->page([pages, &center](HttpRequest& request, HttpResponse& response) {
              listPage(*pages, center, request, response);
          }));

    // Following a notification's link marks it read on the way.
    r.add("GET", "/notifications/{id}/open", RouteAccess::Public,
          pages->page([pages, &center](HttpRequest& request, HttpResponse& response) {
              std::int64_t userId = request.principal->userId;
              auto item = center.find(userId, notificationIdOf(request));
              if (!item) {
                  notYours();
              }
              center.markRead(userId, item->id);
              pages->redirect(response, item->link.empty() ? "/notifications" : item->link);
          }));

    r.add("POST", "/notifications/{id}/read", RouteAccess::Public,
          pages->page([pages, &center](HttpRequest& request, HttpResponse& response) {
              if (!center.markRead(request.principal->userId, notificationIdOf(request))) {
                  notYours();
              }
              pages->redirect(response, "/notifications");
          }));

    r.add("POST", "/notifications/read-all", RouteAccess::Public,
          pages->page([pages, &center](HttpRequest& request, HttpResponse& response) {
              center.markAllRead(request.principal->userId);
              pages->redirect(response, "/notifications", "All notifications are marked read.");
          }));

    r.add("GET", "/account/notifications", RouteAccess::Public,
          pages->page([pages, &center](HttpRequest& request, HttpResponse& response) {
              preferencesPage(*pages, center, request, response, "", 200);
          }));

    r.add("POST", "/account/notifications", RouteAccess::Public,
          pages->page([pages, &center](HttpRequest& request, HttpResponse& response) {
              FormData form = FormData::parse(request.body);
              std::int64_t userId = request.principal->userId;
              for (const auto& type : center.types()) {
                  if (auto channel = form.get("pref." + type.type)) {
                      if (!NotificationCenter::validChannel(*channel)) {
                          preferencesPage(*pages, center, request, response,
                                          "Choose in the app, by e-mail, both or not at all for " +
                                              type.label + ".",
                                          422);
                          return;
                      }
                      center.setPreference(userId, type.type, *channel);
                  }
              }
              pages->redirect(response, "/account/notifications", "Your choices were saved.");
          }));

    r.add("GET", "/api/v1/notifications", RouteAccess::SignedIn,
          [&center](HttpRequest& request, HttpResponse& response) {
              std::int64_t userId = request.principal->userId;
              int page = pageOf(request);
              bool unreadOnly = request.queryValue("unread").value_or("") == "true";
              auto items = center.list(userId, kPageSize + 1, (page - 1) * kPageSize, unreadOnly);
              bool more = static_cast<int>(items.size()) > kPageSize;
              if (more) {
                  items.pop_back();
              }
              nlohmann::json data = nlohmann::json::array();
              for (const auto& item : items) {
                  data.push_back(itemJson(item));
              }
              response.json({{"data", data},
                             {"unread", center.unreadCount(userId)},
                             {"nextPage", more ? nlohmann::json(page + 1) : nullptr}});
          });
    r.add("POST", "/api/v1/notifications/{id}/read", RouteAccess::SignedIn,
          [&center](HttpRequest& request, HttpResponse& response) {
              std::int64_t userId = request.principal->userId;
              std::int64_t id = notificationIdOf(request);
              if (!center.markRead(userId, id)) {
                  notYours();
              }
              response.json(itemJson(*center.find(userId, id)));
          });
    r.add("POST", "/api/v1/notifications/read-all", RouteAccess::SignedIn,
          [&center](HttpRequest& request, HttpResponse& response) {
              response.json({{"marked", center.markAllRead(request.principal->userId)}});
          });
}

}  // namespace tessera::kernel
