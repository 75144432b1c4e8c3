#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tessera/kernel/schema/EntityDef.hpp>

namespace tessera::kernel {

/// The merged schema of every running plugin. Immutable once built; safe to share between
/// threads through shared_ptr<const Schema>.
class Schema {
public:
    explicit Schema(std::map<std::string, EntityDef> entities);

    const EntityDef* entity(const std::string& name) const;
    const EntityDef* entityBySlug(const std::string& slug) const;
    /// The entity, or SchemaError naming the unknown one.
    const EntityDef& require(const std::string& name) const;
    const std::map<std::string, EntityDef>& entities() const { return entities_; }
    nlohmann::json toJson() const;

private:
    std::map<std::string, EntityDef> entities_;
    std::map<std::string, std::string> bySlug_;
};

class SchemaError : public std::runtime_error {
public:
    explicit SchemaError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tessera::kernel
