#pragma once

#include <map>
#include <string>
#include <vector>

#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>

namespace tessera::kernel {

/// What bringing the database up to the schema takes: statements to run, and differences that
/// no migration resolves on its own (columns no field declares any more, columns whose type
/// differs). Data is never dropped or narrowed.
struct MigrationPlan {
    struct Step {
        std::string description;
        std::string sql;
    };
    std::vector<Step> steps;
    std::vector<std::string> notices;

    bool upToDate() const { return steps.empty(); }
};

/// Creates and extends entity tables, their indexes and link tables from the merged schema,
/// and records which version of each plugin the database was migrated for. Runs under a
/// database-wide lock, so several nodes starting at once migrate once.
class Migrator {
public:
    Migrator(Database& db, const Schema& schema);

    /// The table holding a manyToMany relation, named from the side that sorts first.
    static std::string linkTable(const EntityDef& entity, const RelationDef& relation);
    /// True when `entity`.`relation` is the left side of its link table (left_id).
    static bool isLeftSide(const EntityDef& entity, const RelationDef& relation);

    /// What migrate() would do now.
    MigrationPlan plan();
    /// Applies the plan in one transaction under the migration lock, then records
    /// `pluginVersions` (id -> version). Returns what was done.
    MigrationPlan migrate(const std::map<std::string, std::string>& pluginVersions);
    /// The plugin versions recorded by the last migrations.
    std::map<std::string, std::string> appliedVersions();

private:
    struct ExistingColumn {
        std::string type;
    };
    std::map<std::string, ExistingColumn> columnsOf(Poco::Data::Session& session,
                                                    const std::string& table);
    MigrationPlan planWith(Poco::Data::Session& session);
    void ensureVersionTable(Poco::Data::Session& session);

    Database& db_;
    const Schema& schema_;
    SqlDialect dialect_;
};

}  // namespace tessera::kernel
