#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <tessera/sdk/Records.hpp>

#include "ImportFields.hpp"

namespace contacts {

/// What to import: the entity, the file's header and rows, the mapping (column -> field, ""
/// to skip) and the match key ("none", "email", "domain", "external_id").
struct ImportSpec {
    std::string entity;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;  ///< data rows; row i is spreadsheet row i + 2
    std::vector<std::string> mapping;
    std::string matchKey = "none";
};

/// One line of the error report.
struct ImportError {
    std::size_t row = 0;  ///< as a spreadsheet shows it: the header is row 1
    std::string column;   ///< the CSV column's header, or the field when no column maps to it
    std::string value;
    std::string message;
};

struct ImportOutcome {
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t failed = 0;
    std::int64_t companiesCreated = 0;
    std::vector<ImportError> errors;
};

/// (done, total), called after each chunk.
using ImportProgress = std::function<void(std::int64_t, std::int64_t)>;

/// Imports the rows for `caller` inside the current operation (call it within
/// Records::withinOperation so the batch can be undone). New rows go through the bulk path in
/// chunks; rows whose match key finds a record update it through Records::update, with hooks,
/// only on the columns that have a value. A key seen again later in the file is an error of the
/// later row; a key matching several records is an error of the row.
ImportOutcome runImport(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                        const ImportFields& fields, const ImportSpec& spec,
                        const ImportProgress& progress = {});

/// The error report as CSV: Row, Column, Value, Message.
std::string errorReportCsv(const std::vector<ImportError>& errors);

}  // namespace contacts
