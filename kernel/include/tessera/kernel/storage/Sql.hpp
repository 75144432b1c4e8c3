#pragma once

#include <string_view>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>

namespace tessera::kernel {

/// Runs parameterised SQL on a session. Statements use `$1, $2...` on both backends;
/// every value is bound, never spliced into the text. Errors become StorageError with the
/// database's message (the SQL text is logged at debug level, not put in the message).
class Sql {
public:
    /// Runs a statement that returns rows.
    static SqlRows query(const Database& db, Poco::Data::Session& session, std::string_view sql,
                         const std::vector<SqlValue>& params = {});
    /// Runs a statement that returns no rows; returns the number of rows it changed.
    static std::size_t execute(const Database& db, Poco::Data::Session& session,
                               std::string_view sql, const std::vector<SqlValue>& params = {});
    /// The single value of a one-row, one-column query, or NULL when there is no row.
    static SqlValue scalar(const Database& db, Poco::Data::Session& session, std::string_view sql,
                           const std::vector<SqlValue>& params = {});
};

}  // namespace tessera::kernel
