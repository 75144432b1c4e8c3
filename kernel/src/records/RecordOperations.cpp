// Operations (undoable groups of writes), their undo, and merging two records.
#include <tessera/kernel/records/RecordStore.hpp>

#include <set>

#include <tessera/kernel/app/IsoTime.hpp>
#include <tessera/kernel/records/DataHandlerRegistry.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

using sdk::PluginError;

constexpr std::size_t kMaxLabel = 200;
constexpr const char* kOperationColumns =
    "o.id, o.label, o.entity, o.record_id, o.user_id, o.at, o.undone_by, o.undone_at, "
    "(SELECT COUNT(*) FROM tessera_audit a WHERE a.operation_id = o.id)";

sdk::OperationInfo decodeOperation(const std::vector<SqlValue>& row) {
    sdk::OperationInfo info;
    info.id = asInt(row[0]);
    info.label = asString(row[1]);
    info.entity = asString(row[2]);
    info.recordId = asInt(row[3]);
    info.userId = asInt(row[4]);
    info.at = asString(row[5]);
    info.undone = !isNull(row[7]);
    info.undoneBy = isNull(row[6]) ? 0 : asInt(row[6]);
    info.undoneAt = isNull(row[7]) ? std::string{} : asString(row[7]);
    info.writes = asInt(row[8]);
    return info;
}

[[noreturn]] void conflict(const std::string& message) {
    throw PluginError(sdk::Error{"conflict", message, {}});
}

/// Acts for the user without permission checks: the writes an undo or a merge makes on records
/// the user may not see are still audited under the user's id.
sdk::Caller trusted(const sdk::Caller& caller) { return sdk::Caller{caller.userId, true}; }

}  // namespace

void RecordStore::transaction(const std::function<void()>& body) {
    runInTransaction([&](Poco::Data::Session&) { body(); });
}

std::int64_t RecordStore::beginOperation(const sdk::Caller& caller, const std::string& label,
                                         const std::string& entity, std::int64_t recordId) {
    std::int64_t id = 0;
    runInTransaction([&](Poco::Data::Session& s) {
        id = asInt(Sql::scalar(db_, s,
                               "INSERT INTO tessera_operations (label, entity, record_id, user_id, "
                               "at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                               {label.substr(0, kMaxLabel), entity, recordId, caller.userId,
                                isoNow()}));
    });
    return id;
}

void RecordStore::withinOperation(std::int64_t operationId, const std::function<void()>& body) {
    AuditLog::OperationScope scope(operationId);
    body();
}

std::optional<sdk::OperationInfo> RecordStore::findOperation(Poco::Data::Session& s,
                                                             std::int64_t id) {
    SqlRows rows = Sql::query(db_, s,
                              std::string("SELECT ") + kOperationColumns +
                                  " FROM tessera_operations o WHERE o.id = $1",
                              {id});
    if (rows.empty()) {
        return std::nullopt;
    }
    return decodeOperation(rows.rows.front());
}

sdk::OperationInfo RecordStore::operation(const sdk::Caller& caller, std::int64_t operationId) {
    auto ctx = access_.contextFor(caller);
    Poco::Data::Session s = readSession();
    auto info = findOperation(s, operationId);
    if (!info || (!ctx->unrestricted() && info->userId != caller.userId)) {
        throw PluginError(sdk::Error{"not_found",
                                     "operation " + std::to_string(operationId) +
                                         " does not exist or is not yours",
                                     {}});
    }
    return *info;
}

std::vector<sdk::OperationInfo> RecordStore::operationsOf(const sdk::Caller& caller,
                                                          const std::string& entity,
                                                          std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    Poco::Data::Session s = readSession();
    loadVisible(s, e, *ctx, id, false, true);
    SqlRows rows = Sql::query(db_, s,
                              std::string("SELECT ") + kOperationColumns +
                                  " FROM tessera_operations o WHERE o.entity = $1 AND "
                                  "o.record_id = $2 ORDER BY o.id DESC LIMIT 100",
                              {e.name, id});
    std::vector<sdk::OperationInfo> out;
    for (const auto& row : rows.rows) {
        sdk::OperationInfo info = decodeOperation(row);
        if (ctx->unrestricted() || info.userId == caller.userId) {
            out.push_back(std::move(info));
        }
    }
    return out;
}

