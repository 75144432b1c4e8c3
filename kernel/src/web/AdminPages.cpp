#include <tessera/kernel/web/AdminPages.hpp>

#include <ctemplate/template.h>

#include "AdminSupport.hpp"

namespace tessera::kernel {

void AdminPages::install(WebApplication& app, std::shared_ptr<PageSupport> pages) {
    PageSupport* p = pages.get();
    app.router().add("GET", "/admin", RouteAccess::Public,
                     detail::adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
                         ctemplate::TemplateDictionary dict("admin");
                         detail::adminRespond(*p, request, response, "Administration", "admin.tpl",
                                              dict, {});
                     }));
    detail::installUserPages(app, pages);
    detail::installTeamPages(app, pages);
    detail::installRolePages(app, pages);
    detail::installAuditPages(app, pages);
    detail::installSystemPages(app, pages);
}

}  // namespace tessera::kernel
