#pragma once

#include <memory>

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

namespace tessera::kernel {

/// The admin pages of jobs, the outbox and webhooks, for admins only (everyone else gets 403);
/// with no running kernel they answer 503. Each function adds its routes to app.router().
class JobAdminPages {
public:
    /// /admin/jobs: every job with its cron, last and next run and a "Run now" button, the
    /// recent runs with their progress; GET /api/v1/jobs/runs/{id}: one run's status as JSON,
    /// for a page that polls progress.
    static void installJobs(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
    /// /admin/outbox: delivery counts, pending and dead deliveries with their errors, retry of
    /// one dead delivery or of all.
    static void installOutbox(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
    /// /admin/webhooks: subscribe a URL to event types (the secret is shown once), list,
    /// disable, enable, delete, and each subscription's delivery log.
    static void installWebhooks(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
};

}  // namespace tessera::kernel
