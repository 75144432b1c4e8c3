#include <ctemplate/template.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/acl/AclNames.hpp>
#include <tessera/kernel/http/HttpError.hpp>

#include "AdminSupport.hpp"
#include "RolePermissionForm.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr const char* kEveryEntity = "*";
constexpr ScopeLevel kScopes[] = {ScopeLevel::None, ScopeLevel::Own, ScopeLevel::Team,
                                  ScopeLevel::All};

std::string cellName(const std::string& entity, sdk::Action action) {
    return "g." + entity + "." + actionName(action);
}

/// The grid's rows: "*" first, then every entity of the schema, by label.
std::vector<std::pair<std::string, std::string>> gridRows(const Schema& schema) {
    std::vector<std::pair<std::string, std::string>> rows = {{kEveryEntity, "Every entity (*)"}};
    std::vector<std::pair<std::string, std::string>> entities;
    for (const auto& [name, entity] : schema.entities()) {
        entities.emplace_back(name, entity.pluralLabel);
    }
    std::sort(entities.begin(), entities.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    rows.insert(rows.end(), entities.begin(), entities.end());
    return rows;
}

AdminRole requireRole(AdminDirectory& directory, const std::string& name) {
    auto role = directory.role(name);
    if (!role) {
        throw HttpError(
            404, "not_found",
            "There is no role '" + name.substr(0, 64) + "': pick one from the list of roles.");
    }
    return *role;
}

void rolePage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
              const AdminRole& role) {
    AdminDirectory directory(pages.app().db());
    ctemplate::TemplateDictionary dict("admin_role");
    dict.SetValue("NAME", role.name);
    dict.SetValue("LABEL", role.label);
    if (role.admin) {
        dict.ShowSection("ADMIN");
    } else {
        auto* grid = dict.AddSectionDictionary("GRID");
        for (auto action : gridActions()) {
            grid->AddSectionDictionary("ACTION")->SetValue("ACTION_NAME", actionName(action));
        }
        GrantGrid grants = directory.grants(role.id);
        auto own = [&](const std::string& entity, sdk::Action action) -> std::optional<ScopeLevel> {
            auto byEntity = grants.find(entity);
            if (byEntity == grants.end()) {
                return std::nullopt;
            }
            auto it = byEntity->second.find(action);
            return it == byEntity->second.end() ? std::nullopt : std::optional(it->second);
        };
        for (const auto& [entity, label] : gridRows(pages.app().records().schema())) {
            auto* row = grid->AddSectionDictionary("ROW");
            row->SetValue("ENTITY_LABEL", label);
            bool wildcard = entity == kEveryEntity;
            for (auto action : gridActions()) {
                auto* cell = row->AddSectionDictionary("CELL");
                cell->SetValue("ACTION_NAME", actionName(action));
                cell->SetValue("FIELD", cellName(entity, action));
                auto current = own(entity, action);
                if (!wildcard) {
                    auto* inherit = cell->AddSectionDictionary("OPTION");
                    inherit->SetValue("VALUE", "");
                    inherit->SetValue(
                        "TEXT",
                        std::string("as * (") +
                            scopeName(own(kEveryEntity, action).value_or(ScopeLevel::None)) + ")");
                    if (!current) {
                        inherit->ShowSection("SELECTED");
                    }
                }
                for (auto scope : kScopes) {
                    auto* option = cell->AddSectionDictionary("OPTION");
                    option->SetValue("VALUE", scopeName(scope));
                    option->SetValue("TEXT", scopeName(scope));
                    if (current.value_or(ScopeLevel::None) == scope && (current || wildcard)) {
                        option->ShowSection("SELECTED");
                    }
                }
            }
        }
        RolePermissionForm(pages.app()).fill(*grid, directory.permissions(role.id));
    }
    adminRespond(pages, request, response, "Role " + role.label, "admin_role.tpl", dict,
                 {{"Roles", "/admin/roles"}, {role.label, ""}});
}

