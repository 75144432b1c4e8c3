#pragma once

#include <memory>

#include <boost/config.hpp>

#include <tessera/sdk/PluginContext.hpp>
#include <tessera/sdk/SchemaBuilder.hpp>

namespace tessera::sdk {

/// The interface every plugin implements. The kernel calls, for all enabled plugins:
///  1. declareSchema() in dependency order;
///  2. initialize() in dependency order: register what the plugin offers;
///  3. extensionsInitialized() in reverse order: use what the others registered;
///  4. aboutToShutdown() in dependency order when the server stops;
/// and destroys the plugins in reverse order. A phase fails by throwing (PluginError for a
/// message meant for the admin); the kernel then marks the plugin and everything depending on
/// it failed. All calls come from one thread.
class BOOST_SYMBOL_VISIBLE Plugin {
public:
    virtual ~Plugin() = default;

    virtual void declareSchema(SchemaBuilder& schema) { (void)schema; }
    virtual void initialize(PluginContext& context) = 0;
    virtual void extensionsInitialized(PluginContext& context) { (void)context; }
    virtual void aboutToShutdown() {}
};

/// The signature of the factory TESSERA_PLUGIN exports.
using PluginFactory = std::unique_ptr<Plugin>();

}  // namespace tessera::sdk
