#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tessera/kernel/plugin/KernelServices.hpp>
#include <tessera/kernel/plugin/PluginSpec.hpp>
#include <tessera/kernel/plugin/ServiceRegistry.hpp>

namespace tessera::kernel {

struct PluginManagerOptions {
    /// Folders whose sub-folders hold one plugin each (plugins.path).
    std::vector<std::filesystem::path> searchPath;
    /// Plugin ids to run (plugins.enabled).
    std::vector<std::string> enabled;
    /// Per-plugin settings from the config (plugin.<id>.<key> = value), laid over the
    /// manifest's "config" object with a JSON merge patch. May be empty.
    std::function<nlohmann::json(const std::string& id)> configFor;
};

/// Finds, checks, orders and runs the plugins through their lifecycle (see sdk::Plugin). No
/// step throws for a plugin's fault: the plugin is marked failed with its reason, along with
/// everything that needs it, and the others go on. Used from one thread.
class PluginManager {
public:
    explicit PluginManager(PluginManagerOptions options);
    ~PluginManager();
    PluginManager(const PluginManager&) = delete;
    PluginManager& operator=(const PluginManager&) = delete;

    /// Reads every manifest on the search path, then resolves the enabled set.
    void discover();
    /// Opens the libraries of resolved plugins and creates their instances.
    void load();
    /// Calls declareSchema() in order, each with the builder `builderFor` gives for it.
    void declareSchemas(
        const std::function<std::unique_ptr<sdk::SchemaBuilder>(const PluginSpec&)>& builderFor);
    /// Calls initialize() in order, then extensionsInitialized() in reverse order.
    void initialize();
    /// Calls aboutToShutdown() in order, removes every registration and destroys the instances
    /// in reverse order. Safe to call twice.
    void shutdown();

    /// discover(), load(), declareSchemas() with files only, initialize(): for commands that
    /// only need the plugins started.
    void startAll();

    /// Every plugin found, sorted by id.
    std::vector<const PluginSpec*> plugins() const;
    const PluginSpec* find(const std::string& id) const;
    /// Ids of the plugins that run, in dependency order.
    const std::vector<std::string>& order() const { return order_; }
    /// Problems that are not a single plugin's: an enabled id with no folder.
    const std::vector<std::string>& problems() const { return problems_; }
    /// True when an enabled plugin failed or is missing.
    bool hasFailures() const;
    /// Each lifecycle call made, as "phase id", in the order made.
    const std::vector<std::string>& trace() const { return trace_; }
    ServiceRegistry& services() { return services_; }
    /// The kernel services every plugin context hands out; fill before initialize().
    KernelServices& kernelServices() { return kernelServices_; }
    /// Marks an active plugin failed from outside (e.g. its schema would not merge).
    void fail(const std::string& id, const std::string& phase, const std::string& why);

private:
    template <class Fn>
    void runPhase(const char* phase, const std::vector<std::string>& ids, PluginState from,
                  PluginState to, Fn&& call);
    void discoverFolder(const std::filesystem::path& folder);

    PluginManagerOptions options_;
    std::map<std::string, PluginSpec> specs_;
    std::vector<std::string> order_;
    std::vector<std::string> problems_;
    std::vector<std::string> trace_;
    ServiceRegistry services_;
    KernelServices kernelServices_;
    bool shutDown_ = false;
};

}  // namespace tessera::kernel
