#pragma once

#include <memory>

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

namespace tessera::kernel {

/// The notification center on the web: `/notifications` (newest first, paged, unread marked),
/// opening one (marks it read and follows its link), marking one or all read, the user's
/// choices per type at `/account/notifications`, and the JSON API under
/// `/api/v1/notifications`. A user only ever reaches their own notifications; another's is
/// answered 404. Needs a running kernel; installs nothing without one.
class NotificationPages {
public:
    static void install(WebApplication& app, std::shared_ptr<PageSupport> pages);
};

}  // namespace tessera::kernel
