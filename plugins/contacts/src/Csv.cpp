#include "Csv.hpp"

#include <cctype>
#include <stdexcept>

namespace contacts {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
        } else if (c >= 0x80) {
            return false;
        }
        if (i + extra >= s.size() && extra > 0) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

}  // namespace

char sniffSeparator(std::string_view text) {
    if (text.starts_with(kBom)) {
        text.remove_prefix(kBom.size());
    }
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted && c == ',') {
            ++commas;
        } else if (!quoted && c == ';') {
            ++semicolons;
        }
    }
    return semicolons > commas ? ';' : ',';
}

std::string notCsvReason(std::string_view bytes) {
    if (bytes.find('\0') != std::string_view::npos) {
        return "the file holds binary data, not text: save it as CSV (UTF-8) and upload that";
    }
    if (!validUtf8(bytes)) {
        return "the file is not UTF-8 text: save it as CSV (UTF-8) and upload that";
    }
    return {};
}

CsvReader::CsvReader(std::string_view text, char separator)
    : text_(text), separator_(separator ? separator : sniffSeparator(text)) {
    if (text_.starts_with(kBom)) {
        pos_ = kBom.size();
    }
}

std::optional<CsvRow> CsvReader::next() {
    while (pos_ < text_.size()) {
        CsvRow row;
        row.line = line_;
        std::string cell;
        bool quoted = false;
        bool wasQuoted = false;
        bool endOfRecord = false;
        while (pos_ < text_.size() && !endOfRecord) {
            char c = text_[pos_++];
            if (quoted) {
                if (c == '"') {
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        cell += '"';
                        ++pos_;
                    } else {
                        quoted = false;
                    }
                } else if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
                    // CRLF inside a cell is kept as LF; the LF itself counts the line.
                } else {
                    if (c == '\n' || c == '\r') {
                        ++line_;
                    }
                    cell += c == '\r' ? '\n' : c;
                }
            } else if (c == '"' && !wasQuoted &&
                       cell.find_first_not_of(" \t") == std::string::npos) {
                cell.clear();
                quoted = true;
                wasQuoted = true;
            } else if (c == separator_) {
                row.cells.push_back(std::move(cell));
                cell.clear();
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
                    ++pos_;
                }
                ++line_;
                endOfRecord = true;
            } else if (!(wasQuoted && (c == ' ' || c == '\t'))) {
                cell += c;
            }
        }
        if (quoted) {
            throw std::runtime_error("a quoted cell opened on line " + std::to_string(row.line) +
                                     " is never closed");
        }
        row.cells.push_back(std::move(cell));
        if (row.cells.size() == 1 && row.cells[0].empty() && !wasQuoted) {
            continue;  // a blank line
        }
        return row;
    }
    return std::nullopt;
}

std::string csvCell(const std::string& value) {
    std::string cell = value;
    bool sign = !cell.empty() && (cell[0] == '+' || cell[0] == '-');
    bool number =
        sign && cell.size() > 1 &&
        (std::isdigit(static_cast<unsigned char>(cell[1])) || cell[1] == ' ' || cell[1] == '(');
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '@' || (sign && !number))) {
        cell = "'" + cell;
    }
    if (cell.find_first_of(",;\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string out = "\"";
    for (char c : cell) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string csvLine(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out += (i ? "," : "") + csvCell(cells[i]);
    }
    return out + "\r\n";
}

}  // namespace contacts
