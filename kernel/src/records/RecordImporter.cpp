#include <tessera/kernel/records/RecordImporter.hpp>

#include <set>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <tessera/kernel/records/FieldCodec.hpp>
#include <tessera/kernel/records/SearchEntries.hpp>
#include <tessera/kernel/storage/BulkInserter.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

#include "VisibleIds.hpp"

namespace tessera::kernel {

namespace {

/// The audit changes of a new record, {"field": [null, value], ...}, as AuditLog::diff() would
/// give them, written straight to text: a bulk import builds one per row.
std::string createdChanges(const sdk::Record& record) {
    std::string text = "{";
    for (const auto& [field, value] : record.items()) {
        if (!value.is_null()) {
            text += (text.size() > 1 ? ",\"" : "\"") + field + "\":[null," + value.dump() + "]";
        }
    }
    return text + "}";
}

constexpr std::size_t kLookupChunk = 500;
constexpr std::size_t kAnalyzeAfter = 10000;

std::optional<std::string> text(const SqlValue& value, bool sqlite) {
    if (isNull(value)) {
        return std::nullopt;
    }
    if (auto b = std::get_if<bool>(&value)) {
        return sqlite ? (*b ? "1" : "0") : (*b ? "true" : "false");
    }
    return asString(value);
}

}  // namespace

RecordImporter::RecordImporter(Database& db, RecordStore& records, AccessControl& access,
                               SearchIndex& search, SearchBacklog& backlog, EventBus& events)
    : db_(db),
      records_(records),
      access_(access),
      search_(search),
      backlog_(backlog),
      events_(events) {}

std::vector<std::int64_t> RecordImporter::reserveIds(const EntityDef& entity, std::size_t count) {
    std::vector<std::int64_t> ids;
    ids.reserve(count);
    if (count == 0) {
        return ids;
    }
    Poco::Data::Session session = db_.session();
    if (db_.backend() == Backend::Postgres) {
        SqlRows rows = Sql::query(db_, session,
                                  "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM "
                                  "generate_series(1, $2)",
                                  {"\"" + entity.table + "\"", static_cast<std::int64_t>(count)});
        for (const auto& row : rows.rows) {
            ids.push_back(asInt(row[0]));
        }
        return ids;
    }
    // AUTOINCREMENT keeps its high-water mark in sqlite_sequence; moving it reserves a block.
    std::int64_t first = db_.withTransaction(session, [&](Poco::Data::Session& s) {
        std::int64_t top = asInt(
            Sql::scalar(db_, s,
                        "SELECT MAX(m) FROM (SELECT seq AS m FROM sqlite_sequence WHERE name = $1 "
                        "UNION ALL SELECT MAX(id) FROM \"" +
                            entity.table + "\")",
                        {entity.table}));
        std::int64_t last = top + static_cast<std::int64_t>(count);
        if (Sql::execute(db_, s, "UPDATE sqlite_sequence SET seq = $1 WHERE name = $2",
                         {last, entity.table}) == 0) {
            Sql::execute(db_, s, "INSERT INTO sqlite_sequence (name, seq) VALUES ($1, $2)",
                         {entity.table, last});
        }
        return top + 1;
    });
    for (std::size_t i = 0; i < count; ++i) {
        ids.push_back(first + static_cast<std::int64_t>(i));
    }
    return ids;
}

RecordImporter::Report RecordImporter::importRows(const sdk::Caller& caller,
                                                  const std::string& entityName,
                                                  const std::vector<sdk::Record>& rows) {
    const Schema& schema = records_.schema();
    const EntityDef* found = schema.entity(entityName);
    if (!found) {
        throw sdk::PluginError(
            sdk::Error{"not_found", "there is no entity '" + entityName + "'", {}});
    }
    const EntityDef& e = *found;
    auto ctx = access_.contextFor(caller);
    if (!ctx->unrestricted() && ctx->grant(e.name, sdk::Action::Create).level == ScopeLevel::None) {
        throw sdk::PluginError(sdk::Error{
            "forbidden",
            access_.explain(*ctx, e.name, sdk::Action::Create, std::nullopt, std::nullopt).reason,
            {}});
    }
    Report report;
    std::vector<sdk::Record> valid(rows.size());
    std::vector<bool> ok(rows.size(), true);
    auto reject = [&](std::size_t i, const std::string& field, const std::string& why) {
        report.errors[i][field] = why;
        ok[i] = false;
    };

    // Field by field, as the record API checks one record.
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const sdk::Record& row = rows[i];
        if (!row.is_object()) {
            reject(i, "row", "is not an object of field values");
            continue;
        }
        for (const auto& [name, value] : row.items()) {
            const FieldDef* f = e.field(name);
            if (!f || ctx->fieldAccess(e.name, name) == FieldAccess::Hidden) {
                reject(i, name.substr(0, 64), "is not a field of " + e.label);
            } else if (!f->system && ctx->fieldAccess(e.name, name) == FieldAccess::ReadOnly) {
                // Schema-readonly fields are accepted: hooks, which compute them on create(),
                // do not run here, so the importing plugin supplies their values.
                reject(i, name, "cannot be set");
            }
        }
        sdk::Record normalized = sdk::Record::object();
        for (const auto& f : e.fields) {
            if (f.system) {
                continue;
            }
            nlohmann::json value =
                row.is_object() && row.contains(f.name) ? row[f.name] : f.defaultValue;
            if (f.name == "owner_id" && value.is_null() && !caller.system) {
                value = caller.userId;
            }
            if (f.name == "team_id" && value.is_null() && !ctx->teamIds.empty()) {
                value = ctx->teamIds.front();
            }
            auto n = FieldCodec::normalize(f, value);
            if (!n.ok()) {
                reject(i, f.name, n.error);
            } else if (n.value.is_null() && f.required) {
                reject(i, f.name, "is required");
            } else {
                normalized[f.name] = n.value;
            }
        }
        if (ok[i] &&
            !access_.allows(
                *ctx, e.name, sdk::Action::Create,
                normalized["owner_id"].is_number()
                    ? std::optional<std::int64_t>(normalized["owner_id"].get<std::int64_t>())
                    : std::nullopt,
                normalized["team_id"].is_number()
                    ? std::optional<std::int64_t>(normalized["team_id"].get<std::int64_t>())
                    : std::nullopt)) {
            reject(i, "owner_id", "you may not create records for this owner or team");
        }
        valid[i] = std::move(normalized);
    }

