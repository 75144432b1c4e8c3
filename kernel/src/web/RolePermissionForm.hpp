#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <ctemplate/template.h>

#include <tessera/kernel/acl/DeclaredPermission.hpp>
#include <tessera/kernel/http/WebApplication.hpp>
#include <tessera/kernel/web/FormData.hpp>

namespace tessera::kernel::detail {

/// The named-permission part of a role's page: the permissions the running plugins declare,
/// grouped by plugin as checkboxes, and the grants and revocations a posted form asks for.
/// Every listed permission is posted as a hidden "permission.listed" field, so an unchecked box
/// (which browsers leave out) revokes while a form without the list keeps the role's permissions.
class RolePermissionForm {
public:
    explicit RolePermissionForm(WebApplication& app);

    /// Fills the PERMISSIONS section of `dict` with the declared permissions, those in `held`
    /// checked, then the held ones no running plugin declares (a disabled plugin's), checked.
    void fill(ctemplate::TemplateDictionary& dict, const std::set<std::string>& held) const;

    /// Permission -> true to grant, false to revoke, for the boxes that differ from `held`.
    /// A 422 HttpError naming the permission when the form names one that no running plugin
    /// declares and the role does not hold.
    std::map<std::string, bool> changes(const FormData& form,
                                        const std::set<std::string>& held) const;

private:
    std::string pluginName(const std::string& pluginId) const;

    WebApplication& app_;
    std::vector<DeclaredPermission> declared_;
};

}  // namespace tessera::kernel::detail
