#include <algorithm>

#include <ctemplate/template.h>

#include <tessera/kernel/auth/AuthCrypto.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel::detail {

namespace {

/// 16 hex digits: 64 random bits, above PasswordHasher::kMinLength and easy to read out.
constexpr std::size_t kPasswordBytes = 8;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

template <class T>
bool contains(const std::vector<T>& items, const T& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

/// The role and team checkboxes of a form, ticked as `roles` and `teams` say.
void addChoices(AdminDirectory& directory, ctemplate::TemplateDictionary& dict,
                const std::vector<std::string>& roles, const std::vector<std::int64_t>& teams) {
    for (const auto& role : directory.roles()) {
        auto* item = dict.AddSectionDictionary("ROLE");
        item->SetValue("NAME", role.name);
        item->SetValue("LABEL", role.label);
        if (contains(roles, role.name)) {
            item->ShowSection("CHECKED");
        }
    }
    auto all = directory.teams();
    for (const auto& team : all) {
        auto* item = dict.AddSectionDictionary("TEAM");
        item->SetIntValue("ID", static_cast<long>(team.id));
        item->SetValue("NAME", team.name);
        if (contains(teams, team.id)) {
            item->ShowSection("CHECKED");
        }
    }
    if (all.empty()) {
        dict.ShowSection("NO_TEAMS");
    }
}

struct NewUser {
    std::string login;
    std::string name;
    std::string email;
    std::vector<std::string> roles;
    std::vector<std::int64_t> teams;
};

void usersPage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
               const NewUser& entered, const std::string& message, int status) {
    AdminDirectory directory(pages.app().db());
    ctemplate::TemplateDictionary dict("admin_users");
    for (const auto& user : directory.users()) {
        auto* row = dict.AddSectionDictionary("USER");
        row->SetIntValue("ID", static_cast<long>(user.id));
        row->SetValue("LOGIN", user.login);
        row->SetValue("NAME", user.displayName);
        row->SetValue("EMAIL", user.email);
        row->SetValue("ROLES", joined(user.roles));
        row->SetValue("TEAMS", joined(user.teams));
        row->SetValue("ACTIVE", user.active ? "yes" : "no");
        if (!user.active) {
            row->ShowSection("INACTIVE");
        }
    }
    dict.SetValue("LOGIN", entered.login);
    dict.SetValue("NAME", entered.name);
    dict.SetValue("EMAIL", entered.email);
    addChoices(directory, dict, entered.roles, entered.teams);
    if (!message.empty()) {
        dict.SetValueAndShowSection("MESSAGE", message, "HAS_MESSAGE");
    }
    adminRespond(pages, request, response, "Users", "admin_users.tpl", dict, {{"Users", ""}},
                 status);
}

void passwordPage(PageSupport& pages, HttpRequest& request, HttpResponse& response,
                  const AdminUser& user, const std::string& password, const std::string& heading,
                  const std::string& note, int status) {
    ctemplate::TemplateDictionary dict("admin_password");
    dict.SetValue("HEADING", heading);
    dict.SetIntValue("ID", static_cast<long>(user.id));
    dict.SetValue("LOGIN", user.login);
    dict.SetValue("PASSWORD", password);
    dict.SetValue("NOTE", note);
    adminRespond(pages, request, response, heading, "admin_password.tpl", dict,
                 {{"Users", "/admin/users"}, {user.login, ""}}, status);
}

AdminUser requireUser(AdminDirectory& directory, const std::string& idText) {
    auto user = directory.user(parseId(idText, "user"));
    if (!user) {
        throw HttpError(404, "not_found",
                        "There is no user #" + idText + ": pick one from the list of users.");
    }
    return *user;
}

/// The roles and teams ticked on a form, each checked to exist; HttpError 422 naming the
/// first that does not.
void readChoices(AdminDirectory& directory, const FormData& form, std::vector<std::string>& roles,
                 std::vector<std::int64_t>& teams) {
    auto knownRoles = directory.roles();
    for (const auto& role : form.all("role")) {
        bool known = std::any_of(knownRoles.begin(), knownRoles.end(),
                                 [&](const AdminRole& r) { return r.name == role; });
        if (!known) {
            invalid("role", "'" + role.substr(0, 64) +
                                "' is not a role: tick one of the listed roles, or create it on "
                                "the roles page first");
        }
        if (!contains(roles, role)) {
            roles.push_back(role);
        }
    }
    auto knownTeams = directory.teams();
    for (const auto& text : form.all("team")) {
        std::int64_t id = parseId(text, "team");
        bool known = std::any_of(knownTeams.begin(), knownTeams.end(),
                                 [&](const AdminTeam& t) { return t.id == id; });
        if (!known) {
            invalid("team", "there is no team #" + text + ": tick one of the listed teams");
        }
        if (!contains(teams, id)) {
            teams.push_back(id);
        }
    }
}

void createUser(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    WebApplication& app = pages.app();
    AdminDirectory directory(app.db());
    FormData form = FormData::parse(request.body);
    NewUser entered;
    entered.login = form.value("login").substr(0, 200);
    entered.name = form.value("name").substr(0, 400);
    entered.email = form.value("email").substr(0, 400);
    std::int64_t id = 0;
    try {
        entered.login = formText(form, "login", 64);
        entered.name = formText(form, "name", 200);
        entered.email = formText(form, "email", 254);
        if (entered.name.empty()) {
            invalid("name", "enter the person's name, as colleagues should see it");
        }
        readChoices(directory, form, entered.roles, entered.teams);
        id = app.access().createUser(entered.login, entered.name, entered.email, entered.roles,
                                     entered.teams);
    } catch (const HttpError& e) {
        usersPage(pages, request, response, entered, e.what(), e.status());
        return;
    } catch (const sdk::PluginError& e) {
        usersPage(pages, request, response, entered, e.error().message, 422);
        return;
    }
    std::string password = randomHex(kPasswordBytes);
    app.credentials().setPasswordHash(id, app.hasher().hash(password));
    passwordPage(pages, request, response, *directory.user(id), password,
                 "User " + entered.login + " created",
                 "They can sign in with it now and change it on their account page.", 201);
}

void saveAccess(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    WebApplication& app = pages.app();
    AdminDirectory directory(app.db());
    AdminUser user = requireUser(directory, request.params.at("id"));
    FormData form = FormData::parse(request.body);
    std::vector<std::string> roles;
    std::vector<std::int64_t> teams;
    readChoices(directory, form, roles, teams);
    if (user.id == request.principal->userId) {
        auto all = directory.roles();
        bool stillAdmin = std::any_of(all.begin(), all.end(), [&](const AdminRole& r) {
            return r.admin && contains(roles, r.name);
        });
        if (!stillAdmin) {
            invalid("role",
                    "you cannot take the admin role away from yourself: another admin has to");
        }
    }
    for (const auto& role : roles) {
        if (!contains(user.roles, role)) {
            app.access().assignRole(user.id, role);
        }
    }
    for (const auto& role : user.roles) {
        if (!contains(roles, role)) {
            app.access().revokeRole(user.id, role);
        }
    }
    for (auto team : teams) {
        if (!contains(user.teamIds, team)) {
            app.access().addTeamMember(team, user.id);
        }
    }
    for (auto team : user.teamIds) {
        if (!contains(teams, team)) {
            app.access().removeTeamMember(team, user.id);
        }
    }
    pages.redirect(response, "/admin/users/" + std::to_string(user.id), "saved");
}

}  // namespace

void installUserPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    PageSupport* p = pages.get();

    r.add("GET", "/admin/users", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              usersPage(*p, request, response, {}, "", 200);
          }));

    r.add("POST", "/admin/users", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              createUser(*p, request, response);
          }));

    r.add("GET", "/admin/users/{id}", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              AdminDirectory directory(p->app().db());
              AdminUser user = requireUser(directory, request.params.at("id"));
              bool self = user.id == request.principal->userId;
              ctemplate::TemplateDictionary dict("admin_user");
              dict.SetIntValue("ID", static_cast<long>(user.id));
              dict.SetValue("LOGIN", user.login);
              dict.SetValue("NAME", user.displayName);
              dict.SetValue("EMAIL", user.email.empty() ? "—" : user.email);
              dict.SetValue("STATE",
                            user.active ? "Active: can sign in" : "Deactivated: cannot sign in");
              if (self) {
                  dict.ShowSection("SELF");
              } else {
                  dict.ShowSection(user.active ? "CAN_DEACTIVATE" : "CAN_REACTIVATE");
                  dict.ShowSection("CAN_RESET");
              }
              addChoices(directory, dict, user.roles, user.teamIds);
              adminRespond(*p, request, response, "User " + user.login, "admin_user.tpl", dict,
                           {{"Users", "/admin/users"}, {user.login, ""}});
          }));

    r.add("POST", "/admin/users/{id}/access", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              saveAccess(*p, request, response);
          }));

    for (bool active : {false, true}) {
        r.add("POST", std::string("/admin/users/{id}/") + (active ? "reactivate" : "deactivate"),
              RouteAccess::Public,
              adminPage(pages, [p, active](HttpRequest& request, HttpResponse& response) {
                  AdminDirectory directory(p->app().db());
                  AdminUser user = requireUser(directory, request.params.at("id"));
                  if (user.id == request.principal->userId) {
                      throw HttpError(409, "conflict",
                                      "You cannot deactivate your own account: another admin "
                                      "has to.");
                  }
                  p->app().access().setUserActive(user.id, active);
                  if (!active) {
                      p->app().sessions().removeAllOf(user.id);
                  }
                  p->redirect(response, "/admin/users/" + std::to_string(user.id), "saved");
              }));
    }

    r.add("POST", "/admin/users/{id}/password", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              WebApplication& app = p->app();
              AdminDirectory directory(app.db());
              AdminUser user = requireUser(directory, request.params.at("id"));
              if (user.id == request.principal->userId) {
                  throw HttpError(409, "conflict",
                                  "Change your own password on your account page (/account), "
                                  "which asks for the current one.");
              }
              std::string password = randomHex(kPasswordBytes);
              app.credentials().setPasswordHash(user.id, app.hasher().hash(password));
              app.sessions().removeAllOf(user.id);
              passwordPage(*p, request, response, user, password, "New password for " + user.login,
                           "The old password no longer works and the user's sessions were "
                           "signed out.",
                           200);
          }));
}

}  // namespace tessera::kernel::detail
