#include <tessera/kernel/storage/Migrator.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include <spdlog/spdlog.h>

#include <tessera/kernel/schema/EntityDefParser.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlIdentifier.hpp>

namespace tessera::kernel {

namespace {

constexpr std::int64_t kMigrationLock = 0x7465737365726101;  // "tessera" + 1

std::string q(const std::string& name) {
    return SqlIdentifier::quote(name, "name");
}

/// Index names must stay within 63 bytes; long ones keep a hash of the full name.
std::string indexName(const std::string& prefix, const std::string& table,
                      const std::string& column) {
    std::string name = prefix + "_" + table + "_" + column;
    if (name.size() <= 63) {
        return name;
    }
    std::size_t hash = std::hash<std::string>{}(name) % 1000000007ULL;
    return name.substr(0, 50) + "_" + std::to_string(hash);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

/// Whether a column of type `existing` (as the database reports it) holds what `wanted` does.
bool sameFamily(const std::string& existing, const std::string& wanted) {
    std::string a = lower(existing);
    std::string b = lower(wanted);
    auto family = [](const std::string& t) -> std::string {
        if (t.find("int") != std::string::npos)
            return "integer";
        if (t.find("numeric") != std::string::npos || t.find("decimal") != std::string::npos)
            return "numeric";
        if (t.find("bool") != std::string::npos)
            return "boolean";
        if (t.find("timestamp") != std::string::npos)
            return "timestamp";
        if (t == "date")
            return "date";
        if (t.find("json") != std::string::npos)
            return "json";
        return "text";
    };
    return family(a) == family(b);
}

}  // namespace

Migrator::Migrator(Database& db, const Schema& schema)
    : db_(db), schema_(schema), dialect_(db.backend()) {}

std::string Migrator::linkTable(const EntityDef& entity, const RelationDef& relation) {
    if (isLeftSide(entity, relation)) {
        return "link_" + entity.table + "_" + relation.name;
    }
    return "link_" + EntityDefParser::snakeCase(relation.target) + "_" + relation.foreign;
}

bool Migrator::isLeftSide(const EntityDef& entity, const RelationDef& relation) {
    return std::pair(entity.name, relation.name) <= std::pair(relation.target, relation.foreign);
}

std::map<std::string, Migrator::ExistingColumn> Migrator::columnsOf(Poco::Data::Session& session,
                                                                    const std::string& table) {
    std::map<std::string, ExistingColumn> columns;
    SqlRows rows =
        dialect_.postgres()
            ? Sql::query(db_, session,
                         "SELECT column_name, data_type FROM information_schema.columns "
                         "WHERE table_schema = current_schema() AND table_name = $1",
                         {table})
            : Sql::query(db_, session, "SELECT name, type FROM pragma_table_info($1)", {table});
    for (const auto& row : rows.rows) {
        columns[asString(row[0])] = ExistingColumn{asString(row[1])};
    }
    return columns;
}

void Migrator::ensureVersionTable(Poco::Data::Session& session) {
    Sql::execute(db_, session,
                 "CREATE TABLE IF NOT EXISTS tessera_schema_versions (plugin TEXT PRIMARY KEY, "
                 "version TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

MigrationPlan Migrator::planWith(Poco::Data::Session& session) {
    MigrationPlan plan;
    std::set<std::string> linkTablesPlanned;
    for (const auto& [name, entity] : schema_.entities()) {
        const std::string table = q(entity.table);
        auto existing = columnsOf(session, entity.table);
        std::vector<ColumnSpec> wanted;
        for (const auto& field : entity.fields) {
            if (field.name == "id") {
                continue;
            }
            for (const auto& column : dialect_.columnsFor(field)) {
                wanted.push_back(column);
            }
        }
        if (existing.empty()) {
            std::string sql = "CREATE TABLE " + table + " (" + dialect_.idColumn();
            for (const auto& column : wanted) {
                std::string constraint = column.name == "version" ? " NOT NULL DEFAULT 1" : "";
                sql += ", " + q(column.name) + " " + column.type + constraint;
            }
            sql += ")";
            plan.steps.push_back({"create table " + entity.table + " for " + name, sql});
        } else {
            std::set<std::string> declared;
            for (const auto& column : wanted) {
                declared.insert(column.name);
                auto it = existing.find(column.name);
                if (it == existing.end()) {
                    plan.steps.push_back({"add column " + entity.table + "." + column.name,
                                          "ALTER TABLE " + table + " ADD COLUMN " + q(column.name) +
                                              " " + column.type});
                } else if (!sameFamily(it->second.type, column.type)) {
                    plan.notices.push_back("column " + entity.table + "." + column.name + " is " +
                                           it->second.type + " but the schema wants " +
                                           column.type + "; left as it is");
                }
            }
            for (const auto& [column, info] : existing) {
                if (column != "id" && !declared.contains(column)) {
                    plan.notices.push_back("column " + entity.table + "." + column +
                                           " is no longer declared by any plugin; its data is "
                                           "kept");
                }
            }
        }
        // Pages sorted by a field end the order with the id; SQLite's indexes end with it by
        // themselves, PostgreSQL's must name it, or a page of a common value ("last name
        // starts with Sch") reads and sorts every match instead of the first 51.
        const std::string sortTieBreak = ", id NULLS FIRST";
        auto index = [&](const std::string& column, bool unique) {
            std::string sql =
                std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " +
                q(indexName(unique ? "ux" : "ix", entity.table, column)) + " ON " + table + " (" +
                q(column) + (dialect_.postgres() && !unique ? " NULLS FIRST" + sortTieBreak : "") +
                ")" + (unique ? " WHERE deleted_at IS NULL" : "") +
                // Only the trash is looked up by deleted_at, and it is small.
                (column == "deleted_at" ? " WHERE deleted_at IS NOT NULL" : "");
            plan.steps.push_back(
                {std::string(unique ? "unique " : "") + "index on " + entity.table + "." + column,
                 sql});
        };
        // A caller whose read scope is "own" lists newest changes first: the owner's rows in
        // that order come from this index alone, without reading and sorting all of them. The
        // id breaks ties (an import gives thousands of rows one updated_at); SQLite's indexes
        // end with it already. It serves every lookup by owner too, so owner_id gets no index
        // of its own (one index fewer to write).
        const bool ownerUpdated = entity.field("owner_id") && entity.field("updated_at");
        for (const auto& field : entity.fields) {
            if (field.unique) {
                index(field.name, true);
            } else if (field.indexed && !(ownerUpdated && field.name == "owner_id")) {
                index(field.name, false);
            }
        }
        if (ownerUpdated) {
            plan.steps.push_back(
                {"index on " + entity.table + ".owner_id, updated_at",
                 "CREATE INDEX IF NOT EXISTS " + q(indexName("ix", entity.table, "owner_updated")) +
                     " ON " + table + " (owner_id, updated_at" +
                     (dialect_.postgres() ? " NULLS FIRST, id NULLS FIRST" : "") + ")"});
        }
        // Declared indexes over several fields; on PostgreSQL they end with the id so that
        // ties in the last field come back in a stable order straight from the index.
        for (const auto& fields : entity.indexes) {
            std::string joined;
            std::string columns;
            for (const auto& field : fields) {
                joined += (joined.empty() ? "" : "_") + field;
                columns += (columns.empty() ? "" : ", ") + q(field) +
                           (dialect_.postgres() ? " NULLS FIRST" : "");
            }
            plan.steps.push_back({"index on " + entity.table + "." + joined,
                                  "CREATE INDEX IF NOT EXISTS " +
                                      q(indexName("ix", entity.table, joined)) + " ON " + table +
                                      " (" + columns +
                                      (dialect_.postgres() ? ", id NULLS FIRST" : "") + ")"});
        }
        for (const auto& relation : entity.relations) {
            if (relation.kind != RelationDef::Kind::ManyToMany || !isLeftSide(entity, relation)) {
                continue;
            }
            std::string link = linkTable(entity, relation);
            if (!linkTablesPlanned.insert(link).second) {
                continue;
            }
            std::string integer = dialect_.postgres() ? "BIGINT" : "INTEGER";
            plan.steps.push_back(
                {"link table " + link, "CREATE TABLE IF NOT EXISTS " + q(link) + " (left_id " +
                                           integer + " NOT NULL, right_id " + integer +
                                           " NOT NULL, PRIMARY KEY (left_id, right_id))"});
            plan.steps.push_back(
                {"index on " + link + ".right_id", "CREATE INDEX IF NOT EXISTS " +
                                                       q(indexName("ix", link, "right_id")) +
                                                       " ON " + q(link) + " (right_id)"});
        }
    }
    // Index statements are idempotent; report only those whose index is missing.
    std::set<std::string> existingIndexes;
    SqlRows rows =
        dialect_.postgres()
            ? Sql::query(db_, session,
                         "SELECT indexname FROM pg_indexes WHERE schemaname = "
                         "current_schema()")
            : Sql::query(db_, session, "SELECT name FROM sqlite_master WHERE type = 'index'");
    for (const auto& row : rows.rows) {
        existingIndexes.insert(asString(row[0]));
    }
    std::set<std::string> existingTables;
    rows = dialect_.postgres()
               ? Sql::query(db_, session,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                            "current_schema()")
               : Sql::query(db_, session, "SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const auto& row : rows.rows) {
        existingTables.insert(asString(row[0]));
    }
    std::erase_if(plan.steps, [&](const MigrationPlan::Step& step) {
        for (const char* prefix :
             {"CREATE INDEX IF NOT EXISTS \"", "CREATE UNIQUE INDEX IF NOT EXISTS \""}) {
            if (step.sql.starts_with(prefix)) {
                std::string rest = step.sql.substr(std::string(prefix).size());
                return existingIndexes.contains(rest.substr(0, rest.find('"')));
            }
        }
        if (step.sql.starts_with("CREATE TABLE IF NOT EXISTS \"")) {
            std::string rest = step.sql.substr(std::string("CREATE TABLE IF NOT EXISTS \"").size());
            return existingTables.contains(rest.substr(0, rest.find('"')));
        }
        return false;
    });
    return plan;
}

MigrationPlan Migrator::plan() {
    Poco::Data::Session session = db_.session();
    return planWith(session);
}

MigrationPlan Migrator::migrate(const std::map<std::string, std::string>& pluginVersions) {
    Poco::Data::Session session = db_.session();
    DatabaseLock lock = db_.advisoryLock(session, kMigrationLock);
    return db_.withTransaction(session, [&](Poco::Data::Session& s) {
        ensureVersionTable(s);
        MigrationPlan plan = planWith(s);
        for (const auto& step : plan.steps) {
            spdlog::info("migrate: {}", step.description);
            Sql::execute(db_, s, step.sql);
        }
        for (const auto& notice : plan.notices) {
            spdlog::warn("migrate: {}", notice);
        }
        for (const auto& [plugin, version] : pluginVersions) {
            Sql::execute(
                db_, s,
                "INSERT INTO tessera_schema_versions (plugin, version, applied_at) "
                "VALUES ($1, $2, " +
                    std::string(dialect_.postgres() ? "to_char(now() AT TIME ZONE 'UTC', "
                                                      "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                                                    : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')") +
                    ") ON CONFLICT (plugin) DO UPDATE SET version = excluded.version, "
                    "applied_at = excluded.applied_at",
                {plugin, version});
        }
        return plan;
    });
}

std::map<std::string, std::string> Migrator::appliedVersions() {
    Poco::Data::Session session = db_.session();
    ensureVersionTable(session);
    std::map<std::string, std::string> versions;
    for (const auto& row :
         Sql::query(db_, session, "SELECT plugin, version FROM tessera_schema_versions").rows) {
        versions[asString(row[0])] = asString(row[1]);
    }
    return versions;
}

}  // namespace tessera::kernel
