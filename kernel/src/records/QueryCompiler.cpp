#include <tessera/kernel/records/QueryCompiler.hpp>

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

#include <algorithm>
#include <map>
#include <sstream>

#include <tessera/kernel/records/FieldCodec.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

using sdk::FilterOp;

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
    throw sdk::PluginError(sdk::Error{"validation", message, {{field, message}}});
}

constexpr std::size_t kMaxInValues = 1000;

bool textLike(FieldType t) {
    return t == FieldType::Text || t == FieldType::LongText || t == FieldType::Email ||
           t == FieldType::Phone || t == FieldType::Url || t == FieldType::Enum;
}

bool ordered(FieldType t) {
    return t != FieldType::Json && t != FieldType::MultiEnum && t != FieldType::Boolean;
}

std::string likeEscape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

std::string base64url(const std::string& data) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << data;
    encoder.close();
    return out.str();
}

std::string unbase64url(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string out;
    char c;
    while (decoder.get(c)) {
        out += c;
    }
    return out;
}

nlohmann::json sortValue(const sdk::Record& record, const std::string& field) {
    const nlohmann::json& v = record.contains(field) ? record[field] : nlohmann::json();
    if (v.is_object() && v.contains("amount")) {
        return v["amount"];
    }
    return v;
}

}  // namespace

QueryCompiler::QueryCompiler(const EntityDef& entity, const SqlDialect& dialect,
                             const AccessContext& access)
    : entity_(entity), dialect_(dialect), access_(access) {}

const FieldDef& QueryCompiler::visibleField(const std::string& name,
                                            const std::string& purpose) const {
    const FieldDef* field = entity_.field(name);
    if (!field || access_.fieldAccess(entity_.name, name) == FieldAccess::Hidden) {
        invalid(name, purpose + ": " + entity_.name + " has no field '" + name.substr(0, 64) + "'");
    }
    return *field;
}

std::string QueryCompiler::column(const FieldDef& field) const {
    return "t.\"" + field.name + "\"";
}

std::string QueryCompiler::bind(const FieldDef& field, const nlohmann::json& value,
                                SqlParams& params, const std::string& purpose) const {
    FieldCodec::Normalized normalized = FieldCodec::normalize(field, value);
    if (!normalized.ok()) {
        invalid(field.name, purpose + " on '" + field.name + "': " + normalized.error);
    }
    std::vector<SqlValue> values = FieldCodec::toSql(field, normalized.value);
    return dialect_.bindExpression(field, params.add(values.front()));
}

