#include "PythonReader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include <unistd.h>

namespace tessera::test {

nlohmann::json readWithPython(const std::string& script, const std::string& content,
                              const std::string& suffix) {
    std::string path = "/tmp/tessera-python-XXXXXX" + suffix;
    int fd = mkstemps(path.data(), static_cast<int>(suffix.size()));
    EXPECT_GE(fd, 0);
    close(fd);
    std::ofstream(path, std::ios::binary) << content;
    std::string command = "/usr/bin/python3 -c \"" + script + "\" " + path + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
        output.append(buffer.data(), n);
    }
    pclose(pipe);
    std::remove(path.c_str());
    auto parsed = nlohmann::json::parse(output, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << output << "\n" << content;
    return parsed;
}

}  // namespace tessera::test
