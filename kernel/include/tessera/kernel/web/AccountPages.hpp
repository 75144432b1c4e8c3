#pragma once

#include <memory>

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

namespace tessera::kernel {

/// The signed-in user's own page (/account): password change, and API tokens created (shown
/// once), listed and revoked.
class AccountPages {
public:
    /// Adds the routes to app.router(); the handlers share `pages`.
    static void install(WebApplication& app, std::shared_ptr<PageSupport> pages);
};

}  // namespace tessera::kernel
