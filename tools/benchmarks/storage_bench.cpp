// The storage targets of the record API, measured on one database:
//   bulk insert of N records of a 15-field entity (validation, search index and audit included),
//   a filtered, sorted, permission-scoped page of 50 for a sales rep,
//   global search for a word and for a name prefix,
//   a group-by-month sum over all rows.
//
//   bench_storage [--rows N] [--runs N] URL
//   e.g. bench_storage --rows 1000000 sqlite:/tmp/bench/storage.db
//
// The database must be empty (a fresh SQLite file or a new PostgreSQL database). Prints one
// line per measurement; tools/bench storage runs it on both backends.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/records/AuditLog.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/records/HookRegistry.hpp>
#include <tessera/kernel/records/RecordImporter.hpp>
#include <tessera/kernel/records/RecordStore.hpp>
#include <tessera/kernel/schema/SchemaRegistry.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Migrator.hpp>

using namespace tessera;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats {
    double median;
    double p99;
};

template <class Fn>
Stats measure(int runs, Fn&& fn) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        fn(i);
        times.push_back(ms(Clock::now() - start));
    }
    std::sort(times.begin(), times.end());
    return {times[times.size() / 2], times[std::min(times.size() - 1, times.size() * 99 / 100)]};
}

nlohmann::json accountEntity() {
    return {{"name", "Account"},
            {"fields",
             {{"name", {{"type", "text"}, {"required", true}, {"searchable", true}, {"indexed", true}}},
              {"email", {{"type", "email"}, {"searchable", true}}},
              {"phone", {{"type", "phone"}}},
              {"city", {{"type", "text"}, {"searchable", true}}},
              {"country", {{"type", "enum"}, {"indexed", true},
                           {"options", {"DE", "FR", "GB", "US", "JP", "BR", "IN", "ES", "IT", "NL"}}}},
              {"industry", {{"type", "enum"}, {"options", {"software", "retail", "energy", "health", "finance"}}}},
              {"employees", {{"type", "integer"}}},
              {"revenue", {{"type", "money"}, {"indexed", true}}},
              {"score", {{"type", "decimal"}}},
              {"active", {{"type", "boolean"}}},
              {"founded", {{"type", "date"}}},
              {"last_contact", {{"type", "datetime"}, {"indexed", true}}},
              {"tags", {{"type", "multienum"}}},
              {"website", {{"type", "url"}}},
              {"notes", {{"type", "longtext"}, {"searchable", true}}}}}};
}

const char* const kFirst[] = {"Anna", "Björn", "Chloé", "Dmitri", "Eve", "Fatima", "Grace",
                              "Hiroshi", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nora"};
const char* const kLast[] = {"Müller", "Smith", "O'Brien", "García", "Ng", "Kowalski", "Dubois",
                             "Rossi", "Larsen", "Okafor", "Tanaka", "Silva", "Novak", "Haddad"};
const char* const kWords[] = {"Holdings", "Systems", "Labs", "Partners", "Logistics", "Foods",
                              "Energy", "Analytics", "Robotics", "Textiles", "Media", "Capital"};
const char* const kCities[] = {"Berlin", "Lyon", "Leeds", "Austin", "Osaka", "Recife", "Pune",
                               "Sevilla", "Torino", "Utrecht"};
const char* const kCountries[] = {"DE", "FR", "GB", "US", "JP", "BR", "IN", "ES", "IT", "NL"};
const char* const kIndustries[] = {"software", "retail", "energy", "health", "finance"};

}  // namespace

