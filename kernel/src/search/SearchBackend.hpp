#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>

#include "SearchCandidate.hpp"
#include "SearchQuery.hpp"

namespace tessera::kernel::detail {

/// The storage side of SearchIndex for one database engine. SearchIndex parses the text,
/// builds the visibility condition and decides which phases run; a backend owns the tables and
/// the SQL. Stateless apart from the Database reference; thread-safe.
class SearchBackend {
public:
    /// Where a phase looks.
    enum class Scope {
        Everything,      ///< title and body words
        Titles,          ///< title words only (a smaller index)
        TitleSubstrings  ///< substrings of titles (PostgreSQL only)
    };

    /// The best candidates of one phase, and whether the phase stopped at its cap (so that
    /// matches beyond it were never looked at).
    struct Found {
        std::vector<SearchCandidate> best;
        bool capped = false;
    };

    /// Longest title and body stored; text beyond is not searchable.
    static constexpr std::size_t kMaxTitleBytes = 2000;
    static constexpr std::size_t kMaxBodyBytes = 200000;

    virtual ~SearchBackend() = default;

    virtual void ensureTables() = 0;
    virtual void put(Poco::Data::Session& session, const std::string& entity, std::int64_t id,
                     const std::string& title, const std::string& body, std::int64_t ownerId,
                     std::int64_t teamId) = 0;
    virtual void remove(Poco::Data::Session& session, const std::string& entity,
                        std::int64_t id) = 0;
    /// Removes the entries of `ids` of `entity` in one statement.
    virtual void removeMany(Poco::Data::Session& session, const std::string& entity,
                            const std::string& idsAsJsonArray) = 0;
    virtual void clear(Poco::Data::Session& session, const std::string& entity) = 0;
    /// Forgets the words of `values` that no entry holds any more (after an erasure).
    virtual void forgetWords(Poco::Data::Session& session,
                             const std::vector<std::string>& values) = 0;
    virtual void putMany(const std::vector<SearchIndex::Entry>& entries) = 0;

    /// Readies find() for `query` on `session` (SQLite: registers its rank function and
    /// expands prefixes into the words they stand for).
    virtual void prepare(Poco::Data::Session& session, const SearchQuery& query) = 0;
    /// Whether find() supports Scope::TitleSubstrings.
    virtual bool findsSubstrings() const = 0;
    /// Among the first `cap` visible matches (newest first where the backend can tell), the
    /// `limit` best ranked, for the query given to prepare(). `visibility` is SQL over alias
    /// `si` whose values are in `params`; `any` matches records having any word instead of all.
    virtual Found find(Poco::Data::Session& session, const SearchQuery& query, Scope scope,
                       bool any, const std::string& visibility, SqlParams params, std::size_t cap,
                       std::size_t limit) = 0;
    /// Fills in title and body of `candidates`; drops those whose entry has gone meanwhile.
    virtual void loadTexts(Poco::Data::Session& session,
                           std::vector<SearchCandidate>& candidates) = 0;

    /// See SearchIndex::matchCondition; `query` is not empty.
    virtual std::string matchCondition(const std::string& entity, const std::string& idColumn,
                                       const SearchQuery& query, SqlParams& params) const = 0;
};

}  // namespace tessera::kernel::detail