    Poco::Data::Session session = db_.session();
    SqlDialect dialect(db_.backend());
    // Unique fields: duplicates within the batch, then against stored records.
    for (const auto& f : e.fields) {
        if (!f.unique) {
            continue;
        }
        std::map<std::string, std::size_t> firstSeen;
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!ok[i] || valid[i][f.name].is_null()) {
                continue;
            }
            std::string key = valid[i][f.name].dump();
            auto [it, inserted] = firstSeen.try_emplace(key, i);
            if (!inserted) {
                reject(i, f.name,
                       "'" + FieldCodec::display(valid[i][f.name]).substr(0, 100) +
                           "' also appears in row " + std::to_string(it->second + 1));
            } else {
                candidates.push_back(i);
            }
        }
        for (std::size_t start = 0; start < candidates.size(); start += kLookupChunk) {
            SqlParams params;
            std::map<std::string, std::size_t> byValue;
            std::string list;
            for (std::size_t k = start; k < std::min(candidates.size(), start + kLookupChunk);
                 ++k) {
                std::size_t i = candidates[k];
                SqlValue v = FieldCodec::toSql(f, valid[i][f.name]).front();
                byValue[asString(v)] = i;
                list += (list.empty() ? "" : ", ") + dialect.bindExpression(f, params.add(v));
            }
            SqlRows taken = Sql::query(db_, session,
                                       "SELECT " + dialect.readExpression(f, "\"" + f.name + "\"") +
                                           ", id FROM \"" + e.table + "\" WHERE \"" + f.name +
                                           "\" IN (" + list + ") AND deleted_at IS NULL",
                                       params.values());
            for (const auto& row : taken.rows) {
                auto it = byValue.find(asString(row[0]));
                if (it != byValue.end()) {
                    reject(it->second, f.name,
                           "'" + asString(row[0]).substr(0, 100) + "' is already used by " +
                               e.label + " " + asString(row[1]));
                }
            }
        }
    }
    // References: each distinct id looked up once, in chunks.
    for (const auto& f : e.fields) {
        if (f.type != FieldType::Reference) {
            continue;
        }
        const EntityDef& target = schema.require(f.target);
        std::set<std::int64_t> wanted;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (ok[i] && valid[i][f.name].is_number_integer()) {
                wanted.insert(valid[i][f.name].get<std::int64_t>());
            }
        }
        std::set<std::int64_t> visible = visibleIds(db_, session, access_, *ctx, target, wanted);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (ok[i] && valid[i][f.name].is_number_integer() &&
                !visible.contains(valid[i][f.name].get<std::int64_t>())) {
                reject(i, f.name,
                       "refers to " + target.label + " " + valid[i][f.name].dump() +
                           ", which does not exist or is not visible to you");
            }
        }
    }

    std::vector<std::size_t> accepted;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (ok[i]) {
            accepted.push_back(i);
        }
    }
    report.ids = reserveIds(e, accepted.size());
    if (accepted.empty()) {
        return report;
    }
    bool sqlite = db_.backend() == Backend::Sqlite;
    std::string stamp = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ");
    std::vector<std::string> columns = {"id", "created_at", "updated_at", "created_by", "version"};
    for (const auto& f : e.fields) {
        if (!f.system) {
            columns.push_back(f.name);
            if (f.type == FieldType::Money) {
                columns.push_back(f.name + "_currency");
            }
        }
    }
    BulkInserter records(db_, e.table, columns);
    std::vector<SearchIndex::Entry> searchEntries;
    const bool deferSearch = accepted.size() >= RecordImporter::kDeferSearchAfter && backlog_.deferring();
    std::vector<BulkInserter::Row> auditRows;
    std::optional<std::string> operation;
    if (AuditLog::currentOperation() != 0) {
        operation = std::to_string(AuditLog::currentOperation());
    }
    for (std::size_t k = 0; k < accepted.size(); ++k) {
        const sdk::Record& r = valid[accepted[k]];
        std::int64_t id = report.ids[k];
        BulkInserter::Row row = {std::to_string(id), stamp, stamp,
                                 caller.system
                                     ? std::nullopt
                                     : std::optional<std::string>(std::to_string(caller.userId)),
                                 "1"};
        for (const auto& f : e.fields) {
            if (f.system) {
                continue;
            }
            for (const auto& v : FieldCodec::toSql(f, r[f.name])) {
                row.push_back(text(v, sqlite));
            }
        }
        records.add(row);
        if (!deferSearch) {
            if (auto entry = searchEntryOf(e, r)) {
                entry->id = id;
                if (e.titleField == "id") {
                    entry->title = std::to_string(id);
                }
                searchEntries.push_back(std::move(*entry));
            }
        }
        auditRows.push_back({e.name, std::to_string(id), "import", std::to_string(caller.userId),
                             stamp, createdChanges(r), operation});
    }
    records.finish();
    if (deferSearch) {
        db_.withTransaction(session,
                            [&](Poco::Data::Session& s) { backlog_.add(s, e.name, report.ids); });
        backlog_.notifyAdded();
    } else {
        search_.putMany(searchEntries);
    }
    BulkInserter audit(
        db_, "tessera_audit",
        {"entity", "record_id", "action", "user_id", "at", "changes", "operation_id"});
    for (const auto& row : auditRows) {
        audit.add(row);
    }
    audit.finish();
    if (report.ids.size() >= kAnalyzeAfter) {
        // Fresh statistics let the planner pick the right index on tables that just grew.
        Sql::execute(db_, session, "ANALYZE \"" + e.table + "\"");
    }
    events_.publish({"record.imported",
                     {{"entity", e.name},
                      {"count", report.ids.size()},
                      {"userId", caller.userId},
                      {"firstId", report.ids.front()},
                      {"lastId", report.ids.back()}}});
    return report;
}

}  // namespace tessera::kernel
