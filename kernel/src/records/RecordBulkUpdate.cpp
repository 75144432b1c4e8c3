// Records::updateRows: the bulk path for changes, as importRows() is for new records.
//
// A batch costs a handful of statements, not several per row: the rows are read (and on
// PostgreSQL locked) 1,000 at a time, the references they change are checked in one query per
// field, the audit entries are written together, and on PostgreSQL the rows that change the
// same fields are updated by one statement.
#include <tessera/kernel/records/RecordStore.hpp>

#include <tessera/kernel/app/IsoTime.hpp>
#include <tessera/kernel/records/FieldCodec.hpp>
#include <tessera/kernel/records/RecordImporter.hpp>
#include <tessera/kernel/records/RecordReader.hpp>
#include <tessera/kernel/records/SearchBacklog.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>
#include <tessera/kernel/storage/StorageError.hpp>
#include <tessera/sdk/Error.hpp>

#include "RecordErrors.hpp"
#include "VisibleIds.hpp"

namespace tessera::kernel {

namespace {

constexpr std::size_t kRowsPerRead = 1000;
/// Bound values per UPDATE statement, well below PostgreSQL's 65,535.
constexpr std::size_t kValuesPerUpdate = 20000;

/// The row's messages: per field when the error names fields, else under `fallback`.
std::map<std::string, std::string> rowErrors(const sdk::PluginError& error,
                                             const std::string& fallback) {
    if (!error.error().fields.empty()) {
        return error.error().fields;
    }
    return {{fallback, error.error().message}};
}

/// The ids each reference field is being changed to, over the whole batch.
std::map<std::string, std::set<std::int64_t>> changedReferences(
    const EntityDef& e, const std::vector<sdk::RowUpdate>& rows) {
    std::map<std::string, std::set<std::int64_t>> wanted;
    for (const auto& row : rows) {
        if (!row.changes.is_object()) {
            continue;
        }
        for (const auto& [name, value] : row.changes.items()) {
            const FieldDef* f = e.field(name);
            if (f && f->type == FieldType::Reference) {
                FieldCodec::Normalized n = FieldCodec::normalize(*f, value);
                if (n.ok() && n.value.is_number_integer()) {
                    wanted[name].insert(n.value.get<std::int64_t>());
                }
            }
        }
    }
    return wanted;
}

}  // namespace

std::map<std::int64_t, RecordStore::Stored> RecordStore::loadMany(
    Poco::Data::Session& s, const EntityDef& e, const std::vector<std::int64_t>& ids) {
    RecordReader reader(e, dialect_, {});
    std::map<std::int64_t, Stored> stored;
    for (std::size_t start = 0; start < ids.size(); start += kRowsPerRead) {
        std::vector<std::int64_t> chunk(
            ids.begin() + static_cast<std::ptrdiff_t>(start),
            ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kRowsPerRead)));
        // Locked in id order, so that two batches over the same rows cannot deadlock.
        SqlRows rows = Sql::query(db_, s,
                                  "SELECT " + reader.selectList() + " FROM \"" + e.table +
                                      "\" t WHERE " + dialect_.idIn("t.id", "$1") +
                                      " ORDER BY t.id" + (dialect_.postgres() ? " FOR UPDATE" : ""),
                                  {dialect_.idList(chunk)});
        for (const auto& row : rows.rows) {
            Stored one = Stored::of(reader.decode(row));
            std::int64_t id = one.record["id"].get<std::int64_t>();
            stored.emplace(id, std::move(one));
        }
    }
    return stored;
}

void RecordStore::writeUpdates(Poco::Data::Session& s, const EntityDef& e,
                               const std::vector<RowWrite>& writes) {
    if (!dialect_.postgres()) {
        // SQLite keeps each statement compiled and has no round trip to save.
        for (const auto& w : writes) {
            writeUpdate(s, e, w.id, w.version, w.normalized, w.diff);
        }
        return;
    }
    std::map<std::vector<std::string>, std::vector<const RowWrite*>> byFields;
    for (const auto& w : writes) {
        std::vector<std::string> fields;
        for (const auto& [name, value] : w.diff.items()) {
            fields.push_back(name);
        }
        byFields[fields].push_back(&w);
    }
    const std::string stamp = isoNow();
    for (const auto& [fields, group] : byFields) {
        std::vector<std::string> columns;
        std::string sets;
        for (const auto& name : fields) {
            std::string column = "c" + std::to_string(columns.size());
            sets += ", \"" + name + "\" = v." + column;
            columns.push_back(column);
            if (e.field(name)->type == FieldType::Money) {
                column = "c" + std::to_string(columns.size());
                sets += ", \"" + name + "_currency\" = v." + column;
                columns.push_back(column);
            }
        }
        const std::size_t rowsPerStatement =
            std::max<std::size_t>(1, kValuesPerUpdate / (columns.size() + 2));
        for (std::size_t start = 0; start < group.size(); start += rowsPerStatement) {
            std::size_t end = std::min(group.size(), start + rowsPerStatement);
            SqlParams params;
            std::string stampParam = params.add(stamp);
            std::string values;
            for (std::size_t k = start; k < end; ++k) {
                const RowWrite& w = *group[k];
                values += std::string(values.empty() ? "" : ", ") + "(" + params.add(w.id) +
                          "::bigint, " + params.add(w.version) + "::bigint";
                for (const auto& name : fields) {
                    const FieldDef& f = *e.field(name);
                    std::vector<SqlValue> sql = FieldCodec::toSql(f, w.normalized[name]);
                    values += ", " + dialect_.bindExpression(f, params.add(sql[0]));
                    if (f.type == FieldType::Money) {
                        values += ", " + params.add(sql[1]) + "::text";
                    }
                }
                values += ")";
            }
            std::string columnList;
            for (const auto& column : columns) {
                columnList += ", " + column;
            }
            std::size_t changed = 0;
            try {
                changed = Sql::execute(
                    db_, s,
                    "UPDATE \"" + e.table + "\" AS t SET \"version\" = t.\"version\" + 1, " +
                        "\"updated_at\" = " + stampParam + "::timestamptz" + sets +
                        " FROM (VALUES " + values + ") AS v(id, version" + columnList +
                        ") WHERE t.id = v.id AND t.version = v.version",
                    params.values());
            } catch (const StorageError& error) {
                if (isUniqueViolation(error)) {
                    validationFailed(
                        e, {{"record", "duplicates a unique value saved at the same moment"}});
                }
                throw;
            }
            if (changed != end - start) {
                throw sdk::PluginError(sdk::Error{
                    "conflict",
                    "some " + e.pluralLabel +
                        " were changed by someone else during the update; nothing was saved",
                    {}});
            }
        }
    }
}

