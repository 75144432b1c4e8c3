// Bulk insert speed of tessera::kernel::BulkInserter: N rows x 15 columns of contact-like data
// into a fresh table, timed from construction to finish() (rows are generated beforehand).
//
//   bench_storage_bulk [--rows N] [--runs N] URL...
//   e.g. bench_storage_bulk sqlite:/tmp/bench/bulk.db "$(cat build/test-pg/url)"
//
// Prints one line per URL with the best and median run.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <tessera/kernel/storage/BulkInserter.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/DatabaseUrl.hpp>

namespace {

using Poco::Data::Keywords::now;
using tessera::kernel::BulkInserter;
using tessera::kernel::Database;
using tessera::kernel::DatabaseUrl;

const std::vector<std::string> kColumns = {
    "id",      "first_name", "last_name",  "email", "phone",  "company", "title", "city",
    "country", "amount",     "created_at", "score", "active", "notes",   "tags"};

const char* const kCreate =
    "CREATE TABLE bench_bulk (id BIGINT PRIMARY KEY, first_name TEXT, last_name TEXT, "
    "email TEXT, phone TEXT, company TEXT, title TEXT, city TEXT, country TEXT, "
    "amount NUMERIC(14,2), created_at TIMESTAMP, score INTEGER, active BOOLEAN, notes TEXT, "
    "tags TEXT)";

std::vector<BulkInserter::Row> makeRows(std::size_t count) {
    const std::vector<std::string> firstNames = {"Anna", "Björn",  "Chloé", "Dmitri",
                                                 "Eve",  "Fatima", "Grace", "Hiroshi"};
    const std::vector<std::string> lastNames = {"Müller", "Smith",    "O'Brien", "García",
                                                "Ng",     "Kowalski", "Dubois",  "Rossi"};
    const std::vector<std::string> cities = {"Berlin", "Zürich", "Lyon",
                                             "Osaka",  "Austin", "Kraków"};
    std::mt19937 random(42);
    std::vector<BulkInserter::Row> rows;
    rows.reserve(count);
    for (std::size_t i = 1; i <= count; ++i) {
        const auto& first = firstNames[random() % firstNames.size()];
        const auto& last = lastNames[random() % lastNames.size()];
        char amount[32];
        std::snprintf(amount, sizeof amount, "%u.%02u", static_cast<unsigned>(random() % 100000),
                      static_cast<unsigned>(random() % 100));
        char created[32];
        std::snprintf(created, sizeof created, "2024-%02u-%02u %02u:%02u:00",
                      static_cast<unsigned>(random() % 12 + 1),
                      static_cast<unsigned>(random() % 28 + 1),
                      static_cast<unsigned>(random() % 24), static_cast<unsigned>(random() % 60));
        BulkInserter::Row row;
        row.reserve(kColumns.size());
        row.emplace_back(std::to_string(i));
        row.emplace_back(first);
        row.emplace_back(last);
        row.emplace_back("contact" + std::to_string(i) + "@example.com");
        row.emplace_back("+49 30 " + std::to_string(1000000 + random() % 9000000));
        row.emplace_back("Company " + std::to_string(random() % 5000) + " GmbH");
        row.emplace_back(i % 3 == 0 ? std::nullopt : std::optional<std::string>("Head of Sales"));
        row.emplace_back(cities[random() % cities.size()]);
        row.emplace_back("DE");
        row.emplace_back(amount);
        row.emplace_back(created);
        row.emplace_back(std::to_string(random() % 100));
        row.emplace_back(random() % 2 ? "1" : "0");
        row.emplace_back(i % 4 == 0
                             ? std::optional<std::string>("Met at the fair.\nFollow up\tsoon.")
                             : std::nullopt);
        row.emplace_back("vip,newsletter");
        rows.push_back(std::move(row));
    }
    return rows;
}

double runOnce(Database& database, const std::vector<BulkInserter::Row>& rows) {
    {
        auto session = database.session();
        session << "DROP TABLE IF EXISTS bench_bulk", now;
        session << kCreate, now;
    }
    auto start = std::chrono::steady_clock::now();
    BulkInserter inserter(database, "bench_bulk", kColumns);
    for (const auto& row : rows) {
        inserter.add(row);
    }
    std::size_t written = inserter.finish();
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (written != rows.size()) {
        throw std::runtime_error("wrote " + std::to_string(written) + " rows of " +
                                 std::to_string(rows.size()));
    }
    return seconds;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t rowCount = 100000;
    int runs = 5;
    std::vector<std::string> urls;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--rows" && i + 1 < argc) {
            rowCount = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (arg.rfind("--", 0) == 0) {
            std::fprintf(stderr, "usage: bench_storage_bulk [--rows N] [--runs N] URL...\n");
            return 2;
        } else {
            urls.push_back(arg);
        }
    }
    if (urls.empty()) {
        std::fprintf(stderr, "usage: bench_storage_bulk [--rows N] [--runs N] URL...\n");
        return 2;
    }

    auto rows = makeRows(rowCount);
    std::printf("%-60s %8s %5s %10s %10s %12s\n", "db.url", "rows", "cols", "best s", "median s",
                "rows/s best");
    try {
        for (const auto& text : urls) {
            auto url = DatabaseUrl::parse(text);
            Database database(url);
            std::vector<double> times;
            for (int r = 0; r < runs; ++r) {
                times.push_back(runOnce(database, rows));
            }
            {
                auto session = database.session();
                session << "DROP TABLE IF EXISTS bench_bulk", now;
            }
            std::sort(times.begin(), times.end());
            std::printf("%-60s %8zu %5zu %10.3f %10.3f %12.0f\n", url.masked().c_str(), rowCount,
                        kColumns.size(), times.front(), times[times.size() / 2],
                        static_cast<double>(rowCount) / times.front());
            std::fflush(stdout);
        }
    } catch (const Poco::Exception& e) {
        std::fprintf(stderr, "bench_storage_bulk: %s\n", e.displayText().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_storage_bulk: %s\n", e.what());
        return 1;
    }
}