/// The fields of the record written after `afterAuditId` by anything but the operations in
/// `own`: an undo must not overwrite them.
std::set<std::string> RecordStore::changedSince(Poco::Data::Session& s, const std::string& entity,
                                                std::int64_t recordId, std::int64_t afterAuditId,
                                                const std::set<std::int64_t>& own) {
    SqlRows rows = Sql::query(db_, s,
                              "SELECT operation_id, changes FROM tessera_audit WHERE entity = $1 "
                              "AND record_id = $2 AND id > $3",
                              {entity, recordId, afterAuditId});
    std::set<std::string> fields;
    for (const auto& row : rows.rows) {
        if (!isNull(row[0]) && own.contains(asInt(row[0]))) {
            continue;
        }
        auto changes = nlohmann::json::parse(asString(row[1]), nullptr, false);
        if (changes.is_object()) {
            for (const auto& [field, value] : changes.items()) {
                fields.insert(field);
            }
        }
    }
    return fields;
}

void RecordStore::revertEntry(Poco::Data::Session& s, const sdk::AuditEntry& entry,
                              const sdk::Caller& caller, const std::set<std::int64_t>& own) {
    const EntityDef* e = current_.load()->entity(entry.entity);
    if (!e) {
        conflict("the operation cannot be undone: " + entry.entity +
                 " records are not available (is its plugin disabled?)");
    }
    auto stored = load(s, *e, entry.recordId, true);
    std::string name = e->label + " " + std::to_string(entry.recordId);
    if (entry.action == "create" || entry.action == "import") {
        if (stored && !stored->deleted) {
            remove(trusted(caller), e->name, entry.recordId);
        }
    } else if (entry.action == "delete") {
        if (stored && stored->deleted) {
            restore(trusted(caller), e->name, entry.recordId);
        }
    } else if (entry.action == "restore") {
        if (stored && !stored->deleted) {
            remove(trusted(caller), e->name, entry.recordId);
        }
    } else if (entry.action == "update") {
        if (!stored) {
            conflict("the operation cannot be undone: " + name + " was deleted for good since");
        }
        auto later = changedSince(s, e->name, entry.recordId, entry.id, own);
        sdk::Record revert = sdk::Record::object();
        for (const auto& [field, values] : entry.changes.items()) {
            if (later.contains(field)) {
                conflict("the operation cannot be undone: " + name + " field " + field +
                         " was changed since; change it back by hand or undo that change first");
            }
            // Read-only fields are derived by hooks from the others, which they follow.
            const FieldDef* f = e->field(field);
            if (f && !f->system && !f->readonly) {
                revert[field] = values.at(0);
            }
        }
        if (stored->deleted) {
            conflict("the operation cannot be undone: " + name +
                     " is in the trash; restore it first");
        }
        if (!revert.empty()) {
            update(trusted(caller), e->name, entry.recordId,
                   stored->record["version"].get<std::int64_t>(), revert);
        }
    } else if (entry.action == "purge" && e->inMenu) {
        conflict("the operation cannot be undone: " + name + " was deleted for good");
    }
    // A purged record of an internal entity (menu: false, such as an index a plugin keeps) is
    // derived data: the hooks that purged it derive it again as the records it follows revert.
    // "merge" and "erase" entries are notes; the writes around them carry the changes.
}

sdk::OperationInfo RecordStore::undoOperation(const sdk::Caller& caller, std::int64_t operationId) {
    sdk::OperationInfo target = operation(caller, operationId);
    if (target.undone) {
        conflict("operation " + std::to_string(operationId) + " was already undone at " +
                 target.undoneAt);
    }
    std::int64_t undoId = 0;
    runInTransaction([&](Poco::Data::Session& s) {
        if (Sql::execute(db_, s,
                         "UPDATE tessera_operations SET undone_by = $1, undone_at = $2 WHERE id = "
                         "$3 AND undone_at IS NULL",
                         {caller.userId, isoNow(), operationId}) == 0) {
            conflict("operation " + std::to_string(operationId) + " was undone meanwhile");
        }
        undoId = beginOperation(caller, "Undo: " + target.label, target.entity, target.recordId);
        AuditLog::OperationScope scope(undoId);
        const std::set<std::int64_t> own{operationId, undoId};
        for (const auto& entry : audit_.forOperation(s, operationId)) {
            revertEntry(s, entry, caller, own);
        }
    });
    return operation(caller, operationId);
}