sdk::ImportResult RecordStore::updateRows(const sdk::Caller& caller, const std::string& entity,
                                          const std::vector<sdk::RowUpdate>& rows) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    const bool deferSearch =
        rows.size() >= RecordImporter::kDeferSearchAfter && searchBacklog_->deferring();
    sdk::ImportResult result;
    std::vector<std::int64_t> changedIds;
    runInTransaction([&](Poco::Data::Session& s) {
        std::vector<std::int64_t> ids;
        ids.reserve(rows.size());
        for (const auto& row : rows) {
            ids.push_back(row.id);
        }
        std::map<std::int64_t, Stored> stored = loadMany(s, e, ids);
        VisibleReferences known;
        for (const auto& [name, wanted] : changedReferences(e, rows)) {
            known[name] =
                visibleIds(db_, s, access_, *ctx, schema().require(e.field(name)->target), wanted);
        }
        // A unique value set by two rows of the batch: the later row is refused.
        std::map<std::string, std::map<std::string, std::size_t>> uniqueClaims;
        std::vector<RowWrite> writes;
        std::vector<AuditLog::Entry> auditEntries;
        std::vector<sdk::Record> written;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const sdk::RowUpdate& row = rows[i];
            try {
                auto found = stored.find(row.id);
                requireReadable(e, *ctx, row.id, found == stored.end() ? nullptr : &found->second,
                                false);
                const Stored& current = found->second;
                if (!access_.allows(*ctx, e.name, sdk::Action::Update, current.owner,
                                    current.team)) {
                    forbidden(e, *ctx, sdk::Action::Update, &current);
                }
                std::int64_t version = current.record["version"].get<std::int64_t>();
                if (version != row.version) {
                    result.errors[i]["version"] = "is now " + std::to_string(version) + ", not " +
                                                  std::to_string(row.version) +
                                                  ": the record changed since it was read";
                    continue;
                }
                auto inputErrors = checkWritable(e, *ctx, row.changes, &current.record, true);
                sdk::Record record = current.record;
                for (const auto& [name, value] : row.changes.items()) {
                    if (!inputErrors.contains(name) && !e.field(name)->system) {
                        record[name] = value;
                    }
                }
                sdk::Record normalized =
                    validate(s, e, *ctx, record, row.id, inputErrors, &current.record, &known);
                auto owner = FieldCodec::optionalId(normalized["owner_id"]);
                auto team = FieldCodec::optionalId(normalized["team_id"]);
                if ((owner != current.owner || team != current.team) &&
                    !access_.allows(*ctx, e.name, sdk::Action::Update, owner, team)) {
                    Stored target{normalized, owner, team, false};
                    forbidden(e, *ctx, sdk::Action::Update, &target);
                }
                nlohmann::json diff = AuditLog::diff(current.record, normalized);
                for (const auto& [name, change] : diff.items()) {
                    if (!e.field(name)->unique || normalized[name].is_null()) {
                        continue;
                    }
                    auto [claim, first] =
                        uniqueClaims[name].try_emplace(normalized[name].dump(), i);
                    if (!first) {
                        validationFailed(
                            e, {{name, "'" + FieldCodec::display(normalized[name]) +
                                           "' is also set by row " +
                                           std::to_string(claim->second + 1) + " of this batch"}});
                    }
                }
                result.ids.push_back(row.id);
                if (diff.empty()) {
                    continue;
                }
                sdk::Record after = current.record;
                for (const auto& [name, value] : diff.items()) {
                    after[name] = normalized[name];
                }
                after["version"] = version + 1;
                after["updated_at"] = isoNow();
                auditEntries.push_back({e.name, row.id, "update", caller.userId, diff});
                writes.push_back({row.id, version, std::move(normalized), std::move(diff)});
                written.push_back(std::move(after));
                changedIds.push_back(row.id);
            } catch (const sdk::PluginError& error) {
                if (error.error().code == "not_found") {
                    result.errors[i] = rowErrors(error, "id");
                } else if (error.error().code == "validation" ||
                           error.error().code == "forbidden" || error.error().code == "conflict") {
                    result.errors[i] = rowErrors(error, "record");
                } else {
                    throw;
                }
            }
        }
        writeUpdates(s, e, writes);
        audit_.writeMany(s, auditEntries);
        if (deferSearch) {
            if (!changedIds.empty()) {
                searchBacklog_->add(s, e.name, changedIds);
            }
        } else {
            for (const auto& record : written) {
                indexRecord(s, e, record);
            }
        }
        if (!changedIds.empty()) {
            queueEvent({"record.updated_many",
                        {{"entity", e.name}, {"ids", changedIds}, {"userId", caller.userId}}});
        }
    });
    if (deferSearch && !changedIds.empty()) {
        searchBacklog_->notifyAdded();
    }
    return result;
}

}  // namespace tessera::kernel
