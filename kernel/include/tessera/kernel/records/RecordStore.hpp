#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/records/AuditLog.hpp>
#include <tessera/kernel/records/DataHandlerRegistry.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/records/HookRegistry.hpp>
#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::kernel {

class RecordImporter;
class SearchBacklog;

/// The kernel's record API (sdk::Records): validation against the schema, permissions compiled
/// into every query, hooks, audit, search index and trash, each write in one transaction, and
/// events published after commit. A call made from a hook on the same thread joins the open
/// transaction. Thread-safe.
class RecordStore final : public sdk::Records {
public:
    RecordStore(Database& db, std::shared_ptr<const Schema> schema, AccessControl& access,
                SearchIndex& search, AuditLog& audit, HookRegistry& hooks, EventBus& events);
    ~RecordStore() override;

    /// Search entries left for later by large imports; the kernel drains it in a job.
    SearchBacklog& searchBacklog() { return *searchBacklog_; }

    sdk::Record create(const sdk::Caller& caller, const std::string& entity,
                       const sdk::Record& values) override;
    sdk::Record get(const sdk::Caller& caller, const std::string& entity, std::int64_t id) override;
    sdk::Record update(const sdk::Caller& caller, const std::string& entity, std::int64_t id,
                       std::int64_t version, const sdk::Record& changes) override;
    void remove(const sdk::Caller& caller, const std::string& entity, std::int64_t id) override;
    sdk::Record restore(const sdk::Caller& caller, const std::string& entity,
                        std::int64_t id) override;
    void purge(const sdk::Caller& caller, const std::string& entity, std::int64_t id) override;
    sdk::Page query(const sdk::Caller& caller, const sdk::Query& query) override;
    std::int64_t count(const sdk::Caller& caller, const sdk::Query& query) override;
    std::vector<sdk::AggregateRow> aggregate(const sdk::Caller& caller,
                                             const sdk::AggregateQuery& query) override;
    std::vector<sdk::SearchHit> search(const sdk::Caller& caller, const std::string& text,
                                       int limit) override;
    sdk::Explanation explain(const sdk::Caller& caller, const std::string& entity, std::int64_t id,
                             sdk::Action action) override;
    std::vector<sdk::AuditEntry> history(const sdk::Caller& caller, const std::string& entity,
                                         std::int64_t id) override;

    void transaction(const std::function<void()>& body) override;
    std::int64_t beginOperation(const sdk::Caller& caller, const std::string& label,
                                const std::string& entity, std::int64_t recordId) override;
    void withinOperation(std::int64_t operationId, const std::function<void()>& body) override;
    sdk::OperationInfo undoOperation(const sdk::Caller& caller, std::int64_t operationId) override;
    sdk::OperationInfo operation(const sdk::Caller& caller, std::int64_t operationId) override;
    std::vector<sdk::OperationInfo> operationsOf(const sdk::Caller& caller,
                                                 const std::string& entity,
                                                 std::int64_t id) override;
    sdk::OperationInfo merge(const sdk::Caller& caller, const std::string& entity,
                             std::int64_t winnerId, std::int64_t loserId,
                             const sdk::Record& values) override;
    nlohmann::json personalData(const sdk::Caller& caller, const std::string& entity,
                                std::int64_t id) override;
    void erase(const sdk::Caller& caller, const std::string& entity, std::int64_t id) override;
    sdk::ImportResult updateRows(const sdk::Caller& caller, const std::string& entity,
                                 const std::vector<sdk::RowUpdate>& rows) override;
    sdk::ImportResult importRows(const sdk::Caller& caller, const std::string& entity,
                                 const std::vector<sdk::Record>& rows) override;

    /// The plugins' merge and personal-data handlers.
    DataHandlerRegistry& dataHandlers() { return dataHandlers_; }