std::string QueryCompiler::condition(const sdk::Filter& filter, SqlParams& params) const {
    if (filter.kind() != sdk::Filter::Kind::Condition) {
        if (filter.parts().empty()) {
            return "1=1";
        }
        std::string joiner = filter.kind() == sdk::Filter::Kind::And ? " AND " : " OR ";
        std::string sql;
        for (const auto& part : filter.parts()) {
            sql += (sql.empty() ? "" : joiner) + condition(part, params);
        }
        return "(" + sql + ")";
    }
    const FieldDef& field = visibleField(filter.field(), "filter");
    const bool lowCardinality = field.type == FieldType::Enum || field.type == FieldType::Boolean;
    const std::string col = (sortIndexDrives_ && lowCardinality ? "+" : "") + column(field);
    const nlohmann::json& value = filter.value();
    const std::string& name = field.name;
    switch (filter.op()) {
        case FilterOp::IsNull: return col + " IS NULL";
        case FilterOp::IsNotNull: return col + " IS NOT NULL";
        case FilterOp::Eq:
            if (value.is_null()) {
                return col + " IS NULL";
            }
            if (field.type == FieldType::MultiEnum) {
                return dialect_.hasTag(col, params.add(value.is_string() ? value.get<std::string>()
                                                                         : value.dump()));
            }
            if (field.type == FieldType::Json) {
                invalid(name, "filter on '" + name + "': a json field can only be tested for null");
            }
            return col + " = " + bind(field, value, params, "filter");
        case FilterOp::Ne:
            if (value.is_null()) {
                return col + " IS NOT NULL";
            }
            if (field.type == FieldType::Json || field.type == FieldType::MultiEnum) {
                invalid(name, "filter on '" + name + "': 'ne' does not apply to this field");
            }
            return "(" + col + " <> " + bind(field, value, params, "filter") + " OR " + col +
                   " IS NULL)";
        case FilterOp::Lt:
        case FilterOp::Lte:
        case FilterOp::Gt:
        case FilterOp::Gte: {
            if (!ordered(field.type)) {
                invalid(name, "filter on '" + name + "': " +
                                  std::string(sdk::filterOpName(filter.op())) +
                                  " needs a field with an order (numbers, dates, text)");
            }
            static const std::map<FilterOp, const char*> ops = {
                {FilterOp::Lt, " < "}, {FilterOp::Lte, " <= "}, {FilterOp::Gt, " > "},
                {FilterOp::Gte, " >= "}};
            if (value.is_null()) {
                invalid(name, "filter on '" + name + "': needs a value");
            }
            return col + ops.at(filter.op()) + bind(field, value, params, "filter");
        }
        case FilterOp::In:
        case FilterOp::NotIn: {
            if (!value.is_array() || value.empty() || value.size() > kMaxInValues) {
                invalid(name, "filter on '" + name + "': needs a list of 1 to 1000 values");
            }
            if (field.type == FieldType::Json || field.type == FieldType::MultiEnum) {
                invalid(name, "filter on '" + name + "': 'in' does not apply to this field");
            }
            std::string list;
            for (const auto& item : value) {
                list += (list.empty() ? "" : ", ") + bind(field, item, params, "filter");
            }
            return filter.op() == FilterOp::In
                       ? col + " IN (" + list + ")"
                       : "(" + col + " NOT IN (" + list + ") OR " + col + " IS NULL)";
        }
        case FilterOp::Contains:
        case FilterOp::StartsWith: {
            if (!value.is_string() || value.get<std::string>().empty() ||
                value.get<std::string>().size() > 1000 ||
                !FieldCodec::validUtf8(value.get<std::string>())) {
                invalid(name, "filter on '" + name + "': needs text of 1 to 1000 characters");
            }
            std::string text = value.get<std::string>();
            if (field.type == FieldType::MultiEnum && filter.op() == FilterOp::Contains) {
                return dialect_.hasTag(col, params.add(text));
            }
            if (!textLike(field.type)) {
                invalid(name, "filter on '" + name + "': " +
                                  std::string(sdk::filterOpName(filter.op())) +
                                  " applies to text fields");
            }
            std::string pattern = (filter.op() == FilterOp::Contains ? "%" : "") +
                                  likeEscape(text) + "%";
            std::string like =
                col + " " + dialect_.likeOperator() + " " + params.add(pattern) + " ESCAPE '\\'";
            if (filter.op() == FilterOp::StartsWith && field.type != FieldType::LongText) {
                // A range the column's case-insensitive index can serve (NOCASE on SQLite, ICU
                // on PostgreSQL); LIKE keeps the exact meaning.
                std::string prefix = params.add(text);
                // Lower case sorts first among case variants, so it bounds the range below.
                return "(" + col + " >= lower(" + prefix + ") AND " + col + " < " + prefix + " || " +
                       (dialect_.postgres() ? "chr" : "char") + "(1114111) AND " + like + ")";
            }
            return like;
        }
        case FilterOp::Between: {
            if (!value.is_array() || value.size() != 2) {
                invalid(name, "filter on '" + name + "': 'between' needs [from, to]");
            }
            if (!ordered(field.type)) {
                invalid(name, "filter on '" + name + "': 'between' needs numbers or dates");
            }
            nlohmann::json from = value[0];
            nlohmann::json to = value[1];
            if (from.is_null() || to.is_null()) {
                invalid(name, "filter on '" + name + "': 'between' needs two values, [from, to]");
            }
            // A whole day given for a datetime field covers the day.
            auto dateOnly = [](const nlohmann::json& v) {
                return v.is_string() && v.get<std::string>().size() == 10;
            };
            if (field.type == FieldType::DateTime) {
                if (dateOnly(from)) {
                    from = from.get<std::string>() + "T00:00:00Z";
                }
                if (dateOnly(to)) {
                    to = to.get<std::string>() + "T23:59:59Z";
                }
            }
            return "(" + col + " BETWEEN " + bind(field, from, params, "filter") + " AND " +
                   bind(field, to, params, "filter") + ")";
        }
    }
    return "1=0";
}

