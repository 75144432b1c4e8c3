#include "Csv.hpp"

#include <algorithm>

#include "Refuse.hpp"

namespace leads {

std::vector<std::vector<std::string>> readCsv(const std::string& text) {
    std::string firstLine = text.substr(0, text.find('\n'));
    char separator = std::count(firstLine.begin(), firstLine.end(), ';') >
                             std::count(firstLine.begin(), firstLine.end(), ',')
                         ? ';'
                         : ',';
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    bool any = false;
    std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a spreadsheet's byte-order mark
    for (std::size_t i = start; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == separator) {
            row.push_back(cell);
            cell.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            if (any || !cell.empty()) {
                row.push_back(cell);
                rows.push_back(row);
            }
            row.clear();
            cell.clear();
            any = false;
        } else {
            cell += c;
            any = true;
        }
    }
    if (quoted) {
        refuse("file", "a quoted cell never closes: check the quotes of the last rows");
    }
    if (any || !cell.empty()) {
        row.push_back(cell);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace leads
