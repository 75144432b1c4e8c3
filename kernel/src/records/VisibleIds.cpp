#include "VisibleIds.hpp"

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/schema/EntityDef.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>

namespace tessera::kernel {

namespace {
constexpr std::size_t kIdsPerQuery = 1000;
}

std::set<std::int64_t> visibleIds(Database& db, Poco::Data::Session& session,
                                  const AccessControl& access, const AccessContext& context,
                                  const EntityDef& target, const std::set<std::int64_t>& ids) {
    SqlDialect dialect(db.backend());
    std::set<std::int64_t> visible;
    std::vector<std::int64_t> all(ids.begin(), ids.end());
    for (std::size_t start = 0; start < all.size(); start += kIdsPerQuery) {
        std::vector<std::int64_t> chunk(
            all.begin() + static_cast<std::ptrdiff_t>(start),
            all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), start + kIdsPerQuery)));
        SqlParams params;
        std::string condition = dialect.idIn("t.id", params.add(dialect.idList(chunk)));
        std::string scope = access.scopeCondition(context, target.name, sdk::Action::Read,
                                                  "t.owner_id", "t.team_id", params);
        SqlRows found = Sql::query(db, session,
                                   "SELECT t.id FROM \"" + target.table + "\" t WHERE " +
                                       condition + " AND t.deleted_at IS NULL" +
                                       (scope.empty() ? "" : " AND (" + scope + ")"),
                                   params.values());
        for (const auto& row : found.rows) {
            visible.insert(asInt(row[0]));
        }
    }
    return visible;
}

}  // namespace tessera::kernel
