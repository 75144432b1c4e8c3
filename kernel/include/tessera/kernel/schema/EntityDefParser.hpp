#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include <tessera/kernel/schema/EntityDef.hpp>
#include <tessera/kernel/schema/Schema.hpp>

namespace tessera::kernel {

/// A layout that names what its entity does not have; readSchemaFiles adds the file's name.
class LayoutError : public SchemaError {
public:
    explicit LayoutError(const std::string& message) : SchemaError(message) {}
};

/// Turns entity and extension definitions (the JSON of schema/entities/ and schema/extends/)
/// into EntityDefs, refusing unknown keys, bad names and bad types with a SchemaError that
/// names the plugin, the entity, the field and the fix.
class EntityDefParser {
public:
    /// A new entity declared by `plugin`, with the standard fields added in front.
    static EntityDef parseEntity(const nlohmann::json& definition, const std::string& plugin);

    /// Applies `plugin`'s extension to `entity`: new fields and relations, and explicit
    /// patches of existing fields under "patch".
    static void applyExtension(EntityDef& entity, const nlohmann::json& extension,
                               const std::string& plugin);

    /// Checks a layout (see EntityDef::layout) against `entity`'s fields; throws LayoutError
    /// naming the part and the field at fault.
    static void checkLayout(const EntityDef& entity, const nlohmann::json& layout);

    /// Parses one field definition.
    static FieldDef parseField(const std::string& entity, const std::string& name,
                               const nlohmann::json& definition, const std::string& plugin);

    /// snake_case of a PascalCase name ("SalesOrder" -> "sales_order").
    static std::string snakeCase(const std::string& name);
};

}  // namespace tessera::kernel
