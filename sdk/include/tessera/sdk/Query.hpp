#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/sdk/Export.hpp>

namespace tessera::sdk {

/// A record: field name to value, including id, version, owner_id and the other standard
/// fields when read back.
using Record = nlohmann::json;

enum class FilterOp {
    Eq, Ne, Lt, Lte, Gt, Gte, In, NotIn, Contains, StartsWith, IsNull, IsNotNull, Between
};

/// A condition tree over an entity's fields. Field names are checked against the schema and
/// values are always bound, never spliced into SQL.
class TESSERA_SDK_API Filter {
public:
    enum class Kind { Condition, And, Or };

    static Filter eq(std::string field, nlohmann::json value);
    static Filter ne(std::string field, nlohmann::json value);
    static Filter lt(std::string field, nlohmann::json value);
    static Filter lte(std::string field, nlohmann::json value);
    static Filter gt(std::string field, nlohmann::json value);
    static Filter gte(std::string field, nlohmann::json value);
    static Filter in(std::string field, nlohmann::json values);
    static Filter notIn(std::string field, nlohmann::json values);
    static Filter contains(std::string field, std::string text);
    static Filter startsWith(std::string field, std::string text);
    static Filter isNull(std::string field);
    static Filter isNotNull(std::string field);
    static Filter between(std::string field, nlohmann::json from, nlohmann::json to);
    static Filter condition(std::string field, FilterOp op, nlohmann::json value);
    static Filter allOf(std::vector<Filter> parts);
    static Filter anyOf(std::vector<Filter> parts);

    /// From JSON: {"field": "amount", "op": "gte", "value": 100}, {"and": [...]}, {"or": [...]}.
    /// Throws PluginError ("validation") naming what is wrong.
    static Filter fromJson(const nlohmann::json& json);
    nlohmann::json toJson() const;

    Kind kind() const { return kind_; }
    const std::string& field() const { return field_; }
    FilterOp op() const { return op_; }
    const nlohmann::json& value() const { return value_; }
    const std::vector<Filter>& parts() const { return parts_; }

private:
    Kind kind_ = Kind::Condition;
    std::string field_;
    FilterOp op_ = FilterOp::Eq;
    nlohmann::json value_;
    std::vector<Filter> parts_;
};

/// The op's name in JSON and URLs ("eq", "not_in", "starts_with", ...), and back.
TESSERA_SDK_API const char* filterOpName(FilterOp op);
TESSERA_SDK_API std::optional<FilterOp> parseFilterOp(const std::string& name);

struct SortKey {
    std::string field{};
    bool descending = false;
};

/// Which records of the trash a query sees.
enum class Trash { Exclude, Only, Include };

/// A page of one entity's records.
struct Query {
    std::string entity{};
    std::optional<Filter> filter{};
    /// Full-text search within the entity's searchable fields.
    std::string search{};
    /// Sort keys; id is always added last so the order is total.
    std::vector<SortKey> sort{};
    /// Rows per page, 1 to 1000.
    int limit = 50;
    /// Offset paging; ignored when `after` is set.
    std::int64_t offset = 0;
    /// Keyset paging: the nextCursor of the previous page.
    std::string after{};
    Trash trash = Trash::Exclude;
    /// Fields to return; empty means all the caller may see.
    std::vector<std::string> fields{};
    /// Check the export permission instead of read (CSV and spreadsheet exports).
    bool forExport = false;
};

struct Page {
    std::vector<Record> rows;
    /// Pass as Query::after for the next page; empty on the last page.
    std::string nextCursor;
};

enum class AggregateFn { Count, Sum, Avg, Min, Max };
enum class DateBucket { None, Day, Week, Month, Quarter, Year };

/// count/sum/avg/min/max of a field, optionally grouped by a field or a date bucket of it.
struct AggregateQuery {
    std::string entity{};
    std::optional<Filter> filter{};
    AggregateFn fn = AggregateFn::Count;
    /// The field aggregated; ignored for Count.
    std::string field{};
    /// Group by this field; empty for one total.
    std::string groupBy{};
    /// With a date or datetime groupBy field: the bucket ("2026-03" for Month, "2026-Q1"...).
    DateBucket bucket = DateBucket::None;
    Trash trash = Trash::Exclude;
};

struct AggregateRow {
    nlohmann::json group;  ///< null for the total
    double value = 0;
    std::int64_t count = 0;
};

}  // namespace tessera::sdk
