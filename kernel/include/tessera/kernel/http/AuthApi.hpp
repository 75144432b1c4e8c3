#pragma once

#include <tessera/kernel/http/WebApplication.hpp>

namespace tessera::kernel {

/// /api/v1/session (sign in and out), /api/v1/me (who am I, TOTP set-up) and /api/v1/tokens.
class AuthApi {
public:
    /// Adds the routes to app.router(); `app` must outlive them.
    static void install(WebApplication& app);
};

}  // namespace tessera::kernel
