#pragma once

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace contacts::test {

/// What a Debian Python program prints as JSON about `bytes`, saved to a file whose name ends
/// with `suffix` (readers check it) and handed to the script as sys.argv[1].
inline nlohmann::json readByPython(const std::string& script, const std::string& bytes,
                                   const std::string& suffix) {
    std::string pattern = "/tmp/tessera-read-XXXXXX" + suffix;
    int fd = mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    EXPECT_GE(fd, 0);
    close(fd);
    std::ofstream(pattern, std::ios::binary) << bytes;
    std::string command = "/usr/bin/python3 -c \"" + script + "\" " + pattern + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
        output.append(buffer.data(), n);
    }
    pclose(pipe);
    std::remove(pattern.c_str());
    auto parsed = nlohmann::json::parse(output, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << output;
    return parsed;
}

}  // namespace contacts::test
