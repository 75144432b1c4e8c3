#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tessera/sdk/SchemaBuilder.hpp>

namespace tessera::kernel {

/// Gathers what every plugin declares during declareSchema(): entities, with the plugin that
/// owns each, and extensions of other plugins' entities. Refuses a second entity of the same
/// name and an extension of a plugin the extender does not depend on.
class SchemaCollector {
public:
    struct Declared {
        std::string owner;
        nlohmann::json definition;
        /// Extensions by plugin id, in the order declared.
        std::vector<std::pair<std::string, nlohmann::json>> extensions;
    };

    /// A builder that declares on behalf of `pluginId`, which depends on `dependencies`.
    std::unique_ptr<sdk::SchemaBuilder> builderFor(const std::string& pluginId,
                                                   std::set<std::string> dependencies);

    const std::map<std::string, Declared>& entities() const { return entities_; }
    /// The collected schema as JSON: {"entities": {name: {"owner", "definition", "extensions"}}}.
    nlohmann::json toJson() const;

private:
    class Builder;
    std::map<std::string, Declared> entities_;
};

}  // namespace tessera::kernel
