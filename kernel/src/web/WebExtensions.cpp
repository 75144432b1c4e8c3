#include <tessera/kernel/web/WebExtensions.hpp>

#include <algorithm>

#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

[[noreturn]] void refuse(const std::string& pluginId, const std::string& message) {
    throw sdk::PluginError("validation", "plugin '" + pluginId + "': " + message);
}

void checkPermission(const std::string& pluginId, const sdk::Permission& permission,
                     const std::string& what) {
    if (permission.kind == sdk::Permission::Kind::EntityAction && permission.entity.empty()) {
        refuse(pluginId, what + " needs an entity name in its permission");
    }
    if (permission.kind == sdk::Permission::Kind::Named && permission.name.empty()) {
        refuse(pluginId, what + " needs a permission name");
    }
}

bool validMethod(const std::string& method) {
    return method == "GET" || method == "POST" || method == "PUT" || method == "PATCH" ||
           method == "DELETE";
}

template <class T>
void eraseOwnedBy(std::vector<WebExtensions::Owned<T>>& items, const std::string& pluginId) {
    std::erase_if(items, [&](const auto& owned) { return owned.pluginId == pluginId; });
}

/// Keeps a list sorted by `order`, later registrations after earlier ones of the same order.
template <class T>
void insertInOrder(std::vector<WebExtensions::Owned<T>>& items, WebExtensions::Owned<T> owned) {
    auto at = std::upper_bound(items.begin(), items.end(), owned.item.order,
                               [](int order, const auto& other) { return order < other.item.order; });
    items.insert(at, std::move(owned));
}

}  // namespace

void WebExtensions::addRoute(const std::string& pluginId, sdk::WebRoute route) {
    const std::string page = "/p/" + pluginId;
    const std::string api = "/api/v1/p/" + pluginId;
    auto under = [&](const std::string& prefix) {
        return route.pattern == prefix || route.pattern.starts_with(prefix + "/");
    };
    if (!under(page) && !under(api)) {
        refuse(pluginId, "route '" + route.pattern + "' must start with '" + page + "/' or '" +
                             api + "/'");
    }
    if (!validMethod(route.method)) {
        refuse(pluginId, "route '" + route.pattern + "' has method '" + route.method +
                             "'; use GET, POST, PUT, PATCH or DELETE");
    }
    if (!route.handler) {
        refuse(pluginId, "route '" + route.pattern + "' has no handler");
    }
    checkPermission(pluginId, route.permission, "route '" + route.pattern + "'");
    std::lock_guard lock(mutex_);
    routes_.push_back({pluginId, std::move(route)});
}

void WebExtensions::addMenuItem(const std::string& pluginId, sdk::MenuItem item) {
    if (item.label.empty() || item.href.empty() || item.href.front() != '/') {
        refuse(pluginId, "a menu item needs a label and a local href starting with '/'");
    }
    checkPermission(pluginId, item.permission, "menu item '" + item.label + "'");
    std::lock_guard lock(mutex_);
    insertInOrder(menuItems_, {pluginId, std::move(item)});
}

void WebExtensions::addPanel(const std::string& pluginId, sdk::Panel panel) {
    if (!panel.render) {
        refuse(pluginId, "a panel needs a render function");
    }
    if (panel.entity.empty()) {
        refuse(pluginId, "a panel needs an entity name, or \"*\" for every entity");
    }
    checkPermission(pluginId, panel.permission, "a panel");
    std::lock_guard lock(mutex_);
    insertInOrder(panels_, {pluginId, std::move(panel)});
}

void WebExtensions::addDemoData(const std::string& pluginId, sdk::DemoLoader loader) {
    if (!loader) {
        refuse(pluginId, "demo data needs a loader function");
    }
    std::lock_guard lock(mutex_);
    demoLoaders_.push_back({pluginId, std::move(loader)});
}

void WebExtensions::removeOwnedBy(const std::string& pluginId) {
    std::lock_guard lock(mutex_);
    eraseOwnedBy(routes_, pluginId);
    eraseOwnedBy(menuItems_, pluginId);
    eraseOwnedBy(panels_, pluginId);
    eraseOwnedBy(demoLoaders_, pluginId);
}

}  // namespace tessera::kernel
