#include <tessera/kernel/jobs/JobAdminPages.hpp>

#include <ctemplate/template.h>

#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/sdk/Error.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel {

namespace {

using detail::adminPage;
using detail::adminRespond;

JobScheduler& schedulerOf(PageSupport& pages) {
    Kernel* kernel = pages.app().options().kernel;
    if (!kernel || !kernel->jobs()) {
        throw HttpError(503, "unavailable",
                        "Jobs are only shown by a running Tessera (tessera serve).");
    }
    return *kernel->jobs();
}

void fillRun(ctemplate::TemplateDictionary& row, const sdk::JobRunStatus& run) {
    row.SetValue("RUN_ID", std::to_string(run.runId));
    row.SetValue("JOB", run.jobId);
    row.SetValue("STATE", run.state);
    row.SetValue("DONE", std::to_string(run.done));
    row.SetValue("TOTAL", std::to_string(run.total));
    row.SetValue("STARTED", run.startedAt.empty() ? "—" : run.startedAt);
    row.SetValue("FINISHED", run.finishedAt.empty() ? "—" : run.finishedAt);
    if (run.total > 0) {
        row.ShowSection("HAS_PROGRESS");
    }
    if (!run.error.empty()) {
        row.SetValueAndShowSection("ERROR", run.error, "HAS_ERROR");
    }
    if (run.state == "queued" || run.state == "running") {
        row.ShowSection("CAN_STOP");
    }
}

void jobsPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    JobScheduler& scheduler = schedulerOf(pages);
    ctemplate::TemplateDictionary dict("admin_jobs");
    auto jobs = scheduler.jobs();
    for (const auto& job : jobs) {
        auto* row = dict.AddSectionDictionary("JOB");
        row->SetValue("ID", job.id);
        row->SetValue("LABEL", job.label);
        row->SetValue("PLUGIN", job.plugin);
        row->SetValue("CRON", job.cron.empty() ? "queued only" : job.cron);
        row->SetValue("NEXT", job.nextFire == 0 ? "—" : isoTime(job.nextFire));
        if (job.lastRun) {
            row->SetValue("LAST_STATE", job.lastRun->state);
            row->SetValue("LAST_TIME", !job.lastRun->finishedAt.empty()  ? job.lastRun->finishedAt
                                       : !job.lastRun->startedAt.empty() ? job.lastRun->startedAt
                                                                         : "queued");
            if (!job.lastRun->error.empty()) {
                row->SetValueAndShowSection("LAST_ERROR", job.lastRun->error, "HAS_LAST_ERROR");
            }
            row->ShowSection("HAS_LAST");
        } else {
            row->ShowSection("NEVER_RAN");
        }
    }
    if (jobs.empty()) {
        dict.ShowSection("NO_JOBS");
    }
    auto runs = scheduler.recentRuns(50);
    for (const auto& run : runs) {
        fillRun(*dict.AddSectionDictionary("RUN"), run);
    }
    if (runs.empty()) {
        dict.ShowSection("NO_RUNS");
    }
    adminRespond(pages, request, response, "Jobs", "admin_jobs.tpl", dict, {{"Jobs", ""}});
}

}  // namespace

void JobAdminPages::installJobs(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    Router& r = app.router();
    r.add("GET", "/admin/jobs", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              jobsPage(*pages, request, response);
          }));
    r.add("POST", "/admin/jobs/run", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              JobScheduler& scheduler = schedulerOf(*pages);
              FormData form = FormData::parse(request.body);
              std::string job = detail::formText(form, "job", 100);
              if (job.empty() || !scheduler.hasJob(job)) {
                  throw HttpError(422, "validation",
                                  "job: '" + job +
                                      "' is not a registered job; choose one from "
                                      "the list",
                                  {{"job", "is not a registered job"}});
              }
              std::int64_t run = scheduler.enqueue(job, nlohmann::json::object());
              pages->redirect(response, "/admin/jobs#run-" + std::to_string(run),
                              "Run " + std::to_string(run) + " of " + job + " is queued.");
          }));
    r.add("POST", "/admin/jobs/runs/{id}/stop", RouteAccess::Public,
          adminPage(pages, [pages](HttpRequest& request, HttpResponse& response) {
              std::int64_t id = detail::parseId(request.params.at("id"), "run");
              JobScheduler& scheduler = schedulerOf(*pages);
              std::string state;
              try {
                  state = scheduler.status(id).state;
              } catch (const sdk::PluginError&) {
                  throw HttpError(404, "not_found",
                                  "There is no job run " + std::to_string(id) + ".");
              }
              if (state != "queued" && state != "running") {
                  throw HttpError(409, "conflict",
                                  "Run " + std::to_string(id) + " is " + state +
                                      " already: only queued and running runs can be stopped.");
              }
              scheduler.requestStop(id);
              pages->redirect(response, "/admin/jobs#run-" + std::to_string(id),
                              state == "queued" ? "Run " + std::to_string(id) + " is stopped."
                                                : "Run " + std::to_string(id) +
                                                      " was asked to stop; it stops at its next "
                                                      "check.");
          }));
    r.add("GET", "/api/v1/jobs/runs/{id}", RouteAccess::SignedIn,
          [pages](HttpRequest& request, HttpResponse& response) {
              auto context = pages->app().access().contextFor(PageSupport::callerOf(request));
              if (!context->unrestricted()) {
                  throw HttpError(403, "forbidden", "job runs are shown to administrators only");
              }
              std::int64_t id = detail::parseId(request.params.at("id"), "run");
              sdk::JobRunStatus run;
              try {
                  run = schedulerOf(*pages).status(id);
              } catch (const sdk::PluginError&) {
                  throw HttpError(404, "not_found", "there is no job run " + std::to_string(id));
              }
              response.json({{"id", run.runId},
                             {"job", run.jobId},
                             {"state", run.state},
                             {"done", run.done},
                             {"total", run.total},
                             {"error", run.error},
                             {"startedAt", run.startedAt},
                             {"finishedAt", run.finishedAt}});
          });
}

}  // namespace tessera::kernel
