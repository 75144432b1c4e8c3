#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <tessera/kernel/acl/AccessContext.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>
#include <tessera/kernel/web/PageSupport.hpp>

// What the admin page files (Admin*.cpp) share; private to them.
namespace tessera::kernel::detail {

/// `handler` behind PageSupport::page() and an admin check: anyone whose access context is not
/// unrestricted gets the 403 page.
HttpHandler adminPage(const std::shared_ptr<PageSupport>& pages, PageSupport::PageHandler handler);

/// PageSupport::respond() with "Administration" as the first crumb after Home and the
/// session's CSRF token in `dict` as CSRF.
void adminRespond(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                  const std::string& title, const std::string& templateName,
                  ctemplate::TemplateDictionary& dict, std::vector<PageSupport::Crumb> crumbs,
                  int status = 200);

/// A positive whole number (an id in a path or a form); HttpError 400 naming `field` otherwise.
std::int64_t parseId(const std::string& text, const std::string& field);

/// The form value `field` without surrounding spaces; HttpError 422 naming the field and the
/// limit when it is longer than `maxLength` bytes.
std::string formText(const FormData& form, const std::string& field, std::size_t maxLength);

/// A 422 HttpError whose message names the field and the fix.
[[noreturn]] void invalid(const std::string& field, const std::string& fix);

/// read, create, update, delete, export: the columns of a role's grid.
const std::vector<sdk::Action>& gridActions();

struct AdminUser {
    std::int64_t id = 0;
    std::string login;
    std::string displayName;
    std::string email;
    bool active = false;
    std::vector<std::string> roles;
    std::vector<std::int64_t> teamIds;
    std::vector<std::string> teams;
};

struct AdminTeam {
    std::int64_t id = 0;
    std::string name;
    /// user id -> login, by login
    std::vector<std::pair<std::int64_t, std::string>> members;
};

struct AdminRole {
    std::int64_t id = 0;
    std::string name;
    std::string label;
    bool admin = false;
    std::int64_t users = 0;
};

/// entity ("*" included) -> action -> the role's own scope
using GrantGrid = std::map<std::string, std::map<sdk::Action, ScopeLevel>>;

/// Reads users, teams, roles and grants from the permission tables for the admin pages;
/// changes go through AccessControl, except removeGrant(), which it has no call for.
/// Thread-safe: each call takes its own session.
class AdminDirectory {
public:
    explicit AdminDirectory(Database& db) : db_(db) {}

    /// Every user, by login.
    std::vector<AdminUser> users();
    std::optional<AdminUser> user(std::int64_t id);
    /// Every team with its members, by name.
    std::vector<AdminTeam> teams();
    /// Every role, by name.
    std::vector<AdminRole> roles();
    std::optional<AdminRole> role(const std::string& name);
    GrantGrid grants(std::int64_t roleId);
    /// The named permissions the role holds.
    std::set<std::string> permissions(std::int64_t roleId);
    /// Drops the role's own scope for `entity` and `action`, so its "*" scope applies again.
    /// The caller must drop AccessControl's cached contexts afterwards.
    void removeGrant(std::int64_t roleId, const std::string& entity, sdk::Action action);
    /// user id -> login, for showing who did what.
    std::map<std::int64_t, std::string> logins();

private:
    std::vector<AdminUser> selectUsers(const std::string& where,
                                       const std::vector<SqlValue>& params);

    Database& db_;
};

// Each section adds its routes to app.router().
void installUserPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
void installTeamPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
void installRolePages(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
void installAuditPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages);
void installSystemPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages);

}  // namespace tessera::kernel::detail
