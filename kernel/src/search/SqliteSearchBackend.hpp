#pragma once

#include <tessera/kernel/storage/Database.hpp>

#include "SearchBackend.hpp"

namespace tessera::kernel::detail {

/// Search on SQLite: two FTS5 tables and two plain ones.
///
/// - `tessera_search_doc(id, entity, record_id, owner_id, team_id)`: one row per entry, alias
///   `si` in visibility conditions. Narrow, so the joins that apply visibility stay in cache;
///   its unique (entity, record_id) index finds an entry to replace or remove.
/// - `tessera_search(title, body)`: FTS5 over both fields, rowid = tessera_search_doc.id.
/// - `tessera_search_title(title)`: FTS5 over titles only, so that a name is found among the
///   few titles holding a word even when the word is common in bodies.
/// - `tessera_search_term(term)`: every term ever indexed. FTS5 answers a prefix longer than
///   its prefix indexes by merging the whole posting lists of all terms with that prefix
///   before returning the first row (20-40 ms for a common word at a million entries);
///   expanding the prefix here into its terms ORed together lets FTS5 read lazily and stop
///   at the cap. Terms of removed entries stay: they cost a lookup, not a wrong hit.
///
/// Both FTS5 tables use `unicode61 remove_diacritics 2` ("Muller" finds "Müller"; letters
/// with a stroke such as ł or ø are not folded) and prefix indexes for 2 and 3 characters.
class SqliteSearchBackend : public SearchBackend {
public:
    explicit SqliteSearchBackend(Database& db) : db_(db) {}

    void ensureTables() override;
    void put(Poco::Data::Session& session, const std::string& entity, std::int64_t id,
             const std::string& title, const std::string& body, std::int64_t ownerId,
             std::int64_t teamId) override;
    void remove(Poco::Data::Session& session, const std::string& entity, std::int64_t id) override;
    void removeMany(Poco::Data::Session& session, const std::string& entity,
                    const std::string& idsAsJsonArray) override;
    void forgetWords(Poco::Data::Session& session, const std::vector<std::string>& values) override;
    void clear(Poco::Data::Session& session, const std::string& entity) override;
    void putMany(const std::vector<SearchIndex::Entry>& entries) override;

    void prepare(Poco::Data::Session& session, const SearchQuery& query) override;
    bool findsSubstrings() const override { return false; }
    Found find(Poco::Data::Session& session, const SearchQuery& query, Scope scope, bool any,
               const std::string& visibility, SqlParams params, std::size_t cap,
               std::size_t limit) override;
    void loadTexts(Poco::Data::Session& session, std::vector<SearchCandidate>& candidates) override;

    std::string matchCondition(const std::string& entity, const std::string& idColumn,
                               const SearchQuery& query, SqlParams& params) const override;

    /// Prefixes with more terms than this are left to FTS5.
    static constexpr std::size_t kMaxExpansion = 256;
    /// Matches a search looks at, newest first, whatever the caller may see of them.
    static constexpr std::size_t kScanLimit = 5000;

private:
    /// The FTS5 phrase for each word of `query`, prefixes expanded where worthwhile.
    std::vector<std::string> phrases(Poco::Data::Session& session, const SearchQuery& query);

    Database& db_;
    std::vector<std::string> phrases_;
};

}  // namespace tessera::kernel::detail
