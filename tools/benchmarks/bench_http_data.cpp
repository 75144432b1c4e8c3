// The data of `tools/bench http`: starts the kernel with the bench.deals plugin on a fresh
// database, creates the users and bulk-loads BenchDeal records through the import path.
//
//   bench_http_data [--rows N] --plugins DIR URL
//   e.g. bench_http_data --rows 100000 --plugins build/bench-plugins sqlite:/tmp/b/http.db
//
// Users (password "bench-password-1"):
//   bench.admin  admin
//   bench.rep    sales_rep (read: team), in team 0 of 5, with 19 other reps spread over the teams
//   bench.own    bench_own (read, update, delete: own; create: all), in team 0
// Records are spread evenly over the 21 reps, so bench.rep's team sees about a fifth of them and
// bench.own about 1/21. Prints `rep_deal=<id>` and `own_deal=<id>`: a record each user owns.

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

using namespace tessera;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPassword = "bench-password-1";

const char* const kLast[] = {"Müller",   "Smith",  "O'Brien", "García", "Ng",
                             "Kowalski", "Dubois", "Rossi",   "Larsen", "Okafor",
                             "Tanaka",   "Silva",  "Novak",   "Haddad"};
const char* const kWords[] = {"Holdings",  "Systems",  "Labs",   "Partners",
                              "Logistics", "Foods",    "Energy", "Analytics",
                              "Robotics",  "Textiles", "Media",  "Capital"};
const char* const kWhat[] = {"renewal",  "upsell",       "pilot",     "rollout",
                             "licences", "support plan", "migration", "expansion"};
const char* const kFirst[] = {"anna",    "bjorn", "chloe", "dmitri", "eve",  "fatima", "grace",
                              "hiroshi", "ines",  "jonas", "kofi",   "lena", "mateo",  "nora"};
const char* const kStages[] = {"lead", "qualified", "proposal", "negotiation", "won", "lost"};
const int kProbability[] = {10, 30, 60, 80, 100, 0};
const char* const kSources[] = {"web", "referral", "event", "partner", "cold call"};

}  // namespace

