#pragma once

#include <string>
#include <vector>

namespace tessera::kernel {

/// A named permission a plugin declares in its manifest ("permissions"), so that admins can
/// grant it to roles. Plugins check it with a Named route permission or
/// UserDirectory::hasPermission; admins hold every permission anyway.
struct DeclaredPermission {
    std::string plugin;  ///< the declaring plugin's id; `name` starts with it and a dot
    std::string name;    ///< "leads.manage"
    std::string label;   ///< what it allows, as admins read it on the role page
    /// The roles that get it when the plugin is first enabled (granted once, see
    /// PermissionDefaults).
    std::vector<std::string> defaultRoles;
};

}  // namespace tessera::kernel
