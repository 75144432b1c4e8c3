// The data of `tools/bench sales`: starts the kernel with contacts and deals on a fresh database,
// creates the users, and bulk-loads deals through the import path: 5,000 open deals (and recent
// closes) in the seeded Sales pipeline for the kanban, the rest in an "Archive" pipeline over
// five years for the forecast.
//
//   bench_sales_data [--deals N] [--open N] --plugins DIR URL
//
// Users (password "bench-password-1"): bench.admin (admin), bench.rep (sales_rep, team 0 of 5)
// and 19 more reps spread over the teams; deals are spread evenly over the reps. The import path
// runs no hooks, so the fields the stage rules derive (status, stage name, probability, weighted
// amount, close date) are filled afterwards with one UPDATE per table, as the rules would, and
// the forecast roll-ups by the plugin's rebuild.
// Prints `pipeline=<id of Sales>`.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/app/Kernel.hpp>
#include <tessera/kernel/auth/PasswordHasher.hpp>
#include <tessera/kernel/auth/UserCredentials.hpp>
#include <tessera/kernel/records/RecordImporter.hpp>
#include <tessera/kernel/records/SearchBacklog.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Sql.hpp>

#include "Rollups.hpp"

using namespace tessera;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPassword = "bench-password-1";

struct StageRow {
    std::int64_t id;
    std::string name;
    int probability;
    std::string outcome;
};

std::vector<StageRow> stagesOf(kernel::Kernel& kernel, std::int64_t pipeline) {
    sdk::Query query;
    query.entity = "PipelineStage";
    query.filter = sdk::Filter::eq("pipeline_id", pipeline);
    query.sort = {{"position", false}};
    std::vector<StageRow> stages;
    for (const auto& row : kernel.records().query(sdk::Caller::systemCaller(), query).rows) {
        stages.push_back({row["id"].get<std::int64_t>(), row["name"].get<std::string>(),
                          row["probability"].get<int>(), row["outcome"].get<std::string>()});
    }
    return stages;
}

std::string category(const StageRow& stage) {
    if (stage.outcome == "won") return "closed";
    if (stage.outcome == "lost") return "omitted";
    return stage.probability >= 75 ? "commit" : stage.probability >= 50 ? "best_case" : "pipeline";
}

