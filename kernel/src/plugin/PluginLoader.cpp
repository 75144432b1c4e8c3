#include <tessera/kernel/plugin/PluginLoader.hpp>

#include <boost/dll/shared_library.hpp>

#include <tessera/sdk/PluginDescriptor.hpp>

namespace tessera::kernel {

namespace {

std::string stdlibFamily(const std::string& stdlib) {
    return stdlib.substr(0, stdlib.find(' '));
}

std::string text(const char* s) {
    return s ? std::string(s) : std::string("(none)");
}

void checkDescriptor(const std::filesystem::path& file, const boost::dll::shared_library& lib,
                     const PluginManifest& manifest) {
    if (!lib.has(sdk::kDescriptorSymbol) || !lib.has(sdk::kFactorySymbol)) {
        throw LoadError(file.string() +
                        " is not a Tessera plugin: it exports no tessera_plugin_descriptor and "
                        "tessera_create_plugin (build it with tessera_add_plugin() and "
                        "TESSERA_PLUGIN())");
    }
    constexpr sdk::PluginDescriptor kernel = sdk::makeDescriptor("");
    // The ABI number comes first in every layout, so it is safe to read before the rest.
    const auto& abi = lib.get_alias<const std::uint32_t>(sdk::kDescriptorSymbol);
    if (abi != kernel.abiVersion) {
        throw LoadError(file.string() + " was built for SDK ABI " + std::to_string(abi) +
                        ", but this kernel has SDK ABI " + std::to_string(kernel.abiVersion) +
                        " (SDK " + kernel.sdkVersion + "): rebuild the plugin against this SDK");
    }
    const auto& d = lib.get_alias<const sdk::PluginDescriptor>(sdk::kDescriptorSymbol);
    if (text(d.compilerFamily) != kernel.compilerFamily ||
        text(d.compilerMajor) != kernel.compilerMajor ||
        stdlibFamily(text(d.stdlib)) != stdlibFamily(kernel.stdlib)) {
        throw LoadError(file.string() + " was built with " + text(d.compiler) + " and " +
                        text(d.stdlib) + ", but this kernel with " + kernel.compiler + " and " +
                        kernel.stdlib +
                        ": rebuild the plugin with the same compiler and C++ library");
    }
    if (text(d.pluginId) != manifest.id) {
        throw LoadError(file.string() + " contains plugin '" + text(d.pluginId) +
                        "', but its manifest " + manifest.file.string() + " says \"id\": \"" +
                        manifest.id + "\"");
    }
}

}  // namespace

std::filesystem::path PluginLoader::libraryPath(const PluginManifest& manifest) {
    return manifest.file.parent_path() / ("lib" + manifest.library + ".so");
}

std::shared_ptr<sdk::Plugin> PluginLoader::load(const PluginManifest& manifest) {
    std::filesystem::path file = libraryPath(manifest);
    if (!std::filesystem::exists(file)) {
        throw LoadError("library " + file.string() + " does not exist (the manifest's \"library\": \"" +
                        manifest.library + "\" names it; build the plugin or fix the key)");
    }
    auto lib = std::make_shared<boost::dll::shared_library>();
    try {
        lib->load(file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
        throw LoadError("cannot open " + file.string() + ": " + e.what());
    }
    checkDescriptor(file, *lib, manifest);
    auto& factory = lib->get_alias<sdk::PluginFactory>(sdk::kFactorySymbol);
    std::unique_ptr<sdk::Plugin> created;
    try {
        created = factory();
    } catch (const std::exception& e) {
        throw LoadError("creating plugin '" + manifest.id + "' from " + file.string() +
                        " threw: " + e.what());
    } catch (...) {
        throw LoadError("creating plugin '" + manifest.id + "' from " + file.string() +
                        " threw an exception that is not a std::exception");
    }
    if (!created) {
        throw LoadError("the factory in " + file.string() + " returned no plugin");
    }
    // The deleter holds the library, so the plugin's code stays mapped while any copy lives.
    return std::shared_ptr<sdk::Plugin>(created.release(), [lib](sdk::Plugin* plugin) {
        std::default_delete<sdk::Plugin>{}(plugin);
    });
}

}  // namespace tessera::kernel
