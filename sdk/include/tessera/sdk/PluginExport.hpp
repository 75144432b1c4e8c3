#pragma once

#include <memory>

#include <boost/dll/alias.hpp>

#include <tessera/sdk/Plugin.hpp>
#include <tessera/sdk/PluginDescriptor.hpp>

#ifndef TESSERA_PLUGIN_ID
#error "TESSERA_PLUGIN_ID is not defined: build the plugin with tessera_add_plugin() from the SDK"
#endif

/// Exports a plugin class from its library: the descriptor the kernel checks before running any
/// plugin code, and the factory it calls afterwards. Write it once, in one source file, at
/// namespace scope: `TESSERA_PLUGIN(tessera::plugins::deals::DealsPlugin)`. The id comes from the
/// plugin's manifest through tessera_add_plugin().
#define TESSERA_PLUGIN(ClassName)                                                                 \
    namespace tessera_plugin_export {                                                             \
    const ::tessera::sdk::PluginDescriptor descriptor =                                           \
        ::tessera::sdk::makeDescriptor(TESSERA_PLUGIN_ID);                                        \
    std::unique_ptr<::tessera::sdk::Plugin> create() { return std::make_unique<ClassName>(); }    \
    }                                                                                             \
    BOOST_DLL_ALIAS(tessera_plugin_export::descriptor, tessera_plugin_descriptor)                 \
    BOOST_DLL_ALIAS(tessera_plugin_export::create, tessera_create_plugin)
