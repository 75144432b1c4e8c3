#include <tessera/kernel/records/SearchBacklog.hpp>

#include <nlohmann/json.hpp>

#include <tessera/kernel/records/RecordReader.hpp>
#include <tessera/kernel/records/SearchEntries.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlDialect.hpp>

namespace tessera::kernel {

namespace {

constexpr std::size_t kIdsPerRow = 5000;
constexpr std::size_t kChunk = 1000;

}  // namespace

SearchBacklog::SearchBacklog(Database& db, SearchIndex& search) : db_(db), search_(search) {}

void SearchBacklog::ensureTables() {
    SqlDialect dialect(db_.backend());
    Poco::Data::Session s = db_.session();
    Sql::execute(db_, s,
                 "CREATE TABLE IF NOT EXISTS tessera_search_backlog (" + dialect.idColumn() +
                     ", entity TEXT NOT NULL, ids TEXT NOT NULL, records BIGINT NOT NULL)");
}

void SearchBacklog::setOnAdded(std::function<void()> onAdded) {
    std::lock_guard lock(mutex_);
    onAdded_ = std::move(onAdded);
}

bool SearchBacklog::deferring() const {
    std::lock_guard lock(mutex_);
    return static_cast<bool>(onAdded_);
}

void SearchBacklog::add(Poco::Data::Session& session, const std::string& entity,
                        const std::vector<std::int64_t>& ids) {
    for (std::size_t start = 0; start < ids.size(); start += kIdsPerRow) {
        std::size_t end = std::min(ids.size(), start + kIdsPerRow);
        nlohmann::json list(std::vector<std::int64_t>(ids.begin() + static_cast<long>(start),
                                                      ids.begin() + static_cast<long>(end)));
        Sql::execute(
            db_, session,
            "INSERT INTO tessera_search_backlog (entity, ids, records) VALUES ($1, $2, $3)",
            {entity, list.dump(), static_cast<std::int64_t>(end - start)});
    }
}

void SearchBacklog::notifyAdded() {
    std::function<void()> onAdded;
    {
        std::lock_guard lock(mutex_);
        onAdded = onAdded_;
    }
    if (onAdded) {
        onAdded();
    }
}

std::int64_t SearchBacklog::pending() {
    Poco::Data::Session s = db_.session();
    return asInt(
        Sql::scalar(db_, s, "SELECT COALESCE(SUM(records), 0) FROM tessera_search_backlog"));
}

std::int64_t SearchBacklog::drain(const Schema& schema,
                                  const std::function<void(std::int64_t, std::int64_t)>& progress) {
    std::int64_t done = 0;
    std::int64_t total = pending();
    Poco::Data::Session s = db_.session();
    while (true) {
        SqlRows next = Sql::query(
            db_, s, "SELECT id, entity, ids FROM tessera_search_backlog ORDER BY id LIMIT 1");
        if (next.empty()) {
            return done;
        }
        std::int64_t rowId = asInt(next.rows[0][0]);
        const EntityDef* entity = schema.entity(asString(next.rows[0][1]));
        auto ids = nlohmann::json::parse(asString(next.rows[0][2]), nullptr, false);
        if (entity && ids.is_array()) {
            std::vector<std::int64_t> all = ids.get<std::vector<std::int64_t>>();
            for (std::size_t start = 0; start < all.size(); start += kChunk) {
                std::vector<std::int64_t> chunk(
                    all.begin() + static_cast<long>(start),
                    all.begin() + static_cast<long>(std::min(all.size(), start + kChunk)));
                indexChunk(*entity, chunk);
                done += static_cast<std::int64_t>(chunk.size());
                progress(done, std::max(total, done));
            }
        }
        // An entity that is gone (its plugin disabled) has nothing left to index.
        Sql::execute(db_, s, "DELETE FROM tessera_search_backlog WHERE id = $1", {rowId});
    }
}

void SearchBacklog::indexChunk(const EntityDef& entity, const std::vector<std::int64_t>& ids) {
    SqlDialect dialect(db_.backend());
    RecordReader reader(entity, dialect, {});
    SqlParams params;
    std::string list;
    for (std::int64_t id : ids) {
        list += (list.empty() ? "" : ", ") + params.add(id);
    }
    Poco::Data::Session s = db_.session();
    SqlRows rows = Sql::query(db_, s,
                              "SELECT " + reader.selectList() + " FROM \"" + entity.table +
                                  "\" t WHERE t.id IN (" + list + ") AND t.deleted_at IS NULL",
                              params.values());
    std::vector<SearchIndex::Entry> entries;
    entries.reserve(rows.size());
    for (const auto& row : rows.rows) {
        if (auto entry = searchEntryOf(entity, reader.decode(row))) {
            entries.push_back(std::move(*entry));
        }
    }
    if (entries.empty()) {
        return;
    }
    search_.replaceMany(entries);
}

}  // namespace tessera::kernel