std::string QueryCompiler::where(const std::optional<sdk::Filter>& filter, sdk::Trash trash,
                                 const ExtraConditions& extra, SqlParams& params) const {
    std::vector<std::string> parts;
    if (trash == sdk::Trash::Exclude) {
        parts.push_back("t.deleted_at IS NULL");
    } else if (trash == sdk::Trash::Only) {
        parts.push_back("t.deleted_at IS NOT NULL");
    }
    if (extra) {
        for (auto& c : extra(params)) {
            if (!c.empty()) {
                parts.push_back("(" + c + ")");
            }
        }
    }
    if (filter) {
        parts.push_back(condition(*filter, params));
    }
    std::string sql;
    for (const auto& p : parts) {
        sql += (sql.empty() ? " WHERE " : " AND ") + p;
    }
    return sql;
}

std::vector<sdk::SortKey> QueryCompiler::fullSort(const std::vector<sdk::SortKey>& sort) const {
    if (sort.size() > 5) {
        invalid("sort", "sort by at most 5 fields");
    }
    std::vector<sdk::SortKey> keys;
    for (const auto& key : sort) {
        const FieldDef& field = visibleField(key.field, "sort");
        if (field.type == FieldType::Json || field.type == FieldType::MultiEnum) {
            invalid(key.field, "sort: '" + key.field + "' cannot be sorted");
        }
        if (key.field == "id") {
            keys.push_back(key);
            return keys;
        }
        keys.push_back(key);
    }
    keys.push_back({"id", !keys.empty() && keys.back().descending});
    return keys;
}

std::string QueryCompiler::keysetCondition(const std::vector<sdk::SortKey>& sort,
                                           const std::string& cursor, SqlParams& params) const {
    auto values = nlohmann::json::parse(unbase64url(cursor), nullptr, false);
    if (values.is_discarded() || !values.is_array() || values.size() != sort.size()) {
        invalid("after", "after: the cursor does not belong to this list (start from the first page)");
    }
    // NULL sorts before every value ascending (SQLite's order, asked of PostgreSQL too), so
    // plain indexes serve both directions.
    std::string any;
    for (std::size_t i = 0; i < sort.size(); ++i) {
        std::string all;
        for (std::size_t j = 0; j <= i; ++j) {
            const FieldDef& field = *entity_.field(sort[j].field);
            std::string col = column(field);
            const nlohmann::json& v = values[j];
            std::string part;
            if (j < i) {
                part = v.is_null() ? col + " IS NULL" : col + " = " + bind(field, v, params, "after");
            } else if (!sort[j].descending) {
                part = v.is_null() ? col + " IS NOT NULL"
                                   : col + " > " + bind(field, v, params, "after");
            } else {
                part = v.is_null() ? "1=0"
                                   : "(" + col + " < " + bind(field, v, params, "after") + " OR " +
                                         col + " IS NULL)";
            }
            all += (all.empty() ? "" : " AND ") + part;
        }
        any += (any.empty() ? "" : " OR ") + ("(" + all + ")");
    }
    return "(" + any + ")";
}

