#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tessera::kernel {

/// The kinds of value a field holds. Each maps to real columns (see ColumnTypes).
enum class FieldType {
    Text,       ///< one line, up to maxLength (default 255)
    LongText,   ///< any length
    Integer,
    Decimal,
    Money,      ///< amount column plus <name>_currency
    Boolean,
    Date,       ///< YYYY-MM-DD
    DateTime,   ///< ISO 8601, stored in UTC
    Enum,       ///< one of "options"
    MultiEnum,  ///< tags: several of "options", or free tags when there are none
    Email,
    Phone,
    Url,
    Reference,  ///< the id of a record of "entity"
    Json,
};

std::optional<FieldType> parseFieldType(std::string_view name);
std::string_view toString(FieldType type);

/// The list of type names, for error messages ("text, longtext, ...").
std::string fieldTypeNames();

}  // namespace tessera::kernel
