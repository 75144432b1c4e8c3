#pragma once

#include <string>
#include <vector>

namespace leads {

/// The rows of a CSV text (comma or semicolon, whichever the first line has more of; quoted
/// cells may hold separators, quotes doubled and line breaks). Refuses, as a PluginError
/// "validation" on "file", a quote that never closes.
std::vector<std::vector<std::string>> readCsv(const std::string& text);

}  // namespace leads
