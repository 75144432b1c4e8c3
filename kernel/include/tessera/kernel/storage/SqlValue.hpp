#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tessera::kernel {

/// One value bound to, or read from, an SQL statement.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

/// The rows a query returned, with column names.
struct SqlRows {
    std::vector<std::string> columns;
    std::vector<std::vector<SqlValue>> rows;

    bool empty() const { return rows.empty(); }
    std::size_t size() const { return rows.size(); }
};

bool isNull(const SqlValue& value);
/// The value as text ("" for NULL).
std::string asString(const SqlValue& value);
/// The value as a whole number; text is parsed. Throws StorageError when it is not one.
std::int64_t asInt(const SqlValue& value);
double asDouble(const SqlValue& value);
/// true for true, non-zero numbers and "t"/"true"/"1".
bool asBool(const SqlValue& value);

}  // namespace tessera::kernel
