#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/kernel/schema/FieldDef.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>

namespace tessera::kernel {

/// Checks and converts one field's values between JSON (what callers send and receive) and
/// the database. Money travels as {"amount": 12.5, "currency": "EUR"}; dates as "YYYY-MM-DD";
/// datetimes as ISO 8601, stored in UTC; multienum as an array of strings. Stateless.
class FieldCodec {
public:
    /// The value in canonical form (trimmed text, lower-case email, UTC datetime...), or the
    /// reason it is not acceptable, phrased for the user ("must be a date like 2026-03-31").
    /// null stays null.
    struct Normalized {
        nlohmann::json value;
        std::string error;
        bool ok() const { return error.empty(); }
    };
    static Normalized normalize(const FieldDef& field, const nlohmann::json& value);

    /// The values of the field's columns (two for money) for a normalized value.
    static std::vector<SqlValue> toSql(const FieldDef& field, const nlohmann::json& value);

    /// The JSON value from the field's columns as read with SqlDialect::readExpression.
    static nlohmann::json fromSql(const FieldDef& field, const SqlValue& main,
                                  const SqlValue* currency);

    /// The id a reference, owner or team value holds; nullopt when it holds none.
    static std::optional<std::int64_t> optionalId(const nlohmann::json& value);

    /// A normalized value as people read it: text as is, money as "1200.5 EUR", others as JSON.
    static std::string display(const nlohmann::json& value);

    /// True when `text` is well-formed UTF-8.
    static bool validUtf8(const std::string& text);
    /// The number of code points in well-formed UTF-8 text.
    static std::size_t utf8Length(const std::string& text);
};

}  // namespace tessera::kernel
