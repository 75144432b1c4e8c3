#include "Xlsx.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include <xlsxwriter.h>

namespace contacts {

namespace {

/// A temporary file removed when it goes out of scope.
class TemporaryFile {
public:
    TemporaryFile() {
        char pattern[] = "/tmp/tessera-export-XXXXXX";
        int fd = mkstemp(pattern);
        if (fd < 0) {
            throw std::runtime_error("no temporary file for the spreadsheet");
        }
        close(fd);
        path_ = pattern;
    }
    ~TemporaryFile() { std::remove(path_.c_str()); }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

void check(lxw_error error) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("the spreadsheet could not be written: ") +
                                 lxw_strerror(error));
    }
}

}  // namespace

std::string xlsxOf(const std::string& sheetName, const std::vector<std::string>& headers,
                   const std::vector<std::vector<nlohmann::json>>& rows) {
    TemporaryFile file;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
    if (!workbook) {
        throw std::runtime_error("the spreadsheet could not be started");
    }
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheetName.c_str());
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    for (std::size_t c = 0; c < headers.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18,
                             nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const nlohmann::json& value = rows[r][c];
            auto col = static_cast<lxw_col_t>(c);
            if (value.is_number()) {
                worksheet_write_number(sheet, row, col, value.get<double>(), nullptr);
            } else if (value.is_boolean()) {
                worksheet_write_boolean(sheet, row, col, value.get<bool>(), nullptr);
            } else if (value.is_string() && !value.get<std::string>().empty()) {
                worksheet_write_string(sheet, row, col, value.get<std::string>().c_str(), nullptr);
            }
        }
    }
    if (!headers.empty()) {
        worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows.size()),
                             static_cast<lxw_col_t>(headers.size() - 1));
    }
    check(workbook_close(workbook));
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace contacts
