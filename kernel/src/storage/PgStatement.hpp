#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/SqlValue.hpp>

namespace tessera::kernel {

/// Runs one statement on a pooled PostgreSQL session straight through libpq: the parameters go as
/// text in one round trip (PQexecParams) and the whole result comes back at once, where Poco's
/// connector prepares, executes and fetches row by row. Same connection, so Poco's transactions
/// still enclose it. Text without parameters goes through the simple protocol, which also takes
/// several statements. Throws StorageError with the server's message. Private to
/// kernel/src/storage.
class PgStatement {
public:
    /// The rows `sql` returned, or an empty SqlRows for a statement without a result.
    static SqlRows query(Poco::Data::Session& session, std::string_view sql,
                         const std::vector<SqlValue>& params);
    /// The number of rows `sql` changed.
    static std::size_t execute(Poco::Data::Session& session, std::string_view sql,
                               const std::vector<SqlValue>& params);
};

}  // namespace tessera::kernel
