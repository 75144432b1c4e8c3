#pragma once

#include <nlohmann/json.hpp>

#include <tessera/kernel/schema/Schema.hpp>

namespace tessera::kernel {

/// The OpenAPI 3.0.3 description of the JSON API for a schema: one path set per entity,
/// a read and a write component schema per entity built from its fields.
class OpenApiDocument {
public:
    static nlohmann::json build(const Schema& schema);
};

}  // namespace tessera::kernel
