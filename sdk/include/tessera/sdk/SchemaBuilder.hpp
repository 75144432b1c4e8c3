#pragma once

#include <string>

#include <boost/config.hpp>
#include <nlohmann/json.hpp>

namespace tessera::sdk {

/// What a plugin uses in declareSchema() to add entities, or fields to another plugin's entity,
/// in code. The same definitions can be shipped as files under schema/entities/ and
/// schema/extends/, which the kernel reads before calling declareSchema(). Owned by the kernel;
/// valid only during that call; not thread-safe.
class BOOST_SYMBOL_VISIBLE SchemaBuilder {
public:
    virtual ~SchemaBuilder() = default;

    /// Declares an entity from a definition in the shape of schema/entities/<Entity>.json
    /// (`{"name": "Deal", "fields": {...}, ...}`). Throws PluginError when the name is taken.
    virtual void entity(const nlohmann::json& definition) = 0;

    /// Adds to an entity of a plugin this one depends on, in the shape of
    /// schema/extends/<owner>.<Entity>.json.
    virtual void extend(const std::string& ownerPlugin, const std::string& entity,
                        const nlohmann::json& definition) = 0;
};

}  // namespace tessera::sdk
