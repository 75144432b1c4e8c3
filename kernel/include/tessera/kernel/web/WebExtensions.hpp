#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <tessera/sdk/Web.hpp>

namespace tessera::kernel {

/// What plugins add to the web side through their context: routes, menu items, panels and
/// demo data, each tagged with the plugin that added it. Filled during start-up (initialize())
/// and emptied at shutdown, both before and after serving; while serving it is only read, so
/// the lists are handed out by reference, without a copy per request.
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

    const std::vector<Owned<sdk::WebRoute>>& routes() const { return routes_; }
    /// In ascending order, registration order among equals.
    const std::vector<Owned<sdk::MenuItem>>& menuItems() const { return menuItems_; }
    /// In ascending order, registration order among equals.
    const std::vector<Owned<sdk::Panel>>& panels() const { return panels_; }
    const std::vector<Owned<sdk::DemoLoader>>& demoLoaders() const { return demoLoaders_; }

private:
    std::mutex mutex_;
    std::vector<Owned<sdk::WebRoute>> routes_;
    std::vector<Owned<sdk::MenuItem>> menuItems_;
    std::vector<Owned<sdk::Panel>> panels_;
    std::vector<Owned<sdk::DemoLoader>> demoLoaders_;
};

}  // namespace tessera::kernel
