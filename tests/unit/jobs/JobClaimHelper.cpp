// A process that claims one run of "test.slow" and then hangs inside it, for the test that
// kills it with SIGKILL: usage `jobs_claim_helper <db url>`. It prints "claimed <run id>" once
// it holds the lease (60 s) and has reported progress 1 of 10.
#include <chrono>
#include <iostream>
#include <thread>

#include <tessera/kernel/jobs/JobScheduler.hpp>
#include <tessera/kernel/storage/DatabaseUrl.hpp>

int main(int argc, char** argv) {
    using namespace tessera;
    if (argc != 2) {
        std::cerr << "usage: jobs_claim_helper <db url>\n";
        return 2;
    }
    kernel::Database db(kernel::DatabaseUrl::parse(argv[1]));
    kernel::JobScheduler::Options options;
    options.node = "helper";
    kernel::JobScheduler scheduler(db, nullptr, nullptr, options);
    scheduler.add("test",
                  {"test.slow", "Slow", "", std::chrono::seconds(60), 3, [](sdk::JobRun& run) {
                       run.progress(1, 10);
                       std::cout << "claimed " << run.runId() << std::endl;
                       while (true) {
                           std::this_thread::sleep_for(std::chrono::hours(1));
                       }
                   }});
    auto ran = scheduler.runDueOnce();
    std::cerr << "jobs_claim_helper: nothing to claim (" << ran.size() << " runs)\n";
    return 1;
}
