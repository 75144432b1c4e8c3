// The contacts import target: N rows of a CSV imported with upsert on e-mail, through the whole
// pipeline (upload over HTTP, the job, the bulk path and the per-row updates).
//   bench_contacts_import <postgresql://... | sqlite> [--rows N] [--existing N]
// `--existing` contacts are stored first; the file holds every tenth of them again (updates)
// and new people for the rest.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

#include <tessera/sdk/testing/TestKernel.hpp>

#include "BenchArguments.hpp"

using namespace tessera::sdk;
using Clock = std::chrono::steady_clock;

namespace {

std::string email(std::int64_t i) {
    return "person" + std::to_string(i) + "@bench.example";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_contacts_import <postgresql://... | sqlite> [--rows N] "
                     "[--existing N]\n";
        return 2;
    }
    std::string target = argv[1];
    std::int64_t rows = argument(argc, argv, "--rows", 100000);
    std::int64_t existing = argument(argc, argv, "--existing", 100000);
    testing::TestKernel kernel(
        {.plugins = {"contacts"},
         .pluginPath = PLUGIN_PATH,
         .databaseUrl = target == "sqlite" ? "" : target,
         .settings = {"server.max_body=268435456", "plugin.contacts.import_max_bytes=268435456"}});
    kernel.createUser("admin", "admin");
    Caller system = Caller::systemCaller();
    for (std::int64_t start = 0; start < existing; start += 5000) {
        std::vector<Record> batch;
        for (std::int64_t i = start; i < std::min(existing, start + 5000); ++i) {
            batch.push_back({{"first_name", "Known"},
                             {"last_name", "Person " + std::to_string(i)},
                             {"full_name", "Known Person " + std::to_string(i)},
                             {"email", email(i)}});
        }
        kernel.records().importRows(system, "Contact", batch);
    }
    kernel.runDueJobs();  // the stored contacts' search entries, before the clock starts
    std::string csv = "First name,Last name,Email,Phone,Company,City\n";
    std::int64_t updates = 0;
    for (std::int64_t i = 0; i < rows; ++i) {
        bool update = existing > 0 && i % 10 == 0;
        std::int64_t who = update ? (i / 10) % existing : existing + i;
        updates += update ? 1 : 0;
        csv += "Anna,Person " + std::to_string(who) + "," + email(who) + ",+49 30 " +
               std::to_string(1000000 + i) + ",Company " + std::to_string(i % 500) + ",Berlin\n";
    }
    auto admin = kernel.signIn("admin");
    std::string b = "----BenchBoundary";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                       admin.csrfToken() + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\""
                       "\r\nContent-Type: text/csv\r\n\r\n" +
                       csv + "\r\n--" + b + "--\r\n";

    auto uploaded = admin.send("POST", "/p/contacts/import", body,
                               {{"Content-Type", "multipart/form-data; boundary=" + b}});
    std::string location = uploaded.header("location");
    if (uploaded.status != 303 || location.empty()) {
        std::cerr << "upload failed: " << uploaded.status << " " << uploaded.body.substr(0, 300)
                  << "\n";
        return 1;
    }
    auto mapped = admin.postForm(location + "/mapping", {{"action", "start"},
                                                         {"match_key", "email"},
                                                         {"map_0", "first_name"},
                                                         {"map_1", "last_name"},
                                                         {"map_2", "email"},
                                                         {"map_3", "phone"},
                                                         {"map_4", "company"},
                                                         {"map_5", "city"}});
    auto queued = Clock::now();
    // The import job marks its batch done when its rows are written; the search backlog and
    // the outbox run after it in the same runDueJobs() call, as `tessera serve`'s threads would.
    std::int64_t batchId = std::stoll(location.substr(location.rfind('/') + 1));
    std::atomic<bool> finished{false};
    Clock::time_point imported = queued;
    std::thread watcher([&] {
        while (!finished) {
            if (kernel.records().get(system, "ImportBatch", batchId).value("status", "") ==
                "done") {
                imported = Clock::now();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    kernel.runDueJobs();
    auto done = Clock::now();
    finished = true;
    watcher.join();
    auto status = admin.get(location + "/status").json();
    double job = std::chrono::duration<double>(imported - queued).count();
    double all = std::chrono::duration<double>(done - queued).count();
    std::printf(
        "%s: %lld rows (%lld updates of %lld stored contacts): import job %.2f s = %.0f rows/s; "
        "with search indexing and outbox %.2f s = %.0f rows/s; status %s\n",
        target == "sqlite" ? "SQLite" : "PostgreSQL", static_cast<long long>(rows),
        static_cast<long long>(updates), static_cast<long long>(existing), job,
        static_cast<double>(rows) / job, all, static_cast<double>(rows) / all,
        status.dump().c_str());
    if (status.value("status", "") != "done") {
        std::cerr << "the import failed: "
                  << kernel.records().get(system, "ImportBatch", batchId).value("message", "")
                  << "\n";
        return 1;
    }
    return 0;
}
