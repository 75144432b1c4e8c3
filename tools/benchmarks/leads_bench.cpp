// Speed of the leads plugin's public form, through the real web server.
//
//   bench_leads PLUGIN_PATH [DATABASE_URL] [--leads N] [--clients N]     (tools/bench leads runs it)
//
// Starts contacts, activities, deals and leads on a fresh database (SQLite in a temporary folder,
// or the PostgreSQL URL given) with a campaign, eight scoring rules (field and behaviour) and a
// round-robin assignment rule over a team of five reps, then posts N form entries (default
// 10,000), each a new person, from C concurrent keep-alive clients (default 4), and prints the
// entries stored per second. Every entry is scored, assigned, checked for duplicates and notified
// to its new owner as in production; the rate limit is lifted for the bench.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <tessera/sdk/testing/TestKernel.hpp>

using namespace tessera;
using sdk::Caller;
using sdk::testing::TestKernel;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_leads PLUGIN_PATH [DATABASE_URL] [--leads N] [--clients N]\n");
        return 2;
    }
    std::string url;
    int total = 10000;
    int clients = 4;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--leads") == 0 && i + 1 < argc) {
            total = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--clients") == 0 && i + 1 < argc) {
            clients = std::atoi(argv[++i]);
        } else {
            url = argv[i];
        }
    }
    TestKernel tessera({.plugins = {"contacts", "activities", "deals", "leads"},
                        .pluginPath = argv[1],
                        .databaseUrl = url,
                        .settings = {"plugin.leads.form_rate_limit=100000000", "server.threads=32"}});
    if (tessera.pluginStates().at("leads") != "running") {
        std::fprintf(stderr, "leads: %s\n", tessera.pluginStates().at("leads").c_str());
        return 1;
    }
    auto& records = tessera.records();
    Caller admin = Caller::user(tessera.createUser("admin", "admin"));
    auto team = tessera.signIn("admin").postForm("/admin/teams", {{"name", "Inbound"}});
    std::int64_t teamId = std::stoll(team.header("location").substr(team.header("location").find("#team-") + 6));
    for (int i = 0; i < 5; ++i) {
        tessera.createUser("rep" + std::to_string(i), "sales_rep", {teamId});
    }
    auto campaign = records.create(admin, "Campaign",
                                   {{"name", "Bench"},
                                    {"form_fields", {"first_name", "last_name", "email", "company_name", "company_size",
                                                     "industry", "notes"}},
                                    {"required_fields", {"email", "last_name"}}});
    for (const auto& [field, op, value, points] : std::vector<std::tuple<const char*, const char*, const char*, int>>{
             {"company_size", "gt", "100", 20}, {"company_size", "gte", "1000", 15}, {"industry", "eq", "Technology", 15},
             {"job_title", "contains", "head", 10}, {"company_name", "is_set", "", 5}, {"company_domain", "is_not_set", "", -10}}) {
        records.create(admin, "ScoringRule", {{"name", std::string(field) + " " + op}, {"field", field},
                                              {"operator", op}, {"value", value}, {"points", points}});
    }
    records.create(admin, "ScoringRule", {{"name", "Forms"}, {"kind", "behaviour"}, {"behaviour", "form_submission"}, {"points", 10}});
    records.create(admin, "ScoringRule", {{"name", "Opens"}, {"kind", "behaviour"}, {"behaviour", "email_open"}, {"points", 3}});
    records.create(admin, "AssignmentRule", {{"name", "Inbound"}, {"team_name", "Inbound"}, {"strategy", "round_robin"}});
    std::string path = "/p/leads/form/" + campaign["form_key"].get<std::string>();

    std::atomic<int> next{0};
    std::atomic<int> failed{0};
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&] {
            auto visitor = tessera.anonymous();
            for (int i = next++; i < total; i = next++) {
                std::string n = std::to_string(i);
                auto answer = visitor.postForm(path, {{"first_name", "Bench"}, {"last_name", "Person " + n},
                                                      {"email", "person" + n + "@company" + std::to_string(i % 500) + ".example"},
                                                      {"company_name", "Company " + std::to_string(i % 500)},
                                                      {"company_size", std::to_string(10 + i % 3000)},
                                                      {"industry", i % 3 == 0 ? "Technology" : "Retail"},
                                                      {"notes", "Please call me back."}});
                if (answer.status != 303) {
                    if (failed++ < 3) {
                        std::fprintf(stderr, "entry %d answered %d: %s\n", i, answer.status, answer.body.substr(0, 200).c_str());
                    }
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sdk::Query stored;
    stored.entity = "Lead";
    std::int64_t count = records.count(Caller::systemCaller(), stored);
    stored.filter = sdk::Filter::isNull("owner_id");
    std::int64_t unassigned = records.count(Caller::systemCaller(), stored);
    std::printf("%s: %d entries from %d clients in %.2f s = %.0f leads/s (%lld stored, %lld unassigned, %d failed)\n",
                url.empty() ? "sqlite" : "postgresql", total, clients, seconds, static_cast<double>(total) / seconds,
                static_cast<long long>(count), static_cast<long long>(unassigned), failed.load());
    return failed == 0 && count == total ? 0 : 1;
}
