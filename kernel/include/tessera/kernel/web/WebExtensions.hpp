#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <tessera/sdk/Web.hpp>

namespace tessera::kernel {

/// What plugins add to the web side through their context: routes, menu items, panels and
/// demo data, each tagged with the plugin that added it. Filled during start-up, read when the
/// web application is built and by `tessera demo`.
class WebExtensions {
public:
    template <class T>
    struct Owned {
        std::string pluginId;
        T item;
    };

    /// Each add*() throws sdk::PluginError("validation") naming what is wrong.
    void addRoute(const std::string& pluginId, sdk::WebRoute route);
    void addMenuItem(const std::string& pluginId, sdk::MenuItem item);
    void addPanel(const std::string& pluginId, sdk::Panel panel);
    void addDemoData(const std::string& pluginId, sdk::DemoLoader loader);
    void removeOwnedBy(const std::string& pluginId);

    /// Copies, so a caller can iterate while a plugin shuts down.
    std::vector<Owned<sdk::WebRoute>> routes() const;
    std::vector<Owned<sdk::MenuItem>> menuItems() const;
    std::vector<Owned<sdk::Panel>> panels() const;
    std::vector<Owned<sdk::DemoLoader>> demoLoaders() const;

private:
    mutable std::mutex mutex_;
    std::vector<Owned<sdk::WebRoute>> routes_;
    std::vector<Owned<sdk::MenuItem>> menuItems_;
    std::vector<Owned<sdk::Panel>> panels_;
    std::vector<Owned<sdk::DemoLoader>> demoLoaders_;
};

}  // namespace tessera::kernel
