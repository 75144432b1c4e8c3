#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include <tessera/kernel/schema/EntityDef.hpp>
#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/sdk/SchemaBuilder.hpp>

namespace tessera::kernel {

/// Gathers what the plugins declare during declareSchema(), checking each declaration as it
/// comes so that a bad one fails the plugin that made it, then builds the merged Schema.
/// Used from the start-up thread only.
class SchemaRegistry {
public:
    /// A builder that declares on behalf of `pluginId`, which depends on `dependencies`.
    std::unique_ptr<sdk::SchemaBuilder> builderFor(const std::string& pluginId,
                                                   std::set<std::string> dependencies);

    /// Adds admin-defined fields (kept in the database) to `entity`, as if a plugin named
    /// "custom" extended it. Throws SchemaError when the entity is unknown or a name is taken.
    void addCustomFields(const std::string& entity, const nlohmann::json& fields);

    /// Forgets everything `pluginId` declared (when it fails later in start-up).
    void removePlugin(const std::string& pluginId);

    /// Checks references and relations across entities and returns the merged schema.
    /// Throws SchemaError naming the plugin, entity and field at fault.
    std::shared_ptr<const Schema> build() const;

private:
    class Builder;
    std::map<std::string, EntityDef> entities_;
};

}  // namespace tessera::kernel
