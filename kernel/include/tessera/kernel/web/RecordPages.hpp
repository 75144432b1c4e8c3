#pragma once

#include <memory>

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

namespace tessera::kernel {

/// The generic pages every entity gets from its schema, all through the record API:
/// list (/r/{slug}: sort, search, enum filters, keyset paging, page size), detail with history
/// (/r/{slug}/{id}), create and edit forms with per-field errors and the conflict case,
/// delete to the trash, and the trash with restore (/r/{slug}/trash).
class RecordPages {
public:
    /// Adds the routes to app.router(); the handlers share `pages`.
    static void install(WebApplication& app, std::shared_ptr<PageSupport> pages);
};

}  // namespace tessera::kernel