QueryCompiler::Select QueryCompiler::page(const sdk::Query& query,
                                          const ExtraConditions& extra) const {
    // One row over the page size is allowed: RecordStore asks for it to know if a page follows.
    if (query.limit < 1 || query.limit > kMaxLimit + 1) {
        invalid("limit", "limit: a page holds 1 to 1000 rows, not " + std::to_string(query.limit));
    }
    if (query.offset < 0 || query.offset > 10000000) {
        invalid("offset", "offset: must be between 0 and 10000000");
    }
    std::vector<sdk::SortKey> sort = fullSort(query.sort);
    std::vector<const FieldDef*> fields;
    if (!query.fields.empty()) {
        if (query.fields.size() > 200) {
            invalid("fields", "fields: ask for at most 200 fields");
        }
        auto add = [&](const FieldDef* f) {
            if (std::find(fields.begin(), fields.end(), f) == fields.end()) {
                fields.push_back(f);
            }
        };
        for (const char* always : {"id", "version", "owner_id", "team_id"}) {
            add(entity_.field(always));
        }
        for (const auto& name : query.fields) {
            add(&visibleField(name, "fields"));
        }
        for (const auto& key : sort) {
            add(entity_.field(key.field));
        }
    } else {
        for (const auto& f : entity_.fields) {
            if (access_.fieldAccess(entity_.name, f.name) != FieldAccess::Hidden) {
                fields.push_back(&f);
            }
        }
    }
    RecordReader reader(entity_, dialect_, fields);
    SqlParams params;
    const FieldDef& leading = *entity_.field(sort.front().field);
    sortIndexDrives_ = !dialect_.postgres() && !query.sort.empty() && leading.indexed;
    std::string sql = "SELECT " + reader.selectList() + " FROM \"" + entity_.table + "\" t" +
                      where(query.filter, query.trash, extra, params);
    if (!query.after.empty()) {
        sql += (sql.find(" WHERE ") == std::string::npos ? " WHERE " : " AND ") +
               keysetCondition(sort, query.after, params);
    }
    std::string order;
    for (const auto& key : sort) {
        std::string col = column(*entity_.field(key.field));
        std::string dir = key.descending ? " DESC" : " ASC";
        if (dialect_.postgres()) {
            dir += key.descending ? " NULLS LAST" : " NULLS FIRST";
        }
        order += (order.empty() ? "" : ", ") + col + dir;
    }
    sortIndexDrives_ = false;
    sql += " ORDER BY " + order + " LIMIT " + params.add(static_cast<std::int64_t>(query.limit));
    if (query.after.empty() && query.offset > 0) {
        sql += " OFFSET " + params.add(query.offset);
    }
    return Select{sql, params.values(), std::move(reader), std::move(sort)};
}

std::pair<std::string, std::vector<SqlValue>> QueryCompiler::count(
    const sdk::Query& query, const ExtraConditions& extra) const {
    SqlParams params;
    std::string sql = "SELECT COUNT(*) FROM \"" + entity_.table + "\" t" +
                      where(query.filter, query.trash, extra, params);
    return {sql, params.values()};
}

std::pair<std::string, std::vector<SqlValue>> QueryCompiler::aggregate(
    const sdk::AggregateQuery& query, const ExtraConditions& extra) const {
    SqlParams params;
    std::string value = "NULL";
    if (query.fn != sdk::AggregateFn::Count) {
        const FieldDef& field = visibleField(query.field, "aggregate");
        if (field.type != FieldType::Integer && field.type != FieldType::Decimal &&
            field.type != FieldType::Money) {
            invalid(query.field, "aggregate: '" + query.field + "' is not a number field");
        }
        static const std::map<sdk::AggregateFn, const char*> fns = {
            {sdk::AggregateFn::Sum, "SUM"},
            {sdk::AggregateFn::Avg, "AVG"},
            {sdk::AggregateFn::Min, "MIN"},
            {sdk::AggregateFn::Max, "MAX"}};
        value = dialect_.numeric(std::string(fns.at(query.fn)) + "(" + column(field) + ")");
    }
    std::string group = "NULL";
    std::string key;
    if (!query.groupBy.empty()) {
        const FieldDef& field = visibleField(query.groupBy, "group by");
        if (field.type == FieldType::Json || field.type == FieldType::MultiEnum ||
            field.type == FieldType::LongText) {
            invalid(query.groupBy, "group by: '" + query.groupBy + "' cannot be grouped");
        }
        if (query.bucket != sdk::DateBucket::None) {
            if (field.type != FieldType::Date && field.type != FieldType::DateTime) {
                invalid(query.groupBy,
                        "group by: a date bucket needs a date field, '" + query.groupBy + "' is not");
            }
            group = dialect_.dateBucket(field, column(field), query.bucket);
            key = dialect_.dateBucketKey(field, column(field), query.bucket);
        } else {
            group = dialect_.readExpression(field, column(field));
        }
    }
    std::string sql = "SELECT " + group + " AS g, COUNT(*), " + value + " FROM \"" +
                      entity_.table + "\" t" + where(query.filter, query.trash, extra, params);
    if (!query.groupBy.empty()) {
        sql += key.empty() || key == group ? " GROUP BY 1 ORDER BY 1"
                                           : " GROUP BY " + key + " ORDER BY " + key;
    }
    return {sql, params.values()};
}

std::string QueryCompiler::cursorAfter(const sdk::Record& record,
                                       const std::vector<sdk::SortKey>& sort) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& key : sort) {
        values.push_back(sortValue(record, key.field));
    }
    return base64url(values.dump());
}

}  // namespace tessera::kernel
