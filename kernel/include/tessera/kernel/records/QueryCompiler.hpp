#pragma once

#include <functional>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessContext.hpp>
#include <tessera/kernel/records/RecordReader.hpp>
#include <tessera/kernel/schema/EntityDef.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::kernel {

/// Turns typed queries into parameterised SQL over one entity's table (aliased `t`). Every
/// field name is checked against the schema and against what the caller may see; every value
/// is normalised by the field's codec and bound. Bad input throws sdk::PluginError
/// ("validation") naming the field and the fix.
class QueryCompiler {
public:
    /// Conditions the caller adds regardless of the query: the permission scope and the
    /// search match, as SQL over `t`, binding into the params given.
    using ExtraConditions = std::function<std::vector<std::string>(SqlParams&)>;

    QueryCompiler(const EntityDef& entity, const SqlDialect& dialect, const AccessContext& access);

    struct Select {
        std::string sql;
        std::vector<SqlValue> params;
        RecordReader reader;
        std::vector<sdk::SortKey> sort;  ///< the full order, id last
    };

    static constexpr int kMaxLimit = 1000;

    Select page(const sdk::Query& query, const ExtraConditions& extra) const;
    /// SELECT COUNT(*) with the same conditions (no paging).
    std::pair<std::string, std::vector<SqlValue>> count(const sdk::Query& query,
                                                        const ExtraConditions& extra) const;
    /// SELECT group, COUNT(*), fn(field) ... GROUP BY 1 ORDER BY 1.
    std::pair<std::string, std::vector<SqlValue>> aggregate(const sdk::AggregateQuery& query,
                                                            const ExtraConditions& extra) const;

    /// The cursor that continues after `record` in `sort` order.
    static std::string cursorAfter(const sdk::Record& record, const std::vector<sdk::SortKey>& sort);

    /// The SQL condition for one filter (tree), binding into `params`.
    std::string condition(const sdk::Filter& filter, SqlParams& params) const;

private:
    const FieldDef& visibleField(const std::string& name, const std::string& purpose) const;
    std::string column(const FieldDef& field) const;
    std::string bind(const FieldDef& field, const nlohmann::json& value, SqlParams& params,
                     const std::string& purpose) const;
    std::string where(const std::optional<sdk::Filter>& filter, sdk::Trash trash,
                      const ExtraConditions& extra, SqlParams& params) const;
    std::vector<sdk::SortKey> fullSort(const std::vector<sdk::SortKey>& sort) const;
    std::string keysetCondition(const std::vector<sdk::SortKey>& sort, const std::string& cursor,
                                SqlParams& params) const;

    const EntityDef& entity_;
    const SqlDialect& dialect_;
    const AccessContext& access_;
    /// Set while compiling a page sorted by an indexed field on SQLite: equality on enum and
    /// boolean fields is then kept off their indexes, so the sort index drives the scan and
    /// stops after one page (SQLite's planner does not weigh LIMIT against a filter index).
    mutable bool sortIndexDrives_ = false;
};

}  // namespace tessera::kernel