std::string isoDate(int year, int month, int day) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t deals = 1000000;
    std::size_t open = 5000;
    std::string pluginsPath;
    std::string url;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--deals") && i + 1 < argc) {
            deals = std::stoul(argv[++i]);
        } else if (!std::strcmp(argv[i], "--open") && i + 1 < argc) {
            open = std::stoul(argv[++i]);
        } else if (!std::strcmp(argv[i], "--plugins") && i + 1 < argc) {
            pluginsPath = argv[++i];
        } else {
            url = argv[i];
        }
    }
    if (url.empty() || pluginsPath.empty()) {
        std::fprintf(stderr, "usage: bench_sales_data [--deals N] [--open N] --plugins DIR URL\n");
        return 2;
    }
    try {
        kernel::Config config = kernel::Config::load(
            std::nullopt, {"db.url=" + url, "plugins.path=" + pluginsPath, "plugins.enabled=contacts,deals",
                           "log.level=warning"});
        spdlog::set_level(spdlog::level::warn);
        kernel::Kernel kernel(config);
        kernel.start({});
        if (kernel.plugins().hasFailures()) {
            std::fprintf(stderr, "bench_sales_data: contacts or deals did not load from %s\n", pluginsPath.c_str());
            return 1;
        }
        kernel::AccessControl& access = kernel.access();
        kernel::UserCredentials credentials(kernel.database());
        credentials.ensureTables();
        std::string hash = kernel::PasswordHasher(kernel::PasswordHasher::Strength::Interactive).hash(kPassword);
        std::vector<std::int64_t> teams;
        for (int t = 0; t < 5; ++t) {
            teams.push_back(access.createTeam("Sales team " + std::to_string(t)));
        }
        std::int64_t admin = access.createUser("bench.admin", "Bench Admin", "admin@example.com", {"admin"});
        std::vector<std::int64_t> owners = {
            access.createUser("bench.rep", "Rita Rep", "rita@example.com", {"sales_rep"}, {teams[0]})};
        std::vector<std::int64_t> ownerTeams = {teams[0]};
        for (int u = 1; u < 20; ++u) {
            std::int64_t team = teams[static_cast<std::size_t>(u) % teams.size()];
            owners.push_back(access.createUser("bench.rep" + std::to_string(u), "Rep " + std::to_string(u),
                                               "rep" + std::to_string(u) + "@example.com", {"sales_rep"}, {team}));
            ownerTeams.push_back(team);
        }
        for (std::int64_t user : std::vector<std::int64_t>{admin, owners[0]}) {
            credentials.setPasswordHash(user, hash);
        }

        sdk::Caller system = sdk::Caller::systemCaller();
        sdk::Query salesQuery;
        salesQuery.entity = "Pipeline";
        std::int64_t sales = kernel.records().query(system, salesQuery).rows.at(0)["id"].get<std::int64_t>();
        std::int64_t archive = kernel.records().create(system, "Pipeline", {{"name", "Archive"}, {"position", 1}})["id"];
        auto salesStages = stagesOf(kernel, sales);
        int position = 0;
        for (const auto& stage : salesStages) {
            kernel.records().create(system, "PipelineStage",
                                    {{"pipeline_id", archive}, {"name", stage.name}, {"position", position += 10},
                                     {"probability", stage.probability}, {"outcome", stage.outcome}});
        }
        auto archiveStages = stagesOf(kernel, archive);
        int year = static_cast<int>(
            std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}.year());

        kernel::SearchIndex search(kernel.database());
        // The data is searchable when the server starts: no backlog left to the job.
        kernel::SearchBacklog inlineSearch(kernel.database(), search);
        kernel::RecordImporter importer(kernel.database(), kernel.records(), access, search,
                                        inlineSearch, kernel.events());
        std::mt19937_64 random(23);
        std::vector<sdk::Record> batch;
        constexpr std::size_t kBatch = 20000;
        auto started = Clock::now();
        for (std::size_t i = 0; i < deals; ++i) {
            std::size_t o = i % owners.size();
            bool kanban = i < open + open / 5;
            const auto& stages = kanban ? salesStages : archiveStages;
            const StageRow* stage;
            std::string close;
            if (i < open) {
                stage = &stages[random() % 4];
                close = isoDate(year + static_cast<int>(random() % 2), 1 + static_cast<int>(random() % 12),
                                1 + static_cast<int>(random() % 28));
            } else if (kanban) {
                stage = &stages[4 + random() % 2];  // closed in the last weeks: on the board too
                close = isoDate(year, 1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28));
            } else {
                stage = &stages[random() % 100 < 15 ? random() % 4 : 4 + random() % 2];
                close = isoDate(year - 3 + static_cast<int>(random() % 5), 1 + static_cast<int>(random() % 12),
                                1 + static_cast<int>(random() % 28));
            }
            sdk::Record row = {{"name", "Deal " + std::to_string(i)},
                               {"amount", {{"amount", static_cast<double>(1000 + random() % 200000)}, {"currency", "EUR"}}},
                               {"expected_close_date", close},
                               {"pipeline_id", kanban ? sales : archive},
                               {"stage_id", stage->id},
                               {"forecast_category", category(*stage)},
                               {"source", "website"},
                               {"owner_id", owners[o]},
                               {"team_id", ownerTeams[o]}};
            if (stage->outcome == "lost") {
                row["loss_reason"] = "price";
            }
            batch.push_back(std::move(row));
            if (batch.size() == kBatch || i + 1 == deals) {
                auto report = importer.importRows(system, "Deal", batch);
                if (!report.errors.empty()) {
                    std::fprintf(stderr, "bench_sales_data: row %zu was refused: %s: %s\n",
                                 report.errors.begin()->first, report.errors.begin()->second.begin()->first.c_str(),
                                 report.errors.begin()->second.begin()->second.c_str());
                    return 1;
                }
                batch.clear();
            }
        }
        // What the stage rules would have derived, in one statement per field.
        auto session = kernel.database().session();
        std::string status = "CASE", name = "CASE", probability = "CASE";
        for (const auto* list : {&salesStages, &archiveStages}) {
            for (const auto& stage : *list) {
                std::string when = " WHEN stage_id = " + std::to_string(stage.id) + " THEN ";
                status += when + "'" + stage.outcome + "'";
                name += when + "'" + stage.name + "'";
                probability += when + std::to_string(stage.probability);
            }
        }
        kernel::Sql::execute(kernel.database(), session,
                             "UPDATE deal SET status = " + status + " END, stage_name = " + name +
                                 " END, probability = " + probability + " END, stage_entered_at = created_at");
        kernel::Sql::execute(kernel.database(), session,
                             "UPDATE deal SET weighted_amount = amount * probability / 100, closed_on = CASE WHEN "
                             "status = 'open' THEN NULL ELSE expected_close_date END");
        // The UPDATEs rewrote every row: give the planner fresh statistics (and PostgreSQL its
        // space back) as a live database would have by autovacuum.
        kernel::Sql::execute(kernel.database(), session,
                             url.starts_with("postgres") ? "VACUUM ANALYZE deal" : "ANALYZE deal");
        double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        auto rebuilt = Clock::now();
        deals::rebuildRollups(kernel.records());
        std::fprintf(stderr, "bench_sales_data: forecast roll-ups rebuilt in %.1f s\n",
                     std::chrono::duration<double>(Clock::now() - rebuilt).count());
        std::fprintf(stderr, "bench_sales_data: %zu deals in %.1f s (%.0f rows/s)\n", deals, seconds,
                     static_cast<double>(deals) / seconds);
        std::printf("pipeline=%lld\nyear=%d\n", static_cast<long long>(sales), year);
        kernel.stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_sales_data: %s\n", e.what());
        return 1;
    }
    return 0;
}
