#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tessera::kernel {

/// A relation declared on an entity: `hasMany` (the other entity holds a reference field
/// `foreign` pointing here) or `manyToMany` (a link table between the two).
struct RelationDef {
    enum class Kind { HasMany, ManyToMany };
    std::string name;
    Kind kind = Kind::HasMany;
    std::string target;
    /// hasMany: the reference field on the target; manyToMany: the relation's name there.
    std::string foreign;
    std::string label;
    std::string plugin;

    nlohmann::json toJson() const;
};

}  // namespace tessera::kernel
