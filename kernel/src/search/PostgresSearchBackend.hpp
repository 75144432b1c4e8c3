#pragma once

#include <tessera/kernel/storage/Database.hpp>

#include "SearchBackend.hpp"

namespace tessera::kernel::detail {

/// Search on PostgreSQL: one table `tessera_search` (alias `si`) keyed by (entity, record_id)
/// with a stored tsvector (title weight A, body weight B) under a GIN index, a pg_trgm GIN
/// index on lower(title) for substrings, and `tessera_search_title_word` (also alias `si`
/// in visibility conditions: it has entity, owner_id and team_id), one row per title word in
/// a B-tree, for the title phase.
///
/// Words are indexed with the text search configuration `tessera_search`: a copy of `simple`
/// (no stemming and no stop words: CRM text is mostly names, in many languages, where
/// stemming for one language mangles the others and stop-word lists drop real names), with
/// the `unaccent` dictionary in front when the extension is available, so that "Muller"
/// finds "Müller". ASCII punctuation is turned into spaces before parsing, so e-mail
/// addresses, host names and hyphenated names are split into words as on SQLite.
///
/// Cost: GIN gathers every entry of a word (and of every word with a prefix) before the first
/// row comes out, so a word held by a large share of the index costs tens of milliseconds
/// however small the page; the title phase avoids GIN for names. Beyond the cap, candidates
/// are the first found in heap order, not the newest.
class PostgresSearchBackend : public SearchBackend {
public:
    explicit PostgresSearchBackend(Database& db) : db_(db) {}

    void ensureTables() override;
    void put(Poco::Data::Session& session, const std::string& entity, std::int64_t id,
             const std::string& title, const std::string& body, std::int64_t ownerId,
             std::int64_t teamId) override;
    void remove(Poco::Data::Session& session, const std::string& entity, std::int64_t id) override;
    void removeMany(Poco::Data::Session& session, const std::string& entity,
                    const std::string& idsAsJsonArray) override;
    /// Nothing to do: the only word list is per entry and follows it.
    void forgetWords(Poco::Data::Session&, const std::vector<std::string>&) override {}
    void clear(Poco::Data::Session& session, const std::string& entity) override;
    void putMany(const std::vector<SearchIndex::Entry>& entries) override;

    void prepare(Poco::Data::Session& session, const SearchQuery& query) override;
    bool findsSubstrings() const override { return true; }
    Found find(Poco::Data::Session& session, const SearchQuery& query, Scope scope, bool any,
               const std::string& visibility, SqlParams params, std::size_t cap,
               std::size_t limit) override;
    void loadTexts(Poco::Data::Session& session, std::vector<SearchCandidate>& candidates) override;

    std::string matchCondition(const std::string& entity, const std::string& idColumn,
                               const SearchQuery& query, SqlParams& params) const override;

private:
    /// Creates the text search configuration if this schema has none.
    void ensureConfiguration(Poco::Data::Session& session);
    Found findTitles(Poco::Data::Session& session, const SearchQuery& query,
                     const std::string& visibility, SqlParams params, std::size_t cap,
                     std::size_t limit);

    /// The query for the stored tsvector from words_: three-letter prefixes as their "~abc"
    /// lexemes, other prefixes as abcd:*.
    std::string lexemeQuery(bool any) const;

    /// A query word as the index holds it (lower case, unaccented), escaped for LIKE, and how
    /// many titles hold it (up to kDriverCount; the rarest drives the title scan). Empty when
    /// the parser split a word, so words cannot be matched one by one.
    struct IndexWord {
        std::string lexeme;
        std::string escaped;
        bool prefix = false;
        std::int64_t titles = 0;
    };
    static constexpr std::size_t kDriverCount = 2000;

    Database& db_;
    std::vector<IndexWord> words_;
};

}  // namespace tessera::kernel::detail
