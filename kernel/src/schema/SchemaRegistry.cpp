#include <tessera/kernel/schema/SchemaRegistry.hpp>

#include <tessera/kernel/schema/EntityDefParser.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

class SchemaRegistry::Builder final : public sdk::SchemaBuilder {
public:
    Builder(SchemaRegistry& registry, std::string pluginId, std::set<std::string> dependencies)
        : registry_(registry),
          pluginId_(std::move(pluginId)),
          dependencies_(std::move(dependencies)) {}

    void entity(const nlohmann::json& definition) override {
        EntityDef parsed = EntityDefParser::parseEntity(definition, pluginId_);
        for (const auto& [name, existing] : registry_.entities_) {
            if (name == parsed.name) {
                throw SchemaError("plugin '" + pluginId_ + "' declares entity '" + name +
                                  "', which plugin '" + existing.plugin + "' already declares");
            }
            if (existing.slug == parsed.slug || existing.table == parsed.table) {
                throw SchemaError("plugin '" + pluginId_ + "': entity " + parsed.name +
                                  " would use the slug or table of " + name + " (plugin '" +
                                  existing.plugin + "'); set another \"slug\" or name");
            }
        }
        registry_.entities_.emplace(parsed.name, std::move(parsed));
    }

    void extend(const std::string& ownerPlugin, const std::string& entity,
                const nlohmann::json& definition) override {
        if (!dependencies_.contains(ownerPlugin)) {
            throw SchemaError("plugin '" + pluginId_ + "' extends " + ownerPlugin + "." + entity +
                              " but does not list '" + ownerPlugin + "' in \"depends\"");
        }
        auto it = registry_.entities_.find(entity);
        if (it == registry_.entities_.end() || it->second.plugin != ownerPlugin) {
            throw SchemaError("plugin '" + pluginId_ + "' extends " + ownerPlugin + "." + entity +
                              ", but plugin '" + ownerPlugin + "' declares no entity '" + entity +
                              "'");
        }
        // Work on a copy so a failing extension leaves the entity as it was.
        EntityDef extended = it->second;
        EntityDefParser::applyExtension(extended, definition, pluginId_);
        it->second = std::move(extended);
    }

private:
    SchemaRegistry& registry_;
    std::string pluginId_;
    std::set<std::string> dependencies_;
};

std::unique_ptr<sdk::SchemaBuilder> SchemaRegistry::builderFor(const std::string& pluginId,
                                                               std::set<std::string> dependencies) {
    return std::make_unique<Builder>(*this, pluginId, std::move(dependencies));
}

void SchemaRegistry::addCustomFields(const std::string& entity, const nlohmann::json& fields) {
    auto it = entities_.find(entity);
    if (it == entities_.end()) {
        throw SchemaError("custom fields for '" + entity + "': there is no such entity");
    }
    EntityDef extended = it->second;
    EntityDefParser::applyExtension(extended, {{"fields", fields}}, "custom");
    it->second = std::move(extended);
}

void SchemaRegistry::removePlugin(const std::string& pluginId) {
    std::erase_if(entities_, [&](const auto& entry) { return entry.second.plugin == pluginId; });
    for (auto& [name, entity] : entities_) {
        std::erase_if(entity.fields, [&](const FieldDef& f) { return f.plugin == pluginId; });
        std::erase_if(entity.relations,
                      [&](const RelationDef& r) { return r.plugin == pluginId; });
    }
}

std::shared_ptr<const Schema> SchemaRegistry::build() const {
    for (const auto& [name, entity] : entities_) {
        for (const auto& field : entity.fields) {
            if (field.type == FieldType::Reference && !entities_.contains(field.target)) {
                throw SchemaError("plugin '" + field.plugin + "', entity " + name + ", field '" +
                                  field.name + "': refers to entity '" + field.target +
                                  "', which no running plugin declares");
            }
        }
        for (const auto& relation : entity.relations) {
            std::string where = "plugin '" + relation.plugin + "', entity " + name +
                                ", relation '" + relation.name + "'";
            auto target = entities_.find(relation.target);
            if (target == entities_.end()) {
                throw SchemaError(where + ": entity '" + relation.target +
                                  "' is not declared by any running plugin");
            }
            if (relation.kind == RelationDef::Kind::HasMany) {
                const FieldDef* foreign = target->second.field(relation.foreign);
                if (!foreign || foreign->type != FieldType::Reference || foreign->target != name) {
                    throw SchemaError(where + ": " + relation.target + " has no reference field '" +
                                      relation.foreign + "' pointing to " + name);
                }
            } else {
                const RelationDef* back = target->second.relation(relation.foreign);
                if (!back || back->kind != RelationDef::Kind::ManyToMany || back->target != name) {
                    throw SchemaError(where + ": " + relation.target +
                                      " must declare the manyToMany relation '" +
                                      relation.foreign + "' back to " + name);
                }
            }
        }
    }
    return std::make_shared<const Schema>(entities_);
}

}  // namespace tessera::kernel
