#include <tessera/kernel/app/PluginOptions.hpp>

#include <algorithm>

namespace tessera::kernel {

PluginManagerOptions pluginOptionsFrom(const Config& config) {
    PluginManagerOptions options;
    std::string path = config.getString("plugins.path");
    std::replace(path.begin(), path.end(), ':', ',');
    for (std::size_t start = 0; start <= path.size();) {
        auto end = path.find(',', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        std::string folder = path.substr(start, end - start);
        folder.erase(0, folder.find_first_not_of(" \t"));
        folder.erase(folder.find_last_not_of(" \t") + 1);
        if (!folder.empty()) {
            options.searchPath.emplace_back(folder);
        }
        start = end + 1;
    }
    options.enabled = config.getList("plugins.enabled");
    options.configFor = [config](const std::string& id) {
        nlohmann::json settings = nlohmann::json::object();
        std::string prefix = "plugin." + id;
        for (const auto& key : config.keysUnder(prefix)) {
            std::string full = prefix + "." + key;
            if (config.has(full)) {
                settings[key] = config.getString(full);
            }
        }
        return settings;
    };
    return options;
}

}  // namespace tessera::kernel
