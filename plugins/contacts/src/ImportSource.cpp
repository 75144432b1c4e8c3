#include "ImportSource.hpp"

#include <algorithm>
#include <stdexcept>

#include <tessera/sdk/Error.hpp>

#include "Csv.hpp"
#include "Normalize.hpp"
#include "Refuse.hpp"

namespace contacts {

CsvTable readCsvTable(const std::string& text, std::size_t maxRows, char separator) {
    if (std::string why = notCsvReason(text); !why.empty()) {
        refuse("file", why);
    }
    CsvTable table;
    try {
        CsvReader reader(text, separator);
        table.separator = reader.separator();
        auto header = reader.next();
        bool named = header && std::any_of(header->cells.begin(), header->cells.end(),
                                           [](const std::string& c) { return !trim(c).empty(); });
        if (!named) {
            refuse("file", "the file is empty: its first line must name the columns");
        }
        for (const auto& cell : header->cells) {
            if (cell.find('@') != std::string::npos) {
                refuse("file", "the first line holds data ('" + cell.substr(0, 60) +
                                   "'), not column names: add a header line naming the columns");
            }
            table.headers.push_back(trim(cell));
        }
        while (auto row = reader.next()) {
            if (maxRows != 0 && table.rows.size() == maxRows) {
                break;
            }
            table.rows.push_back(std::move(row->cells));
        }
    } catch (const tessera::sdk::PluginError&) {
        throw;
    } catch (const std::runtime_error& e) {
        refuse("file", std::string("the file is not valid CSV: ") + e.what());
    }
    return table;
}

}  // namespace contacts
