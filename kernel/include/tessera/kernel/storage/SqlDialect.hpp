#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tessera/kernel/schema/FieldDef.hpp>
#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::kernel {

/// A column as the database holds it.
struct ColumnSpec {
    std::string name;
    std::string type;
};

/// The SQL that differs between SQLite and PostgreSQL for entity tables: column types, how a
/// field is read back and bound, date buckets, case-insensitive matching and tag containment.
/// Dates and times travel as ISO 8601 text ("2026-03-01", "2026-03-01T09:30:00Z").
/// Stateless; safe from any thread.
class SqlDialect {
public:
    explicit SqlDialect(Backend backend) : backend_(backend) {}

    Backend backend() const { return backend_; }
    bool postgres() const { return backend_ == Backend::Postgres; }

    /// The definition of an auto-numbered primary key column `id`.
    std::string idColumn() const;
    /// The columns a field needs: one, or two for money (amount and <name>_currency).
    std::vector<ColumnSpec> columnsFor(const FieldDef& field) const;
    /// The expression that reads the field's main column `column` (qualified) as the codec
    /// expects it.
    std::string readExpression(const FieldDef& field, const std::string& column) const;
    /// The placeholder `placeholder` cast to the field's column type where the database needs it.
    std::string bindExpression(const FieldDef& field, const std::string& placeholder) const;
    /// The text of a date bucket of `column` ("2026-03", "2026-Q1", "2026-W10"...).
    /// What rows are grouped by for a date bucket; dateBucket() formats it.
    std::string dateBucketKey(const FieldDef& field, const std::string& column,
                              sdk::DateBucket bucket) const;
    std::string dateBucket(const FieldDef& field, const std::string& column,
                           sdk::DateBucket bucket) const;
    /// `column` contains the text `placeholder`, case-insensitively (LIKE patterns).
    std::string likeOperator() const;
    /// A multienum column holds the tag bound at `placeholder`.
    std::string hasTag(const std::string& column, const std::string& placeholder) const;
    /// `column` is one of the ids bound, as one value written by idList(), at `placeholder`:
    /// a single parameter however many ids there are.
    std::string idIn(const std::string& column, const std::string& placeholder) const;
    std::string idList(const std::vector<std::int64_t>& ids) const;
    /// Expression for a numeric column read as a double.
    std::string numeric(const std::string& expression) const;

private:
    Backend backend_;
};

}  // namespace tessera::kernel
