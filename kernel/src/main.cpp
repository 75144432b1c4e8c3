#include <tessera/kernel/cli/CommandLine.hpp>

int main(int argc, char** argv) {
    return tessera::kernel::runCommandLine(argc, argv);
}
