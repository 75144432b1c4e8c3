#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace contacts {

/// One record of a CSV file and the line it starts on (1-based, counting the header line).
struct CsvRow {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

/// A CSV text read as RFC 4180 with what real exports add: a UTF-8 byte order mark, `;` instead
/// of `,` (sniffed from the header line), quoted cells spanning lines, CRLF, LF or CR line ends,
/// and blank lines (skipped).
class CsvReader {
public:
    /// `text` must stay alive while the reader is used. `separator` 0 sniffs it.
    explicit CsvReader(std::string_view text, char separator = 0);

    char separator() const { return separator_; }
    /// The next record, or nothing at the end. A quote left open at the end of the text is a
    /// std::runtime_error naming the line it opened on.
    std::optional<CsvRow> next();

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    char separator_;
};

/// `;` when the first line has more semicolons than commas outside quotes, else `,`.
char sniffSeparator(std::string_view text);
/// Why `bytes` cannot be a CSV text ("" when it can): NUL bytes or invalid UTF-8.
std::string notCsvReason(std::string_view bytes);

/// One cell quoted when it holds the separator, a quote or a line break; a cell starting with
/// = or @, or with + or - not followed by a number (a phone number stays as it is), gets a
/// leading apostrophe so spreadsheets do not run it as a formula.
std::string csvCell(const std::string& value);
/// Cells joined by commas, ended by CRLF.
std::string csvLine(const std::vector<std::string>& cells);

}  // namespace contacts
