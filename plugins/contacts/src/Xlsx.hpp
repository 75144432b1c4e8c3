#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace contacts {

/// A one-sheet XLSX workbook (libxlsxwriter): a bold header row that stays in view and filters,
/// then one row per entry; numbers stay numbers, everything else is text (never a formula).
std::string xlsxOf(const std::string& sheetName, const std::vector<std::string>& headers,
                   const std::vector<std::vector<nlohmann::json>>& rows);

}  // namespace contacts
