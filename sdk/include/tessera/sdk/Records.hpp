#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/config.hpp>

#include <functional>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Operations.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::sdk {

/// What a caller may want to do with records of an entity.
enum class Action { Read, Create, Update, Delete, Export };

/// A hit of the global search.
struct SearchHit {
    std::string entity;
    std::int64_t id = 0;
    std::string title;
    std::string snippet;
    double rank = 0;
};

/// Why a caller may or may not do something: "user 7 can update Deal 12 because role Sales rep
/// grants update:own and user 7 owns it".
struct Explanation {
    bool allowed = false;
    std::string role;   ///< the role whose grant decided, empty when none did
    std::string scope;  ///< all, team, own or none
    std::string reason;
};

/// One write in the audit log.
struct AuditEntry {
    std::int64_t id = 0;
    std::string entity;
    std::int64_t recordId = 0;
    std::string action;  ///< create, update, delete, restore, purge
    std::int64_t userId = 0;  ///< 0 for the system
    std::string at;      ///< ISO 8601 UTC
    /// field -> [old, new]
    nlohmann::json changes = nlohmann::json::object();
};

/// The only door to entity data. Every call validates against the schema, checks the caller's
/// permissions, runs the entity's hooks, writes the audit log and the search index in one
/// transaction, then publishes events. Failures are PluginError with code "validation"
/// (with a message per field), "not_found", "forbidden" or "conflict". Thread-safe.
class BOOST_SYMBOL_VISIBLE Records {
public:
    virtual ~Records() = default;

    virtual Record create(const Caller& caller, const std::string& entity, const Record& values) = 0;
    /// A record the caller may read; "not_found" when it does not exist or is out of sight.
    virtual Record get(const Caller& caller, const std::string& entity, std::int64_t id) = 0;
    /// Applies `changes` to the record at `version`; "conflict" when someone saved since.
    virtual Record update(const Caller& caller, const std::string& entity, std::int64_t id,
                          std::int64_t version, const Record& changes) = 0;
    /// Moves the record to the trash.
    virtual void remove(const Caller& caller, const std::string& entity, std::int64_t id) = 0;
    /// Brings a record back from the trash.
    virtual Record restore(const Caller& caller, const std::string& entity, std::int64_t id) = 0;
    /// Deletes a record for good (admins only); the audit log keeps its last values.
    virtual void purge(const Caller& caller, const std::string& entity, std::int64_t id) = 0;

    virtual Page query(const Caller& caller, const Query& query) = 0;
    virtual std::int64_t count(const Caller& caller, const Query& query) = 0;
    virtual std::vector<AggregateRow> aggregate(const Caller& caller,
                                                const AggregateQuery& query) = 0;
    /// Ranked hits across every entity the caller may read.
    virtual std::vector<SearchHit> search(const Caller& caller, const std::string& text,
                                          int limit) = 0;
    virtual Explanation explain(const Caller& caller, const std::string& entity, std::int64_t id,
                                Action action) = 0;
    /// The audit entries of one record, newest first (needs read access to it).
    virtual std::vector<AuditEntry> history(const Caller& caller, const std::string& entity,
                                            std::int64_t id) = 0;

    // Added in SDK 1.2, after every earlier virtual so plugins built against 1.0 keep working.

    /// Runs `body` in one transaction: every Records call it makes on this thread joins it, and
    /// an exception rolls all of them back.
    virtual void transaction(const std::function<void()>& body) = 0;
    /// Starts an operation: a named group of writes that can be undone as a whole.
    virtual std::int64_t beginOperation(const Caller& caller, const std::string& label,
                                        const std::string& entity, std::int64_t recordId) = 0;
    /// Runs `body` with `operationId` current on this thread: the writes it makes (including
    /// those of hooks and bulk imports) belong to the operation. Several calls may add to one
    /// operation, each in its own transactions.
    virtual void withinOperation(std::int64_t operationId, const std::function<void()>& body) = 0;
    /// Reverts every write of the operation, newest first, in one transaction and as a new
    /// operation: updated fields get their old values back, created records go to the trash,
    /// deleted ones come back. "conflict" naming the record and field when a value was changed
    /// since; "forbidden" unless the caller started the operation or is an administrator.
    virtual OperationInfo undoOperation(const Caller& caller, std::int64_t operationId) = 0;
    /// An operation the caller started (any, for administrators); "not_found" otherwise.
    virtual OperationInfo operation(const Caller& caller, std::int64_t operationId) = 0;
    /// The operations about one record that the caller started (all of them, for
    /// administrators), newest first; needs read access to the record.
    virtual std::vector<OperationInfo> operationsOf(const Caller& caller,
                                                    const std::string& entity,
                                                    std::int64_t id) = 0;

    /// Merges `loserId` into `winnerId` as one operation: the winner takes `values` (the field
    /// values chosen), every reference to the loser in any entity is pointed at the winner (a
    /// link that would then duplicate a unique one goes to the trash), the plugins' merge
    /// handlers run, and the loser goes to the trash. Needs update on the winner and delete on
    /// the loser. Returns the operation, which undoOperation() reverts.
    virtual OperationInfo merge(const Caller& caller, const std::string& entity,
                                std::int64_t winnerId, std::int64_t loserId,
                                const Record& values) = 0;

    /// Everything held about the person or organisation kept as this record: the record, its
    /// history, and each plugin's share (PluginContext::addPersonalDataHandler) under the
    /// plugin's id. Needs the export permission on the record.
    virtual nlohmann::json personalData(const Caller& caller, const std::string& entity,
                                        std::int64_t id) = 0;
    /// Anonymises the record for good: its personal fields (schema "personal": true) are
    /// blanked in the record, its history, its trash copy and the search index, the plugins'
    /// erase handlers run, and the erasure itself is recorded (who, when; no values). Cannot be
    /// undone. Needs update and delete on the record.
    virtual void erase(const Caller& caller, const std::string& entity, std::int64_t id) = 0;

    /// The bulk path for imports: validates every row as create() does (without hooks, so the
    /// caller gives the values hooks would compute; schema-readonly fields are accepted) and
    /// writes the valid ones in one go, with their audit entries (in the current operation)
    /// and search index; one "record.imported" event reports the batch. Commits on its own:
    /// call it outside transaction().
    virtual ImportResult importRows(const Caller& caller, const std::string& entity,
                                    const std::vector<Record>& rows) = 0;

    // Added in SDK 1.3, after every earlier virtual so plugins built against 1.2 keep working.

    /// The bulk path for changes, the counterpart of importRows(): each row is checked as
    /// update() checks it (permission, version, field access, types, required, uniqueness and
    /// references of the values that change) but no hooks run, so the caller gives the values
    /// hooks would compute (schema-readonly fields are accepted, as by importRows()). The valid rows are written in one transaction with their audit
    /// entries (in the current operation) and search entries; a row with errors is left out
    /// and reported (a stale version under "version"). One "record.updated_many" event lists
    /// the ids changed. Returns the ids of the rows written, unchanged ones included, in input
    /// order. Call it outside transaction().
    virtual ImportResult updateRows(const Caller& caller, const std::string& entity,
                                    const std::vector<RowUpdate>& rows) = 0;
};

/// Every row `query` matches, read page by page with keyset paging (pages of query.limit).
inline std::vector<Record> queryAll(Records& records, const Caller& caller, Query query) {
    std::vector<Record> out;
    for (;;) {
        Page page = records.query(caller, query);
        out.insert(out.end(), page.rows.begin(), page.rows.end());
        if (page.nextCursor.empty()) {
            return out;
        }
        query.after = page.nextCursor;
    }
}

}  // namespace tessera::sdk
