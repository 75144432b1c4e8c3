#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel {

/// Search entries a bulk write leaves for later: a large import writes its rows and notes their
/// ids here, and the `kernel.search_backlog` job writes their entries right after, so the
/// import finishes at the speed of its rows and the records become findable seconds later.
/// Without a job system (setOnAdded not called) nothing is deferred. Thread-safe.
class SearchBacklog {
public:
    SearchBacklog(Database& db, SearchIndex& search);

    /// Creates the backlog table if missing.
    void ensureTables();

    /// Called after ids were added (and committed), to queue the job; until it is set,
    /// deferring() is false.
    void setOnAdded(std::function<void()> onAdded);
    bool deferring() const;

    /// Notes `ids` of `entity` in `session`'s transaction, then calls the onAdded function.
    void add(Poco::Data::Session& session, const std::string& entity,
             const std::vector<std::int64_t>& ids);
    void notifyAdded();

    /// Writes the entries of every record waiting (those deleted since are skipped), oldest
    /// first, reporting (done, total) records after each chunk; returns how many were indexed.
    std::int64_t drain(const Schema& schema,
                       const std::function<void(std::int64_t, std::int64_t)>& progress);
    /// Records waiting.
    std::int64_t pending();

private:
    void indexChunk(const EntityDef& entity, const std::vector<std::int64_t>& ids);

    Database& db_;
    SearchIndex& search_;
    mutable std::mutex mutex_;
    std::function<void()> onAdded_;
};

}  // namespace tessera::kernel
