#include <algorithm>

#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel::detail {

namespace {

void teamsPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    AdminDirectory directory(pages.app().db());
    auto users = directory.users();
    auto teams = directory.teams();
    ctemplate::TemplateDictionary dict("admin_teams");
    for (const auto& team : teams) {
        auto* section = dict.AddSectionDictionary("TEAM");
        section->SetIntValue("ID", static_cast<long>(team.id));
        section->SetValue("NAME", team.name);
        section->SetIntValue("COUNT", static_cast<long>(team.members.size()));
        for (const auto& [id, login] : team.members) {
            auto* member = section->AddSectionDictionary("MEMBER");
            member->SetIntValue("USER_ID", static_cast<long>(id));
            member->SetValue("LOGIN", login);
        }
        if (team.members.empty()) {
            section->ShowSection("NO_MEMBERS");
        }
        bool anyCandidate = false;
        for (const auto& user : users) {
            bool member = std::any_of(team.members.begin(), team.members.end(),
                                      [&](const auto& m) { return m.first == user.id; });
            if (!member && user.active) {
                auto* candidate = section->AddSectionDictionary("CANDIDATE");
                candidate->SetIntValue("USER_ID", static_cast<long>(user.id));
                candidate->SetValue("LOGIN", user.login);
                anyCandidate = true;
            }
        }
        if (anyCandidate) {
            section->ShowSection("CAN_ADD");
        }
    }
    if (teams.empty()) {
        dict.ShowSection("NO_TEAMS");
    }
    adminRespond(pages, request, response, "Teams", "admin_teams.tpl", dict, {{"Teams", ""}});
}

}  // namespace

void installTeamPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    PageSupport* p = pages.get();

    r.add("GET", "/admin/teams", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              teamsPage(*p, request, response);
          }));

    r.add("POST", "/admin/teams", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              FormData form = FormData::parse(request.body);
              std::string name = formText(form, "name", 100);
              if (name.empty()) {
                  invalid("name", "enter the team's name (1 to 100 characters)");
              }
              std::int64_t id = p->app().access().createTeam(name);
              p->redirect(response, "/admin/teams#team-" + std::to_string(id), "saved");
          }));

    r.add("POST", "/admin/teams/{id}/members", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              std::int64_t team = parseId(request.params.at("id"), "team");
              std::int64_t user = parseId(FormData::parse(request.body).value("user"), "user");
              p->app().access().addTeamMember(team, user);
              p->redirect(response, "/admin/teams#team-" + std::to_string(team), "saved");
          }));

    r.add("POST", "/admin/teams/{id}/members/{user}/remove", RouteAccess::Public,
          adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
              std::int64_t team = parseId(request.params.at("id"), "team");
              std::int64_t user = parseId(request.params.at("user"), "user");
              p->app().access().removeTeamMember(team, user);
              p->redirect(response, "/admin/teams#team-" + std::to_string(team), "saved");
          }));
}

}  // namespace tessera::kernel::detail
