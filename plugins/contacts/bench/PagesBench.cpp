// The contacts page targets with a large database, through the real web server:
//   - the duplicate check a new-contact form makes, with N stored contacts (default 1,000,000);
//   - the company detail page of a company with 200 contacts and 1,000 related records
//     (deals, interactions and tasks), under wrk.
//   bench_contacts_pages <postgresql://... | sqlite> [--contacts N] [--duration S]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <tessera/sdk/testing/TestKernel.hpp>

#include "BenchArguments.hpp"

using namespace tessera::sdk;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> kFirstNames = {
    "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ida", "Jonas",
    "Karla", "Lukas", "Marta", "Noah", "Olga", "Paul", "Rosa", "Simon", "Tara", "Uwe"};

/// 1,000 surnames of 40 beginnings and 25 endings ("Schmann", "Schberg", "Mülmann"...): each
/// is shared by one contact in a thousand and each beginning by one in forty, as common
/// surnames and prefixes are in a real address book.
std::string lastName(std::int64_t i) {
    static const std::vector<std::string> beginnings = {
        "Sch", "Mül", "Mey", "Web", "Wag", "Bec", "Hof", "Kel", "Koc", "Ric", "Kla", "Wol", "Neu",
        "Sch", "Zim", "Krü", "Har", "Lan", "Bra", "Wer", "Leh", "Kön", "Hub", "Kai", "Fuc", "Pet",
        "Lor", "Jun", "Sei", "Vog", "Ste", "Sau", "Bau", "Frank", "Alb", "Ber", "Gün", "Ott", "Ros",
        "Die"};
    static const std::vector<std::string> endings = {
        "mann", "berg", "er", "ler", "stein", "feld", "hardt", "inger", "ke", "rich",
        "bach", "horst", "mayer", "ert", "hold", "wald", "dorf", "ner", "el", "isch",
        "loff", "en", "ig", "ow", "itz"};
    std::size_t n = static_cast<std::size_t>(i % 1000);
    return beginnings[n % beginnings.size()] + endings[n / beginnings.size()];
}

Record person(std::int64_t i) {
    std::string first = kFirstNames[static_cast<std::size_t>(i / 1000) % kFirstNames.size()];
    std::string digits = std::to_string(4930000000000 + i);
    return {{"first_name", first},
            {"last_name", lastName(i)},
            {"full_name", first + " " + lastName(i)},
            {"email", "person" + std::to_string(i) + "@pages.example"},
            {"phone", "+" + digits},
            {"phone_key", digits}};
}

void printTimes(const char* name, std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    std::printf("%-32s median %7.2f ms   p99 %7.2f ms   (%zu requests)\n", name, ms[ms.size() / 2],
                ms[ms.size() * 99 / 100], ms.size());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_contacts_pages <postgresql://... | sqlite> [--contacts N] "
                     "[--duration S]\n";
        return 2;
    }
    std::string target = argv[1];
    std::int64_t contacts = argument(argc, argv, "--contacts", 1000000);
    std::int64_t duration = argument(argc, argv, "--duration", 8);
    testing::TestKernel kernel({.plugins = {"contacts", "activities", "deals"},
                                .pluginPath = PLUGIN_PATH,
                                .databaseUrl = target == "sqlite" ? "" : target,
                                .settings = {"log.level=warning"}});
    kernel.createUser("admin", "admin");
    Caller system = Caller::systemCaller();
    Records& records = kernel.records();

    auto started = Clock::now();
    for (std::int64_t start = 0; start < contacts; start += 5000) {
        std::vector<Record> batch;
        for (std::int64_t i = start; i < std::min(contacts, start + 5000); ++i) {
            batch.push_back(person(i));
        }
        records.importRows(system, "Contact", batch);
    }
    std::int64_t company = records.create(system, "Company", {{"name", "Busy Account AG"}})["id"];
    for (int i = 0; i < 200; ++i) {
        Record member = person(contacts + i);
        member.erase("full_name");
        member.erase("phone_key");
        member["company_id"] = company;
        records.create(system, "Contact", member);
    }
    for (int i = 0; i < 1000; ++i) {
        std::string n = std::to_string(i);
        if (i % 10 < 3) {
            records.create(system, "Deal", {{"name", "Deal " + n}, {"company_id", company}});
        } else if (i % 10 < 8) {
            records.create(system, "Interaction",
                           {{"kind", "call"},
                            {"subject", "Call " + n},
                            {"occurred_at", "2026-0" + std::to_string(1 + i % 9) + "-1" +
                                                std::to_string(i % 10) + "T10:00:00Z"},
                            {"record_entity", "Company"},
                            {"record_id", company}});
        } else {
            records.create(system, "Task", {{"title", "Task " + n},
                                            {"record_entity", "Company"},
                                            {"record_id", company}});
        }
    }
    std::printf("%s: %lld contacts, a company with 200 contacts and 1,000 related records, "
                "written in %.0f s\n",
                target == "sqlite" ? "SQLite" : "PostgreSQL", static_cast<long long>(contacts),
                std::chrono::duration<double>(Clock::now() - started).count());

    auto admin = kernel.signIn("admin");
    auto check = [&](const Record& values) {
        auto at = Clock::now();
        auto answer = admin.call("POST", "/api/v1/p/contacts/duplicates",
                                 {{"entity", "Contact"}, {"values", values}});
        if (answer.status != 200) {
            std::fprintf(stderr, "duplicate check answered %d: %s\n", answer.status,
                         answer.body.c_str());
            std::exit(1);
        }
        return std::chrono::duration<double, std::milli>(Clock::now() - at).count();
    };
    std::vector<double> fresh;
    std::vector<double> known;
    for (int i = 0; i < 220; ++i) {
        // A new person who shares a common surname, and one already stored.
        Record newcomer = person(contacts + 1000 + i);
        newcomer.erase("full_name");
        newcomer.erase("phone_key");
        Record stored = person((i * 4567) % contacts);
        stored.erase("full_name");
        stored.erase("phone_key");
        double a = check(newcomer);
        double b = check(stored);
        if (i >= 20) {
            fresh.push_back(a);
            known.push_back(b);
        }
    }
    printTimes("duplicate check, new person", fresh);
    printTimes("duplicate check, stored person", known);

    std::string page = "/r/companies/" + std::to_string(company);
    std::vector<double> single;
    for (int i = 0; i < 120; ++i) {
        auto at = Clock::now();
        auto answer = admin.get(page);
        if (answer.status != 200) {
            std::fprintf(stderr, "company page answered %d\n", answer.status);
            return 1;
        }
        if (i >= 20) {
            single.push_back(std::chrono::duration<double, std::milli>(Clock::now() - at).count());
        }
    }
    printTimes("company page, one at a time", single);

    auto signInForm = kernel.anonymous().postForm(
        "/login", {{"login", "admin"}, {"password", testing::TestKernel::kPassword}, {"next", "/"}});
    std::string cookie = signInForm.header("set-cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    std::string wrk = "wrk -t2 -c8 -d" + std::to_string(duration) + "s -H 'Cookie: " + cookie +
                      "' http://127.0.0.1:" + std::to_string(kernel.port()) + page +
                      " | grep -E 'Requests/sec|Latency|Non-2xx'";
    std::printf("company page under wrk (2 threads, 8 connections, %llds):\n",
                static_cast<long long>(duration));
    std::fflush(stdout);
    return std::system(wrk.c_str()) == 0 ? 0 : 1;
}
