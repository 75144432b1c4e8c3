#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tessera::test {

/// Runs a Python script of Debian's python3 (/usr/bin/python3, not a pyenv shim) on `content`
/// written to a temporary file (the script gets its path as sys.argv[1]) and parses what it
/// prints as JSON: how tests check files with real third-party readers (vobject, icalendar).
/// Fails the current test, with the output, when it prints no JSON. The file's name ends with
/// `suffix` for readers that check it (openpyxl wants ".xlsx").
nlohmann::json readWithPython(const std::string& script, const std::string& content,
                              const std::string& suffix = "");

}  // namespace tessera::test