    /// Rebuilds the search index entries of every record of `entity` (after a schema change).
    void reindex(const std::string& entity);
    const Schema& schema() const { return *current_.load(); }
    /// Switches to a new schema (after a custom field was added). Calls under way finish with
    /// the schema they started with; earlier schemas are kept, as they are small and rare.
    void setSchema(std::shared_ptr<const Schema> schema);

private:
    struct Stored {
        sdk::Record record;
        std::optional<std::int64_t> owner;
        std::optional<std::int64_t> team;
        bool deleted = false;
        /// A row as read, with its owner, team and trash state taken from it.
        static Stored of(sdk::Record record);
    };
    template <class Fn>
    auto inTransaction(Fn&& fn);
    void runInTransaction(const std::function<void(Poco::Data::Session&)>& fn);
    std::optional<sdk::OperationInfo> findOperation(Poco::Data::Session& s, std::int64_t id);
    std::set<std::string> changedSince(Poco::Data::Session& s, const std::string& entity,
                                       std::int64_t recordId, std::int64_t afterAuditId,
                                       const std::set<std::int64_t>& own);
    void revertEntry(Poco::Data::Session& s, const sdk::AuditEntry& entry,
                     const sdk::Caller& caller, const std::set<std::int64_t>& own);
    void pointReferencesAt(const EntityDef& target, std::int64_t from, std::int64_t to,
                           const sdk::Caller& caller);
    void scrubHistory(Poco::Data::Session& s, const EntityDef& e, std::int64_t id,
                      const std::set<std::string>& personal);
    void scrubText(Poco::Data::Session& s, const std::vector<std::string>& values);
    const EntityDef& entityOrThrow(const std::string& name) const;
    std::optional<Stored> load(Poco::Data::Session& s, const EntityDef& e, std::int64_t id,
                               bool lock);
    Stored loadVisible(Poco::Data::Session& s, const EntityDef& e, const AccessContext& ctx,
                       std::int64_t id, bool lock, bool allowDeleted);
    /// A "not_found" error unless `stored` exists, is out of the trash (or `allowDeleted`) and
    /// `ctx` may read it: a record the caller cannot see is answered as one that does not exist.
    void requireReadable(const EntityDef& e, const AccessContext& ctx, std::int64_t id,
                         const Stored* stored, bool allowDeleted) const;
    /// Messages for input fields the caller may not write; throws for input that is not an object.
    /// `computedByCaller` (the bulk paths, which run no hooks) accepts schema-readonly fields,
    /// whose values hooks would otherwise compute; a role's readonly fields stay refused.
    std::map<std::string, std::string> checkWritable(const EntityDef& e, const AccessContext& ctx,
                                                     const sdk::Record& input,
                                                     const sdk::Record* current,
                                                     bool computedByCaller = false) const;
    /// Per reference field, ids already known to be visible records (looked up for a batch).
    using VisibleReferences = std::map<std::string, std::set<std::int64_t>>;
    /// The record normalised, or a "validation" error with `errors` and every problem found.
    /// With `unchangedFrom`, unique values and references equal to its are not looked up again;
    /// references of the fields in `known` are checked against it instead of the database.
    sdk::Record validate(Poco::Data::Session& s, const EntityDef& e, const AccessContext& ctx,
                         const sdk::Record& record, std::int64_t selfId,
                         std::map<std::string, std::string> errors,
                         const sdk::Record* unchangedFrom = nullptr,
                         const VisibleReferences* known = nullptr);
    /// The stored rows of `ids` that exist (locked for the transaction on PostgreSQL).
    std::map<std::int64_t, Stored> loadMany(Poco::Data::Session& s, const EntityDef& e,
                                            const std::vector<std::int64_t>& ids);
    /// One validated change of updateRows(), ready to be written.
    struct RowWrite {
        std::int64_t id = 0;
        std::int64_t version = 0;
        sdk::Record normalized;
        nlohmann::json diff;
    };
    /// The UPDATEs of updateRows(): on PostgreSQL one statement per group of rows that change
    /// the same fields, elsewhere writeUpdate() per row.
    void writeUpdates(Poco::Data::Session& s, const EntityDef& e,
                      const std::vector<RowWrite>& writes);
    void indexRecord(Poco::Data::Session& s, const EntityDef& e, const sdk::Record& record);
    sdk::Record visibleTo(const EntityDef& e, const AccessContext& ctx,
                          const sdk::Record& record) const;
    std::vector<std::string> readConditions(const EntityDef& e, const AccessContext& ctx,
                                            sdk::Action action, const std::string& search,
                                            SqlParams& params) const;
    /// The session of the transaction this thread is in (a hook reading its own writes), or a
    /// pooled one.
    Poco::Data::Session readSession();
    void queueEvent(sdk::Event event);
    /// The UPDATE of `diff`'s fields of a validated record, checking `version`; a conflict
    /// error when the row changed meanwhile, a validation error for a unique value taken.
    void writeUpdate(Poco::Data::Session& s, const EntityDef& e, std::int64_t id,
                     std::int64_t version, const sdk::Record& normalized,
                     const nlohmann::json& diff);
    [[noreturn]] void forbidden(const EntityDef& e, const AccessContext& ctx, sdk::Action action,
                                const Stored* record) const;

    Database& db_;
    mutable std::mutex schemaMutex_;
    std::vector<std::shared_ptr<const Schema>> schemas_;
    std::atomic<const Schema*> current_;
    AccessControl& access_;
    SearchIndex& search_;
    AuditLog& audit_;
    HookRegistry& hooks_;
    EventBus& events_;
    SqlDialect dialect_;
    DataHandlerRegistry dataHandlers_;
    std::unique_ptr<SearchBacklog> searchBacklog_;
    std::unique_ptr<RecordImporter> importer_;
};

}  // namespace tessera::kernel
