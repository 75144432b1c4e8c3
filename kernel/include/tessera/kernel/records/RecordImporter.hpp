#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/records/RecordStore.hpp>
#include <tessera/kernel/records/SearchBacklog.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// The bulk path for imports and demo data: validates every row as the record API does
/// (types, formats, required, enum options, uniqueness within the batch and against stored
/// records, references that exist and are visible, the caller's create permission) and writes
/// the valid ones with COPY on PostgreSQL or batched inserts on SQLite, with their search index
/// entries (left to the SearchBacklog for large batches) and one audit entry each. Hooks do not run
/// for bulk writes; a "record.imported" event reports the batch after it is written. Thread-safe.
class RecordImporter {
public:
    RecordImporter(Database& db, RecordStore& records, AccessControl& access, SearchIndex& search,
                   SearchBacklog& backlog, EventBus& events);

    struct Report {
        /// The ids given to the rows written, in input order of the valid rows.
        std::vector<std::int64_t> ids;
        /// Row index (0-based, in input order) -> field -> message, for rows not written.
        std::map<std::size_t, std::map<std::string, std::string>> errors;
    };

    /// Batches this large leave their search entries to the SearchBacklog (when its job runs).
    static constexpr std::size_t kDeferSearchAfter = 1000;

    /// Writes the valid rows of `rows` (each a field -> value object).
    Report importRows(const sdk::Caller& caller, const std::string& entity,
                      const std::vector<sdk::Record>& rows);

private:
    std::vector<std::int64_t> reserveIds(const EntityDef& entity, std::size_t count);

    Database& db_;
    RecordStore& records_;
    AccessControl& access_;
    SearchIndex& search_;
    SearchBacklog& backlog_;
    EventBus& events_;
};

}  // namespace tessera::kernel
