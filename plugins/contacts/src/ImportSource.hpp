#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace contacts {

/// A CSV file read whole: the header and the data rows.
struct CsvTable {
    char separator = ',';
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};

/// Reads `text` as CSV, at most `maxRows` data rows (0 for all). Refuses, as a PluginError
/// "validation" on "file", text that is not UTF-8, has no header line (empty, or a first line
/// holding an e-mail address) or a quote that never closes.
CsvTable readCsvTable(const std::string& text, std::size_t maxRows = 0, char separator = 0);

}  // namespace contacts
