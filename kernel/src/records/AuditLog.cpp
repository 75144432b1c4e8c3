#include <tessera/kernel/records/AuditLog.hpp>

#include <algorithm>

#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>

namespace tessera::kernel {

namespace {
thread_local std::int64_t tOperation = 0;

bool hasColumn(Database& db, Poco::Data::Session& session, const std::string& table,
               const std::string& column) {
    try {
        Sql::query(db, session, "SELECT " + column + " FROM " + table + " WHERE 1 = 0", {});
        return true;
    } catch (const std::exception&) {
        return false;
    }
}
}  // namespace

AuditLog::AuditLog(Database& db) : db_(db) {}

AuditLog::OperationScope::OperationScope(std::int64_t operationId) : previous_(tOperation) {
    tOperation = operationId;
}

AuditLog::OperationScope::~OperationScope() { tOperation = previous_; }

std::int64_t AuditLog::currentOperation() { return tOperation; }

void AuditLog::ensureTables() {
    Poco::Data::Session session = db_.session();
    Sql::execute(db_, session,
                 "CREATE TABLE IF NOT EXISTS tessera_audit (" + SqlDialect(db_.backend()).idColumn() +
                     ", entity TEXT NOT NULL, record_id BIGINT NOT NULL, action TEXT NOT NULL, "
                     "user_id BIGINT NOT NULL, at TEXT NOT NULL, changes TEXT NOT NULL, "
                     "operation_id BIGINT)");
    if (!hasColumn(db_, session, "tessera_audit", "operation_id")) {
        Sql::execute(db_, session, "ALTER TABLE tessera_audit ADD COLUMN operation_id BIGINT");
    }
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS ix_tessera_audit_operation ON tessera_audit "
                 "(operation_id, id)");
    Sql::execute(db_, session,
                 "CREATE TABLE IF NOT EXISTS tessera_operations (" +
                     SqlDialect(db_.backend()).idColumn() +
                     ", label TEXT NOT NULL, entity TEXT NOT NULL, record_id BIGINT NOT NULL, "
                     "user_id BIGINT NOT NULL, at TEXT NOT NULL, undone_by BIGINT, undone_at TEXT)");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS ix_tessera_operations_record ON tessera_operations "
                 "(entity, record_id, id)");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS ix_tessera_audit_record ON tessera_audit "
                 "(entity, record_id, id)");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS ix_tessera_audit_user ON tessera_audit (user_id, id)");
}

void AuditLog::write(Poco::Data::Session& session, const std::string& entity,
                     std::int64_t recordId, const std::string& action, std::int64_t userId,
                     const nlohmann::json& changes) {
    writeMany(session, {{entity, recordId, action, userId, changes}});
}

void AuditLog::writeMany(Poco::Data::Session& session, const std::vector<Entry>& entries) {
    // Six values per entry; 1,000 entries keep a statement well below both databases' limits.
    constexpr std::size_t kEntriesPerStatement = 1000;
    const std::string now = db_.backend() == Backend::Postgres
                                ? "to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                                  "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                                : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
    SqlValue operation = tOperation ? SqlValue{tOperation} : SqlValue{};
    for (std::size_t start = 0; start < entries.size(); start += kEntriesPerStatement) {
        SqlParams params;
        std::string rows;
        for (std::size_t i = start; i < std::min(entries.size(), start + kEntriesPerStatement);
             ++i) {
            const Entry& entry = entries[i];
            rows += std::string(rows.empty() ? "" : ", ") + "(" + params.add(entry.entity) + ", " +
                    params.add(entry.recordId) + ", " + params.add(entry.action) + ", " +
                    params.add(entry.userId) + ", " + now + ", " +
                    params.add(entry.changes.dump()) + ", " + params.add(operation) + ")";
        }
        Sql::execute(db_, session,
                     "INSERT INTO tessera_audit (entity, record_id, action, user_id, at, changes, "
                     "operation_id) VALUES " +
                         rows,
                     params.values());
    }
}

std::vector<sdk::AuditEntry> AuditLog::read(Poco::Data::Session& session, const std::string& where,
                                            const std::vector<SqlValue>& params, int limit) {
    std::vector<SqlValue> all = params;
    all.push_back(static_cast<std::int64_t>(std::clamp(limit, 1, 1000000)));
    SqlRows rows = Sql::query(db_, session,
                              "SELECT id, entity, record_id, action, user_id, at, changes FROM "
                              "tessera_audit WHERE " +
                                  where + " ORDER BY id DESC LIMIT $" + std::to_string(all.size()),
                              all);
    std::vector<sdk::AuditEntry> entries;
    for (const auto& row : rows.rows) {
        sdk::AuditEntry entry;
        entry.id = asInt(row[0]);
        entry.entity = asString(row[1]);
        entry.recordId = asInt(row[2]);
        entry.action = asString(row[3]);
        entry.userId = asInt(row[4]);
        entry.at = asString(row[5]);
        entry.changes = nlohmann::json::parse(asString(row[6]), nullptr, false);
        if (entry.changes.is_discarded()) {
            entry.changes = nlohmann::json::object();
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<sdk::AuditEntry> AuditLog::forRecord(Poco::Data::Session& session,
                                                 const std::string& entity, std::int64_t recordId,
                                                 int limit) {
    return read(session, "entity = $1 AND record_id = $2", {entity, recordId}, limit);
}

std::vector<sdk::AuditEntry> AuditLog::forOperation(Poco::Data::Session& session,
                                                    std::int64_t operationId) {
    return read(session, "operation_id = $1", {operationId}, 1000000);
}

std::vector<sdk::AuditEntry> AuditLog::forUser(Poco::Data::Session& session, std::int64_t userId,
                                               int limit) {
    return read(session, "user_id = $1", {userId}, limit);
}

nlohmann::json AuditLog::diff(const nlohmann::json& before, const nlohmann::json& after) {
    nlohmann::json changes = nlohmann::json::object();
    for (const auto& [field, value] : after.items()) {
        nlohmann::json old = before.is_object() && before.contains(field) ? before[field]
                                                                           : nlohmann::json();
        if (old != value) {
            changes[field] = nlohmann::json::array({old, value});
        }
    }
    return changes;
}

}  // namespace tessera::kernel
