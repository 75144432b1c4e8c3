#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/kernel/schema/FieldDef.hpp>
#include <tessera/kernel/schema/RelationDef.hpp>

namespace tessera::kernel {

/// An entity after merging: its own fields, the standard ones every entity has, and those
/// other plugins added.
struct EntityDef {
    std::string name;         ///< PascalCase: "Deal"
    std::string label;        ///< "Deal"
    std::string pluralLabel;  ///< "Deals"
    std::string slug;         ///< in URLs: "deals"
    std::string table;        ///< snake_case of the name: "deal"
    std::string titleField;   ///< the field that names a record
    bool audited = true;
    /// Listed in the navigation and on the home page ("menu": false for entities only reached
    /// from their parent record, such as addresses).
    bool inMenu = true;
    std::string plugin;       ///< the plugin that declared it
    std::vector<FieldDef> fields;  ///< standard fields first, then the declared ones
    std::vector<RelationDef> relations;
    /// Indexes over several fields ("indexes": [["record_entity", "record_id", "occurred_at"]]),
    /// for lookups that filter on the first fields and sort by the last.
    std::vector<std::vector<std::string>> indexes;
    /// How the generic pages arrange the entity (layouts/<Entity>.json, checked at load):
    /// {"list": {"columns": [...], "sort": "-field"}, "detail": {"groups": [{"label",
    /// "fields"}]}, "form": {"groups": [...]}}; null when the plugin ships none.
    nlohmann::json layout;

    const FieldDef* field(const std::string& name) const;
    FieldDef* field(const std::string& name);
    const RelationDef* relation(const std::string& name) const;
    std::vector<const FieldDef*> searchableFields() const;
    nlohmann::json toJson() const;
};

/// Names of the fields every entity gets, in column order.
const std::vector<std::string>& standardFieldNames();

}  // namespace tessera::kernel