void RecordStore::pointReferencesAt(const EntityDef& target, std::int64_t from, std::int64_t to,
                                    const sdk::Caller& caller) {
    Poco::Data::Session s = readSession();
    for (const auto& [name, other] : current_.load()->entities()) {
        for (const auto& f : other.fields) {
            if (f.type != FieldType::Reference || f.target != target.name) {
                continue;
            }
            SqlRows rows = Sql::query(db_, s,
                                      "SELECT id, version FROM \"" + other.table + "\" WHERE \"" +
                                          f.name + "\" = $1 AND deleted_at IS NULL ORDER BY id",
                                      {from});
            for (const auto& row : rows.rows) {
                try {
                    update(trusted(caller), other.name, asInt(row[0]), asInt(row[1]),
                           sdk::Record{{f.name, to}});
                } catch (const PluginError& e) {
                    if (e.error().code != "validation") {
                        throw;
                    }
                    // The winner already has this link (a unique value or a hook refused the
                    // copy): the loser's copy goes to the trash with the loser.
                    remove(trusted(caller), other.name, asInt(row[0]));
                }
            }
        }
    }
}

sdk::OperationInfo RecordStore::merge(const sdk::Caller& caller, const std::string& entity,
                                      std::int64_t winnerId, std::int64_t loserId,
                                      const sdk::Record& values) {
    const EntityDef& e = entityOrThrow(entity);
    if (winnerId == loserId) {
        throw PluginError(sdk::Error{"validation", "a record cannot be merged into itself",
                                     {{"loser", "must be another " + e.label}}});
    }
    if (!values.is_object()) {
        throw PluginError(sdk::Error{"validation", "the values must be a JSON object of field names",
                                     {}});
    }
    auto ctx = access_.contextFor(caller);
    std::int64_t operationId = 0;
    runInTransaction([&](Poco::Data::Session& s) {
        Stored winner = loadVisible(s, e, *ctx, winnerId, true, false);
        Stored loser = loadVisible(s, e, *ctx, loserId, true, false);
        if (!access_.allows(*ctx, e.name, sdk::Action::Update, winner.owner, winner.team)) {
            forbidden(e, *ctx, sdk::Action::Update, &winner);
        }
        if (!access_.allows(*ctx, e.name, sdk::Action::Delete, loser.owner, loser.team)) {
            forbidden(e, *ctx, sdk::Action::Delete, &loser);
        }
        operationId = beginOperation(caller,
                                     "Merge " + e.label + " " + std::to_string(loserId) +
                                         " into " + std::to_string(winnerId),
                                     e.name, winnerId);
        AuditLog::OperationScope scope(operationId);
        // In this order the undo (newest first) finds each record it needs: the winner gives
        // back the loser's unique values before the loser returns, and the loser is back before
        // references point at it again.
        pointReferencesAt(e, loserId, winnerId, caller);
        for (const auto& handler : dataHandlers_.mergeHandlers(e.name)) {
            handler(sdk::MergeEvent{e.name, winnerId, loserId, caller});
        }
        remove(trusted(caller), e.name, loserId);
        Stored current = *load(s, e, winnerId, false);
        update(caller, e.name, winnerId, current.record["version"].get<std::int64_t>(), values);
        audit_.write(s, e.name, winnerId, "merge", caller.userId,
                     {{"merged_id", nlohmann::json::array({nullptr, loserId})}});
        queueEvent({"record.merged", {{"entity", e.name}, {"id", winnerId}, {"loserId", loserId},
                                      {"operationId", operationId}, {"userId", caller.userId}}});
    });
    return operation(caller, operationId);
}

}  // namespace tessera::kernel
