#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tessera::kernel {

/// Checks and quotes the table and column names that storage code splices into SQL text (values
/// are always bound parameters; names cannot be). Only `[a-z_][a-z0-9_]*` up to 63 bytes is
/// accepted, so a name means the same on SQLite and PostgreSQL and needs no escaping.
/// Stateless; safe from any thread.
class SqlIdentifier {
public:
    /// PostgreSQL silently truncates longer names (NAMEDATALEN - 1).
    static constexpr std::size_t kMaxLength = 63;

    static bool isValid(std::string_view name);

    /// `name` in double quotes. Throws StorageError naming `what` ("table", "column"), the
    /// offending name (control characters escaped) and the allowed form when it is not valid.
    static std::string quote(std::string_view name, std::string_view what);
};

}  // namespace tessera::kernel
