#pragma once

#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::kernel {

/// /api/v1/{slug}[/{id}[/restore]], /api/v1/search and /api/v1/openapi.json over the record API.
/// Query-string problems (bad filter, unknown sort field, bad page size) answer 400; problems
/// with a body's fields answer 422 with a message per field.
class RecordApi {
public:
    /// Adds the routes to app.router(); `app` must outlive them.
    static void install(WebApplication& app);

    /// The query a list request's parameters describe; HttpError 400 naming the parameter.
    static sdk::Query parseListQuery(const EntityDef& entity, const HttpRequest& request);
};

}  // namespace tessera::kernel