/// Saves the posted grid and named permissions: every cell and permission is checked before the
/// first write, so a bad one changes nothing. A cell left out of the form keeps its scope.
void saveGrid(PageSupport& pages, HttpRequest& request, HttpResponse& response,
              const AdminRole& role) {
    if (role.admin) {
        throw HttpError(409, "conflict",
                        "The role '" + role.name +
                            "' is an administrator role: it allows everything and has no grid.");
    }
    WebApplication& app = pages.app();
    AdminDirectory directory(app.db());
    FormData form = FormData::parse(request.body);
    GrantGrid current = directory.grants(role.id);
    struct Change {
        std::string entity;
        sdk::Action action;
        std::optional<ScopeLevel> scope;  ///< none: follow "*"
    };
    std::vector<Change> changes;
    for (const auto& [entity, label] : gridRows(app.records().schema())) {
        for (auto action : gridActions()) {
            auto posted = form.get(cellName(entity, action));
            if (!posted) {
                continue;
            }
            std::optional<ScopeLevel> scope;
            if (!posted->empty() || entity == kEveryEntity) {
                scope = parseScope(*posted);
                if (!scope) {
                    invalid(
                        cellName(entity, action),
                        label + " / " + actionName(action) + ": '" + posted->substr(0, 20) +
                            "' is not a scope; choose none, own, team or all" +
                            (entity == kEveryEntity ? "" : " (or as * to follow the first row)"));
                }
            }
            std::optional<ScopeLevel> before;
            if (auto e = current.find(entity); e != current.end()) {
                if (auto a = e->second.find(action); a != e->second.end()) {
                    before = a->second;
                }
            }
            if (scope != before) {
                changes.push_back({entity, action, scope});
            }
        }
    }
    auto permissionChanges = RolePermissionForm(app).changes(form, directory.permissions(role.id));
    bool removed = false;
    for (const auto& change : changes) {
        spdlog::info("permissions: user #{} set {} {} of role {} to {}", request.principal->userId,
                     change.entity, actionName(change.action), role.name,
                     change.scope ? scopeName(*change.scope) : "as *");
        if (change.scope) {
            app.access().grant(role.name, change.entity, change.action, *change.scope);
        } else {
            directory.removeGrant(role.id, change.entity, change.action);
            removed = true;
        }
    }
    if (removed) {
        app.access().dropCachedContexts();
    }
    for (const auto& [permission, grant] : permissionChanges) {
        if (grant) {
            app.access().grantPermission(role.name, permission);
        } else {
            app.access().revokePermission(role.name, permission);
        }
        spdlog::info("permissions: user #{} {} {} {} role {}", request.principal->userId,
                     grant ? "granted" : "revoked", permission, grant ? "to" : "from", role.name);
    }
    pages.redirect(response, "/admin/roles/" + role.name, "saved");
}

}  // namespace

void installRolePages(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    PageSupport* p = pages.get();

    r.add(
        "GET", "/admin/roles", RouteAccess::Public,
        adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
            AdminDirectory directory(p->app().db());
            ctemplate::TemplateDictionary dict("admin_roles");
            for (const auto& role : directory.roles()) {
                auto* row = dict.AddSectionDictionary("ROLE");
                row->SetValue("NAME", role.name);
                row->SetValue("LABEL", role.label);
                row->SetIntValue("USERS", static_cast<long>(role.users));
                row->ShowSection(role.admin ? "ADMIN" : "LIMITED");
            }
            adminRespond(*p, request, response, "Roles", "admin_roles.tpl", dict, {{"Roles", ""}});
        }));

    r.add("POST", "/admin/roles", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              FormData form = FormData::parse(request.body);
              std::string name = formText(form, "name", 63);
              std::string label = formText(form, "label", 100);
              if (label.empty()) {
                  invalid("label", "enter the name people see for the role (1 to 100 characters)");
              }
              p->app().access().createRole(name, label);
              p->redirect(response, "/admin/roles/" + name, "saved");
          }));

    r.add("GET", "/admin/roles/{name}", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              AdminDirectory directory(p->app().db());
              rolePage(*p, request, response, requireRole(directory, request.params.at("name")));
          }));

    r.add("POST", "/admin/roles/{name}", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              AdminDirectory directory(p->app().db());
              saveGrid(*p, request, response, requireRole(directory, request.params.at("name")));
          }));
}

}  // namespace tessera::kernel::detail
