#pragma once

#include <memory>

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

namespace tessera::kernel {

/// The administration pages under /admin, for admins only (everyone else gets a 403 page):
/// users (create with a generated password shown once, roles and teams, deactivate, password
/// reset), teams and their members, roles with their permission grid, the audit log search,
/// and with a running kernel the plugins and custom fields.
class AdminPages {
public:
    /// Adds the routes to app.router(); the handlers share `pages`.
    static void install(WebApplication& app, std::shared_ptr<PageSupport> pages);
};

}  // namespace tessera::kernel
