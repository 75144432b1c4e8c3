#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::kernel {

/// Which records of one entity a search may return: `condition` is SQL over the index table,
/// aliased `si`, through its columns si.owner_id and si.team_id (see
/// AccessControl::scopeCondition); "" for all of them.
struct SearchVisibility {
    std::string entity;
    std::string condition;
};

/// The kernel's one full-text index over every searchable field of every entity: SQLite FTS5,
/// or PostgreSQL tsvector with pg_trgm for substrings and name prefixes. Kept current by the
/// record API inside its transactions. Thread-safe (state lives in the database).
class SearchIndex {
public:
    explicit SearchIndex(Database& db);

    /// Creates the index tables if missing.
    void ensureTables();

    /// Adds or replaces a record's entry. `title` names the record; `body` is the text of its
    /// searchable fields.
    void put(Poco::Data::Session& session, const std::string& entity, std::int64_t id,
             const std::string& title, const std::string& body, std::int64_t ownerId,
             std::int64_t teamId);
    void remove(Poco::Data::Session& session, const std::string& entity, std::int64_t id);
    /// Forgets the words of `values` that no entry holds any more, so that an erased value
    /// leaves no trace in the word list typo-tolerant search keeps.
    void forgetWords(Poco::Data::Session& session, const std::vector<std::string>& values);

    /// One entry for putMany().
    struct Entry {
        std::string entity;
        std::int64_t id = 0;
        std::string title;
        std::string body;
        std::int64_t ownerId = 0;
        std::int64_t teamId = 0;
    };
    /// Adds many entries in one transaction of its own, for imports and rebuilds: on
    /// PostgreSQL through COPY, so the entries must not be in the index yet (new records, or
    /// after clear()); on SQLite existing entries are replaced as by put(). Nothing is added
    /// when it throws.
    void putMany(const std::vector<Entry>& entries);
    /// As putMany(), replacing the entries some of them may have already (written by the
    /// record API since the records were imported).
    void replaceMany(const std::vector<Entry>& entries);
    /// Removes every entry of an entity (before a rebuild).
    void clear(Poco::Data::Session& session, const std::string& entity);

    /// Ranked hits for `text` (words, and a prefix for the last word) among the visible
    /// entities, best first; at most `limit`. A snippet shows the matching text.
    std::vector<sdk::SearchHit> search(Poco::Data::Session& session, const std::string& text,
                                       int limit, const std::vector<SearchVisibility>& visible,
                                       SqlParams& params);

    /// An SQL condition "<idColumn> IN (...)" selecting the records of `entity` matching
    /// `text`, for searches within one entity's list; binds into `params`.
    std::string matchCondition(const std::string& entity, const std::string& idColumn,
                               const std::string& text, SqlParams& params) const;

private:
    Database& db_;
};

}  // namespace tessera::kernel
