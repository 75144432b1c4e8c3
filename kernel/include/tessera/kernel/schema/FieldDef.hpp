#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/kernel/schema/FieldType.hpp>

namespace tessera::kernel {

/// One option of an enum or multienum field; `data` carries per-option values such as a
/// pipeline stage's probability.
struct EnumOption {
    std::string value;
    std::string label;
    nlohmann::json data = nlohmann::json::object();
};

/// A field of an entity, as merged from its declaration and any patches.
struct FieldDef {
    std::string name;  ///< also the column name: [a-z][a-z0-9_]*
    FieldType type = FieldType::Text;
    std::string label;
    bool required = false;
    bool unique = false;
    bool indexed = false;
    bool readonly = false;
    bool searchable = false;
    bool audited = true;
    /// Holds data about a person: blanked by an erasure, listed in a data export.
    bool personal = false;
    /// A field the kernel maintains (id, created_at, version...): not writable by callers.
    bool system = false;
    nlohmann::json defaultValue;  ///< null when there is none
    std::optional<int> maxLength;
    std::optional<double> min;
    std::optional<double> max;
    std::vector<EnumOption> options;
    /// For enum fields: the kanban board groups by it.
    bool board = false;
    /// For references: the target entity.
    std::string target;
    /// The plugin that declared the field, and those that patched it.
    std::string plugin;
    std::vector<std::string> patchedBy;

    const EnumOption* option(const std::string& value) const;
    /// The field as JSON, in the shape it is declared in.
    nlohmann::json toJson() const;
};

}  // namespace tessera::kernel
