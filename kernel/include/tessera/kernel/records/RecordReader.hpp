#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/schema/EntityDef.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::kernel {

/// The select list for some fields of an entity, and the decoding of its rows into records.
class RecordReader {
public:
    /// Reads `fields` (all of the entity's when empty) from the table aliased `alias`.
    RecordReader(const EntityDef& entity, const SqlDialect& dialect,
                 const std::vector<const FieldDef*>& fields, const std::string& alias = "t");

    /// "t.id, t.name, ..." for SELECT.
    const std::string& selectList() const { return selectList_; }
    /// The record held by `row`, starting at column `offset`.
    sdk::Record decode(const std::vector<SqlValue>& row, std::size_t offset = 0) const;
    std::size_t columnCount() const { return columnCount_; }

private:
    struct Column {
        const FieldDef* field;
        std::size_t index;
        bool hasCurrency;
    };
    std::vector<Column> columns_;
    std::string selectList_;
    std::size_t columnCount_ = 0;
};

}  // namespace tessera::kernel