int main(int argc, char** argv) {
    std::size_t rows = 1000000;
    int runs = 200;
    std::string url;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) {
            rows = std::stoul(argv[++i]);
        } else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = std::stoi(argv[++i]);
        } else {
            url = argv[i];
        }
    }
    if (url.empty()) {
        std::fprintf(stderr, "usage: bench_storage [--rows N] [--runs N] URL\n");
        return 2;
    }
    spdlog::set_level(spdlog::level::warn);
    try {
        kernel::Database db(kernel::DatabaseUrl::parse(url));
        kernel::AccessControl access(db);
        kernel::SearchIndex search(db);
        kernel::AuditLog audit(db);
        access.ensureTables();
        search.ensureTables();
        audit.ensureTables();
        kernel::SchemaRegistry registry;
        registry.builderFor("bench", {})->entity(accountEntity());
        auto schema = registry.build();
        kernel::Migrator(db, *schema).migrate({{"bench", "1.0.0"}});
        kernel::HookRegistry hooks;
        kernel::EventBus events;
        kernel::RecordStore records(db, schema, access, search, audit, hooks, events);
        kernel::RecordImporter importer(db, records, access, search, records.searchBacklog(),
                                        events);

        std::vector<std::int64_t> teams;
        for (int t = 0; t < 5; ++t) {
            teams.push_back(access.createTeam("team" + std::to_string(t)));
        }
        std::vector<std::int64_t> reps;
        for (int u = 0; u < 40; ++u) {
            reps.push_back(access.createUser("rep" + std::to_string(u), "Rep " + std::to_string(u),
                                             "rep" + std::to_string(u) + "@example.com",
                                             {"sales_rep"}, {teams[u % teams.size()]}));
        }
        std::int64_t admin = access.createUser("admin", "Admin", "admin@example.com", {"admin"});

        std::mt19937_64 random(7);
        auto pick = [&](const auto& list) { return list[random() % std::size(list)]; };
        std::vector<sdk::Record> batch;
        double insertSeconds = 0;
        constexpr std::size_t kBatch = 50000;
        for (std::size_t i = 0; i < rows; ++i) {
            std::string name = std::string(pick(kLast)) + " " + pick(kWords) + " " + std::to_string(i);
            std::int64_t owner = reps[random() % reps.size()];
            char date[32];
            std::snprintf(date, sizeof date, "20%02d-%02d-%02dT%02d:%02d:00Z",
                          static_cast<int>(18 + random() % 8), static_cast<int>(1 + random() % 12),
                          static_cast<int>(1 + random() % 28), static_cast<int>(random() % 24),
                          static_cast<int>(random() % 60));
            batch.push_back({{"name", name},
                             {"email", std::string(pick(kFirst)) + "." + std::to_string(i) + "@example.com"},
                             {"phone", "+49 30 " + std::to_string(1000000 + random() % 8999999)},
                             {"city", pick(kCities)},
                             {"country", pick(kCountries)},
                             {"industry", pick(kIndustries)},
                             {"employees", static_cast<int>(random() % 5000)},
                             {"revenue", {{"amount", static_cast<double>(random() % 10000000) / 100.0}, {"currency", "EUR"}}},
                             {"score", static_cast<double>(random() % 1000) / 10.0},
                             {"active", random() % 4 != 0},
                             {"founded", std::string(date).substr(0, 10)},
                             {"last_contact", date},
                             {"tags", {pick(kWords)}},
                             {"website", "https://example.com/" + std::to_string(i)},
                             {"notes", std::string("Met ") + pick(kFirst) + " in " + pick(kCities) + " about " + pick(kWords)},
                             {"owner_id", owner},
                             {"team_id", teams[(std::find(reps.begin(), reps.end(), owner) - reps.begin()) % teams.size()]}});
            if (batch.size() == kBatch || i + 1 == rows) {
                auto start = Clock::now();
                auto report = importer.importRows(sdk::Caller::systemCaller(), "Account", batch);
                insertSeconds += ms(Clock::now() - start) / 1000.0;
                if (!report.errors.empty()) {
                    std::fprintf(stderr, "row %zu was refused: %s\n", report.errors.begin()->first,
                                 report.errors.begin()->second.begin()->second.c_str());
                    return 1;
                }
                batch.clear();
            }
        }
        std::printf("bulk insert     %zu rows in %.1f s = %.0f rows/s (validation, search index, audit)\n",
                    rows, insertSeconds, static_cast<double>(rows) / insertSeconds);

        sdk::Caller rep = sdk::Caller::user(reps[3]);
        auto page = measure(runs, [&](int i) {
            records.query(rep, {.entity = "Account",
                                .filter = sdk::Filter::allOf({sdk::Filter::eq("country", kCountries[i % 10]),
                                                              sdk::Filter::eq("active", true)}),
                                .sort = {{"revenue", true}},
                                .limit = 50});
        });
        std::printf("scoped page     country+active, by revenue desc, 50 rows: median %.2f ms, p99 %.2f ms\n",
                    page.median, page.p99);
        auto recent = measure(runs, [&](int) {
            records.query(rep, {.entity = "Account", .sort = {{"last_contact", true}}, .limit = 50});
        });
        std::printf("scoped page     newest contact first, 50 rows: median %.2f ms, p99 %.2f ms\n",
                    recent.median, recent.p99);
        auto byName = measure(runs, [&](int i) {
            records.query(rep, {.entity = "Account", .filter = sdk::Filter::startsWith("name", kLast[i % 14]),
                                .sort = {{"name"}}, .limit = 50});
        });
        std::printf("scoped page     name starts with, by name, 50 rows: median %.2f ms, p99 %.2f ms\n",
                    byName.median, byName.p99);

        auto word = measure(runs, [&](int i) { records.search(rep, kWords[i % 12], 20); });
        std::printf("global search   a word: median %.2f ms, p99 %.2f ms\n", word.median, word.p99);
        auto prefix = measure(runs, [&](int i) {
            records.search(rep, std::string(kLast[i % 14]).substr(0, 3), 20);
        });
        std::printf("global search   a name prefix: median %.2f ms, p99 %.2f ms\n", prefix.median,
                    prefix.p99);
        auto adminPrefix = measure(runs, [&](int i) {
            records.search(sdk::Caller::user(admin), std::string(kLast[i % 14]).substr(0, 4), 20);
        });
        std::printf("global search   a name prefix, as admin: median %.2f ms, p99 %.2f ms\n",
                    adminPrefix.median, adminPrefix.p99);

        auto monthly = measure(std::max(3, runs / 40), [&](int) {
            records.aggregate(sdk::Caller::user(admin),
                              {.entity = "Account", .fn = sdk::AggregateFn::Sum, .field = "revenue",
                               .groupBy = "last_contact", .bucket = sdk::DateBucket::Month});
        });
        std::printf("group by month  sum of revenue over all rows: median %.1f ms, p99 %.1f ms\n",
                    monthly.median, monthly.p99);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_storage: %s\n", e.what());
        return 1;
    }
    return 0;
}