int main(int argc, char** argv) {
    std::size_t rows = 100000;
    std::string pluginsPath;
    std::string url;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) {
            rows = std::stoul(argv[++i]);
        } else if (!std::strcmp(argv[i], "--plugins") && i + 1 < argc) {
            pluginsPath = argv[++i];
        } else {
            url = argv[i];
        }
    }
    if (url.empty() || pluginsPath.empty()) {
        std::fprintf(stderr, "usage: bench_http_data [--rows N] --plugins DIR URL\n");
        return 2;
    }
    try {
        kernel::Config config = kernel::Config::load(
            std::nullopt, {"db.url=" + url, "plugins.path=" + pluginsPath,
                           "plugins.enabled=bench.deals", "log.level=warning"});
        spdlog::set_level(spdlog::level::warn);
        kernel::Kernel kernel(config);
        kernel.start({});
        if (kernel.plugins().hasFailures()) {
            std::fprintf(stderr, "bench_http_data: the bench.deals plugin did not load from %s\n",
                         pluginsPath.c_str());
            return 1;
        }
        kernel::AccessControl& access = kernel.access();
        kernel::UserCredentials credentials(kernel.database());
        credentials.ensureTables();
        std::string hash =
            kernel::PasswordHasher(kernel::PasswordHasher::Strength::Interactive).hash(kPassword);

        std::vector<std::int64_t> teams;
        for (int t = 0; t < 5; ++t) {
            teams.push_back(access.createTeam("Bench team " + std::to_string(t)));
        }
        access.createRole("bench_own", "Own records only");
        access.grant("bench_own", "*", sdk::Action::Read, kernel::ScopeLevel::Own);
        access.grant("bench_own", "*", sdk::Action::Create, kernel::ScopeLevel::All);
        access.grant("bench_own", "*", sdk::Action::Update, kernel::ScopeLevel::Own);
        access.grant("bench_own", "*", sdk::Action::Delete, kernel::ScopeLevel::Own);

        std::int64_t admin =
            access.createUser("bench.admin", "Bench Admin", "admin@example.com", {"admin"});
        std::int64_t rep = access.createUser("bench.rep", "Rita Rep", "rita@example.com",
                                             {"sales_rep"}, {teams[0]});
        std::int64_t own = access.createUser("bench.own", "Otto Own", "otto@example.com",
                                             {"bench_own"}, {teams[0]});
        for (std::int64_t user : {admin, rep, own}) {
            credentials.setPasswordHash(user, hash);
        }
        std::vector<std::int64_t> owners = {rep, own};
        std::vector<std::int64_t> ownerTeams = {teams[0], teams[0]};
        for (int u = 1; u < 20; ++u) {
            std::int64_t team = teams[static_cast<std::size_t>(u) % teams.size()];
            owners.push_back(access.createUser(
                "bench.rep" + std::to_string(u), "Rep " + std::to_string(u),
                "rep" + std::to_string(u) + "@example.com", {"sales_rep"}, {team}));
            ownerTeams.push_back(team);
        }

        kernel::SearchIndex search(kernel.database());
        // The data is searchable when the server starts: no backlog left to the job.
        kernel::SearchBacklog inlineSearch(kernel.database(), search);
        kernel::RecordImporter importer(kernel.database(), kernel.records(), access, search,
                                        inlineSearch, kernel.events());
        std::mt19937_64 random(11);
        auto pick = [&](const auto& list) { return list[random() % std::size(list)]; };
        std::optional<std::int64_t> repDeal;
        std::optional<std::int64_t> ownDeal;
        std::vector<sdk::Record> batch;
        std::vector<std::int64_t> batchOwners;
        constexpr std::size_t kBatch = 20000;
        auto started = Clock::now();
        for (std::size_t i = 0; i < rows; ++i) {
            std::size_t o = i % owners.size();
            std::size_t stage = random() % std::size(kStages);
            std::string company = std::string(pick(kLast)) + " " + pick(kWords);
            char date[16];
            std::snprintf(date, sizeof date, "20%02d-%02d-%02d",
                          static_cast<int>(24 + random() % 4), static_cast<int>(1 + random() % 12),
                          static_cast<int>(1 + random() % 28));
            std::string first = pick(kFirst);
            batch.push_back(
                {{"name", company + " " + pick(kWhat) + " " + std::to_string(i)},
                 {"company", company},
                 {"stage", kStages[stage]},
                 {"amount",
                  {{"amount", static_cast<double>(random() % 50000000) / 100.0},
                   {"currency", "EUR"}}},
                 {"probability", kProbability[stage]},
                 {"close_date", date},
                 {"email", first + "." + std::to_string(i) + "@example.com"},
                 {"phone", "+49 30 " + std::to_string(1000000 + random() % 8999999)},
                 {"website", "https://example.com/" + std::to_string(i % 5000)},
                 {"source", pick(kSources)},
                 {"priority", random() % 5 == 0},
                 {"notes", "Call with " + first + " about the " + pick(kWhat) +
                               ". Next step: " + pick(kWhat) + " proposal for " + company + "."},
                 {"owner_id", owners[o]},
                 {"team_id", ownerTeams[o]}});
            batchOwners.push_back(owners[o]);
            if (batch.size() == kBatch || i + 1 == rows) {
                auto report = importer.importRows(sdk::Caller::systemCaller(), "BenchDeal", batch);
                if (!report.errors.empty()) {
                    std::fprintf(stderr, "bench_http_data: row %zu was refused: %s: %s\n",
                                 report.errors.begin()->first,
                                 report.errors.begin()->second.begin()->first.c_str(),
                                 report.errors.begin()->second.begin()->second.c_str());
                    return 1;
                }
                for (std::size_t k = 0; k < report.ids.size(); ++k) {
                    if (!repDeal && batchOwners[k] == rep)
                        repDeal = report.ids[k];
                    if (!ownDeal && batchOwners[k] == own)
                        ownDeal = report.ids[k];
                }
                batch.clear();
                batchOwners.clear();
            }
        }
        double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        std::fprintf(stderr, "bench_http_data: %zu BenchDeal rows in %.1f s (%.0f rows/s)\n", rows,
                     seconds, static_cast<double>(rows) / seconds);
        std::printf("rep_deal=%lld\nown_deal=%lld\n", static_cast<long long>(repDeal.value_or(0)),
                    static_cast<long long>(ownDeal.value_or(0)));
        kernel.stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_http_data: %s\n", e.what());
        return 1;
    }
    return 0;
}
