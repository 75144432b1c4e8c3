#include <tessera/kernel/schema/Schema.hpp>

namespace tessera::kernel {

Schema::Schema(std::map<std::string, EntityDef> entities) : entities_(std::move(entities)) {
    for (const auto& [name, entity] : entities_) {
        bySlug_[entity.slug] = name;
    }
}

const EntityDef* Schema::entity(const std::string& name) const {
    auto it = entities_.find(name);
    return it == entities_.end() ? nullptr : &it->second;
}

const EntityDef* Schema::entityBySlug(const std::string& slug) const {
    auto it = bySlug_.find(slug);
    return it == bySlug_.end() ? nullptr : entity(it->second);
}

const EntityDef& Schema::require(const std::string& name) const {
    if (const EntityDef* found = entity(name)) {
        return *found;
    }
    throw SchemaError("there is no entity '" + name + "' (is the plugin that declares it enabled?)");
}

nlohmann::json Schema::toJson() const {
    nlohmann::json all = nlohmann::json::object();
    for (const auto& [name, entity] : entities_) {
        all[name] = entity.toJson();
    }
    return {{"entities", all}};
}

}  // namespace tessera::kernel
