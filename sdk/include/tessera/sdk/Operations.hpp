#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::sdk {

/// A group of writes that can be undone as a whole: a merge, an import batch, a bulk edit.
/// Every audit entry written while the operation is current carries its id.
struct OperationInfo {
    std::int64_t id = 0;
    std::string label;       ///< "Merge Contact 12 into 7", "Import contacts.csv"
    std::string entity;      ///< the entity it is about, empty when several
    std::int64_t recordId = 0;  ///< the record it is about, 0 when several
    std::int64_t userId = 0;
    std::string at;          ///< ISO 8601 UTC
    std::int64_t writes = 0; ///< audit entries carrying the id
    bool undone = false;
    std::int64_t undoneBy = 0;
    std::string undoneAt;
};

/// Rows written by Records::importRows.
struct ImportResult {
    /// The ids given to the rows written, in input order of the rows without errors.
    std::vector<std::int64_t> ids;
    /// Row index (0-based, in input order) -> field -> message, for rows not written.
    std::map<std::size_t, std::map<std::string, std::string>> errors;
};

/// One row of Records::updateRows: the record, the version the caller read, and the fields to
/// change.
struct RowUpdate {
    std::int64_t id = 0;
    std::int64_t version = 0;
    Record changes;
};

/// Handed to merge handlers, inside the merge's transaction and operation: whatever a plugin
/// links to the loser by means other than a reference field (an entity name and an id, say)
/// it moves to the winner through Records, so that undoing the merge moves it back.
struct MergeEvent {
    std::string entity;
    std::int64_t winnerId = 0;
    std::int64_t loserId = 0;
    Caller caller;
};

using MergeHandler = std::function<void(const MergeEvent&)>;

/// What a plugin holds about a person or an organisation kept as a record of `entity`.
struct PersonalDataRequest {
    std::string entity;
    std::int64_t id = 0;
    Caller caller;
};

/// `exportData` returns the plugin's share of a data export (any JSON, null when it holds
/// nothing); `erase` anonymises what the plugin holds, through Records::erase for records and
/// by other means for the rest. Both run with the caller of the export or erasure.
struct PersonalDataHandler {
    std::function<nlohmann::json(const PersonalDataRequest&)> exportData;
    std::function<void(const PersonalDataRequest&)> erase;
};

}  // namespace tessera::sdk
