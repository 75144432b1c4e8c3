#include "RolePermissionForm.hpp"

#include <algorithm>

#include <tessera/kernel/app/Kernel.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr const char* kListedField = "permission.listed";
constexpr const char* kCheckedField = "permission";

}  // namespace

RolePermissionForm::RolePermissionForm(WebApplication& app) : app_(app) {
    if (Kernel* kernel = app.options().kernel) {
        declared_ = kernel->declaredPermissions();
    }
}

std::string RolePermissionForm::pluginName(const std::string& pluginId) const {
    Kernel* kernel = app_.options().kernel;
    const PluginSpec* spec = kernel ? kernel->plugins().find(pluginId) : nullptr;
    return spec && !spec->manifest.name.empty() ? spec->manifest.name : pluginId;
}

void RolePermissionForm::fill(ctemplate::TemplateDictionary& dict,
                              const std::set<std::string>& held) const {
    auto* section = dict.AddSectionDictionary("PERMISSIONS");
    ctemplate::TemplateDictionary* group = nullptr;
    std::string groupPlugin;
    std::set<std::string> declaredNames;
    for (const auto& permission : declared_) {
        if (!group || permission.plugin != groupPlugin) {
            group = section->AddSectionDictionary("PLUGIN");
            group->SetValue("PLUGIN_NAME", pluginName(permission.plugin));
            groupPlugin = permission.plugin;
        }
        auto* row = group->AddSectionDictionary("PERMISSION");
        row->SetValue("NAME", permission.name);
        row->SetValue("LABEL", permission.label);
        if (held.contains(permission.name)) {
            row->ShowSection("CHECKED");
        }
        declaredNames.insert(permission.name);
    }
    // Left by a plugin that is disabled now: shown so that an admin can still revoke them.
    ctemplate::TemplateDictionary* undeclared = nullptr;
    for (const auto& name : held) {
        if (!declaredNames.contains(name)) {
            if (!undeclared) {
                undeclared = section->AddSectionDictionary("PLUGIN");
                undeclared->SetValue("PLUGIN_NAME", "Declared by no running plugin");
            }
            auto* row = undeclared->AddSectionDictionary("PERMISSION");
            row->SetValue("NAME", name);
            row->SetValue("LABEL", "Held by this role; untick to revoke");
            row->ShowSection("CHECKED");
        }
    }
    if (declared_.empty() && !undeclared) {
        section->ShowSection("NONE_DECLARED");
    }
}

std::map<std::string, bool> RolePermissionForm::changes(const FormData& form,
                                                        const std::set<std::string>& held) const {
    auto isKnown = [this, &held](const std::string& name) {
        return held.contains(name) ||
               std::any_of(declared_.begin(), declared_.end(),
                           [&name](const DeclaredPermission& p) { return p.name == name; });
    };
    auto listed = form.all(kListedField);
    auto checked = form.all(kCheckedField);
    for (const auto* names : {&listed, &checked}) {
        for (const auto& name : *names) {
            if (!isKnown(name)) {
                invalid(kCheckedField, "'" + name.substr(0, 128) +
                                           "' is not a permission any running plugin declares; "
                                           "tick only the permissions listed on the page");
            }
        }
    }
    std::set<std::string> wanted(checked.begin(), checked.end());
    std::map<std::string, bool> result;
    for (const auto& name : wanted) {
        if (!held.contains(name)) {
            result[name] = true;
        }
    }
    for (const auto& name : listed) {
        if (!wanted.contains(name) && held.contains(name)) {
            result[name] = false;
        }
    }
    return result;
}

}  // namespace tessera::kernel::detail
