#include <tessera/kernel/schema/SchemaCollector.hpp>

#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

class SchemaCollector::Builder final : public sdk::SchemaBuilder {
public:
    Builder(SchemaCollector& collector, std::string pluginId, std::set<std::string> dependencies)
        : collector_(collector),
          pluginId_(std::move(pluginId)),
          dependencies_(std::move(dependencies)) {}

    void entity(const nlohmann::json& definition) override {
        if (!definition.is_object() || !definition.contains("name") ||
            !definition["name"].is_string() || definition["name"].get<std::string>().empty()) {
            throw sdk::PluginError("schema", "plugin '" + pluginId_ +
                                                 "' declares an entity without a \"name\"");
        }
        std::string name = definition["name"];
        auto [it, inserted] = collector_.entities_.try_emplace(name);
        if (!inserted) {
            throw sdk::PluginError("schema", "plugin '" + pluginId_ + "' declares entity '" +
                                                 name + "', which plugin '" + it->second.owner +
                                                 "' already declares");
        }
        it->second.owner = pluginId_;
        it->second.definition = definition;
    }

    void extend(const std::string& ownerPlugin, const std::string& entity,
                const nlohmann::json& definition) override {
        if (!dependencies_.contains(ownerPlugin)) {
            throw sdk::PluginError("schema", "plugin '" + pluginId_ + "' extends " + ownerPlugin +
                                                 "." + entity + " but does not list '" +
                                                 ownerPlugin + "' in \"depends\"");
        }
        auto it = collector_.entities_.find(entity);
        if (it == collector_.entities_.end() || it->second.owner != ownerPlugin) {
            throw sdk::PluginError("schema", "plugin '" + pluginId_ + "' extends " + ownerPlugin +
                                                 "." + entity + ", but plugin '" + ownerPlugin +
                                                 "' declares no entity '" + entity + "'");
        }
        it->second.extensions.emplace_back(pluginId_, definition);
    }

private:
    SchemaCollector& collector_;
    std::string pluginId_;
    std::set<std::string> dependencies_;
};

std::unique_ptr<sdk::SchemaBuilder> SchemaCollector::builderFor(
    const std::string& pluginId, std::set<std::string> dependencies) {
    return std::make_unique<Builder>(*this, pluginId, std::move(dependencies));
}

nlohmann::json SchemaCollector::toJson() const {
    nlohmann::json entities = nlohmann::json::object();
    for (const auto& [name, declared] : entities_) {
        nlohmann::json extensions = nlohmann::json::array();
        for (const auto& [plugin, definition] : declared.extensions) {
            extensions.push_back({{"plugin", plugin}, {"definition", definition}});
        }
        entities[name] = {{"owner", declared.owner},
                          {"definition", declared.definition},
                          {"extensions", extensions}};
    }
    return {{"entities", entities}};
}

}  // namespace tessera::kernel
