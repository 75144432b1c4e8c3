// Speed of the activities plugin's pages against its targets, through the real web server.
//
//   bench_activities PLUGIN_PATH [DATABASE_URL]     (tools/bench activities runs it)
//
// Fills a fresh database (SQLite in a temporary folder, or the PostgreSQL URL given) with
//   - one company with 10,000 timeline entries (interactions, tasks and meetings on it),
//   - 2,000 meetings in March owned by 20 users (each attended by another),
//   - 1,000 meetings (100 of them weekly) for one user with a calendar feed,
// then asks each page 100 times (after 10 unmeasured) and prints median, p99 and maximum in ms:
//   timeline   the JSON first page of the company's timeline (25 entries)
//   panel      the company's detail page, timeline panel included
//   calendar   the month view of everyone's calendar in March (2,000 events)
//   feed       the iCalendar feed of 1,000 meetings

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include <tessera/sdk/testing/TestKernel.hpp>

using namespace tessera;
using sdk::Caller;
using sdk::testing::TestKernel;

namespace {

/// A time in 2026: `month`, day 1 + day % 28, `minute` of the day (below 1,440).
std::string iso(int month, int day, int minute) {
    char out[32];
    std::snprintf(out, sizeof out, "2026-%02d-%02dT%02d:%02d:00Z", month, 1 + day % 28, minute / 60, minute % 60);
    return out;
}

template <class Request>
void measure(const char* name, Request request) {
    for (int i = 0; i < 10; ++i) {
        request();
    }
    std::vector<double> ms;
    for (int i = 0; i < 100; ++i) {
        auto start = std::chrono::steady_clock::now();
        int status = request();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (status != 200) {
            std::fprintf(stderr, "%s answered %d\n", name, status);
            std::exit(1);
        }
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-9s median %6.2f ms   p99 %6.2f ms   max %6.2f ms\n", name, ms[50], ms[98], ms.back());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_activities PLUGIN_PATH [DATABASE_URL]\n");
        return 2;
    }
    TestKernel kernel({.plugins = {"contacts", "activities"},
                       .pluginPath = argv[1],
                       .databaseUrl = argc > 2 ? argv[2] : "",
                       .settings = {"log.level=warning"}});
    auto& records = kernel.records();
    Caller system = Caller::systemCaller();
    kernel.createUser("admin", "admin");
    std::vector<std::int64_t> users;
    for (int i = 0; i < 20; ++i) {
        users.push_back(kernel.createUser("user" + std::to_string(i), "sales_rep"));
    }
    auto company = records.create(system, "Company", {{"name", "Busy Account GmbH"}});
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 10000; ++i) {
        int kind = i % 10;
        if (kind < 7) {
            records.create(system, "Interaction",
                           {{"kind", kind < 4 ? "call" : "note"}, {"subject", "Entry " + std::to_string(i)},
                            {"occurred_at", iso(1, i / 400, i % 1380)}, {"record_entity", "Company"},
                            {"record_id", company["id"]}, {"owner_id", users[i % 20]}});
        } else if (kind < 9) {
            records.create(system, "Task", {{"title", "Task " + std::to_string(i)}, {"due_at", iso(1, i / 400, i % 1380)},
                                            {"record_entity", "Company"}, {"record_id", company["id"]},
                                            {"owner_id", users[i % 20]}});
        } else {
            records.create(system, "Meeting", {{"title", "Meeting " + std::to_string(i)},
                                               {"starts_at", iso(1, i / 400, i % 1380)},
                                               {"ends_at", iso(1, i / 400, i % 1380 + 30)},
                                               {"record_entity", "Company"}, {"record_id", company["id"]},
                                               {"owner_id", users[i % 20]}});
        }
    }
    for (int i = 0; i < 2000; ++i) {
        records.create(system, "Meeting", {{"title", "Team meeting " + std::to_string(i)},
                                           {"starts_at", iso(3, i % 28, 480 + i % 600)},
                                           {"ends_at", iso(3, i % 28, 510 + i % 600)},
                                           {"attendee_ids", {users[(i + 1) % 20]}},
                                           {"owner_id", users[i % 20]}});
    }
    std::int64_t feedUser = kernel.createUser("feed", "sales_rep");
    for (int i = 0; i < 1000; ++i) {
        sdk::Record meeting = {{"title", "Feed meeting " + std::to_string(i)},
                               {"starts_at", iso(5, i % 28, 480 + i % 600)},
                               {"ends_at", iso(5, i % 28, 540 + i % 600)},
                               {"time_zone", "Europe/Berlin"},
                               {"reminder_offsets", {15}},
                               {"owner_id", feedUser}};
        if (i % 10 == 0) {
            meeting["rrule"] = "FREQ=WEEKLY;COUNT=20";
        }
        records.create(system, "Meeting", meeting);
    }
    std::printf("data written in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    auto admin = kernel.signIn("admin");
    std::string id = company["id"].dump();
    measure("timeline", [&] { return admin.get("/api/v1/p/activities/timeline/Company/" + id).status; });
    measure("panel", [&] { return admin.get("/r/companies/" + id).status; });
    measure("calendar", [&] { return admin.get("/p/activities/calendar?view=month&date=2026-03-15&who=team").status; });
    auto feedClient = kernel.signIn("feed");
    std::smatch match;
    std::string page = feedClient.postForm("/p/activities/calendar/subscription", {}).body;
    if (!std::regex_search(page, match, std::regex(R"((/p/activities/ical/[0-9a-f]{64}\.ics))"))) {
        std::fprintf(stderr, "no feed link\n");
        return 1;
    }
    std::string feed = match[1];
    auto anonymous = kernel.anonymous();
    measure("feed", [&] { return anonymous.get(feed).status; });
    return 0;
}
