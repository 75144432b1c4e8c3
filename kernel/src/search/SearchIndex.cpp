#include <tessera/kernel/search/SearchIndex.hpp>

#include <algorithm>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include <tessera/kernel/storage/StorageError.hpp>

#include "PostgresSearchBackend.hpp"
#include "SearchQuery.hpp"
#include "Snippet.hpp"
#include "SqliteSearchBackend.hpp"

// What a search matches, on both backends unless noted:
// - the words of the text (SearchQuery: at most 8, anything not a letter or digit separates
//   them), all of them, case and diacritics ignored (PostgreSQL also folds ł, ø, ß; SQLite
//   does not), the last one as a prefix when it has two letters or more;
// - when no visible record holds all words: on PostgreSQL, titles containing every word of
//   three letters or more as a substring ("ompan" finds "Company"); then records holding any
//   of the words, those with more of them first;
// - ranking: title words count ten times body words, with BM25-style saturation and length
//   normalisation: a word that occurs more often in a record counts more.
// Large result sets are ranked among the first matches only (see kCandidates); the list
// search (matchCondition) is exact.

namespace tessera::kernel {

namespace {

using detail::SearchBackend;
using detail::SearchCandidate;
using Scope = SearchBackend::Scope;

/// Visible matches ranked per phase. Beyond it, ranking is among the newest (SQLite) or the
/// first found (PostgreSQL) matches only: ranking every row of a word found in half the index
/// cannot be fast, and such a search needs more words anyway.
constexpr std::size_t kCandidates = 300;
constexpr std::size_t kTitleCandidates = 200;
constexpr int kMaxLimit = 100;

std::unique_ptr<SearchBackend> backendFor(Database& db) {
    if (db.backend() == Backend::Sqlite) {
        return std::make_unique<detail::SqliteSearchBackend>(db);
    }
    return std::make_unique<detail::PostgresSearchBackend>(db);
}

/// "((si.entity = $1 AND (cond)) OR si.entity = $2 ...)".
std::string visibilitySql(const std::vector<SearchVisibility>& visible, SqlParams& params) {
    std::string sql;
    for (const auto& item : visible) {
        sql += sql.empty() ? "((" : " OR (";
        sql += "si.entity = " + params.add(item.entity);
        if (!item.condition.empty()) {
            sql += " AND (" + item.condition + ")";
        }
        sql += ")";
    }
    return sql + ")";
}

/// The `limit` best of both lists. A record in both keeps its higher rank: on SQLite the
/// title-only rank leaves out the body, on PostgreSQL both are the same.
std::vector<SearchCandidate> merge(std::vector<SearchCandidate> a, std::vector<SearchCandidate> b,
                                   std::size_t limit) {
    for (auto& candidate : b) {
        auto same = std::find_if(a.begin(), a.end(), [&](const SearchCandidate& c) {
            return c.id == candidate.id && c.entity == candidate.entity;
        });
        if (same == a.end()) {
            a.push_back(std::move(candidate));
        } else {
            same->rank = std::max(same->rank, candidate.rank);
        }
    }
    std::stable_sort(a.begin(), a.end(), [](const SearchCandidate& x, const SearchCandidate& y) {
        return x.rank > y.rank;
    });
    if (a.size() > limit) {
        a.resize(limit);
    }
    return a;
}

/// Word matches. Titles first: their index is small, a record whose title holds the words
/// outranks records holding them only in their text, and names are what people look for most.
/// When titles alone give a full page, the text is not searched. Otherwise everything is, and
/// when that stopped at its cap, title matches it did not reach are merged in, so that a
/// record is found by its name even when the name is also a common word in other records.
std::vector<SearchCandidate> findWords(SearchBackend& backend, Poco::Data::Session& session,
                                       const detail::SearchQuery& query, bool any,
                                       const std::string& visibility, const SqlParams& params,
                                       std::size_t limit) {
    auto titles = backend.find(session, query, Scope::Titles, any, visibility, params,
                               kTitleCandidates, limit);
    if (titles.best.size() >= limit) {
        return titles.best;
    }
    auto everything = backend.find(session, query, Scope::Everything, any, visibility, params,
                                   kCandidates, limit);
    if (!everything.capped) {
        return everything.best;
    }
    return merge(std::move(everything.best), std::move(titles.best), limit);
}

}  // namespace

SearchIndex::SearchIndex(Database& db) : db_(db) {}

void SearchIndex::ensureTables() {
    backendFor(db_)->ensureTables();
}

void SearchIndex::put(Poco::Data::Session& session, const std::string& entity, std::int64_t id,
                      const std::string& title, const std::string& body, std::int64_t ownerId,
                      std::int64_t teamId) {
    backendFor(db_)->put(session, entity, id, title, body, ownerId, teamId);
}

void SearchIndex::forgetWords(Poco::Data::Session& session,
                              const std::vector<std::string>& values) {
    backendFor(db_)->forgetWords(session, values);
}

void SearchIndex::remove(Poco::Data::Session& session, const std::string& entity, std::int64_t id) {
    backendFor(db_)->remove(session, entity, id);
}

void SearchIndex::clear(Poco::Data::Session& session, const std::string& entity) {
    backendFor(db_)->clear(session, entity);
}

void SearchIndex::putMany(const std::vector<Entry>& entries) {
    backendFor(db_)->putMany(entries);
}

void SearchIndex::replaceMany(const std::vector<Entry>& entries) {
    if (entries.empty()) {
        return;
    }
    auto backend = backendFor(db_);
    std::map<std::string, nlohmann::json> idsByEntity;
    for (const auto& entry : entries) {
        idsByEntity[entry.entity].push_back(entry.id);
    }
    Poco::Data::Session session = db_.session();
    db_.withTransaction(session, [&](Poco::Data::Session& tx) {
        for (const auto& [entity, ids] : idsByEntity) {
            backend->removeMany(tx, entity, ids.dump());
        }
    });
    try {
        backend->putMany(entries);
    } catch (const StorageError&) {
        // One was written again between the two steps: replace them one at a time.
        db_.withTransaction(session, [&](Poco::Data::Session& tx) {
            for (const auto& e : entries) {
                backend->put(tx, e.entity, e.id, e.title, e.body, e.ownerId, e.teamId);
            }
        });
    }
}

std::vector<sdk::SearchHit> SearchIndex::search(Poco::Data::Session& session,
                                                const std::string& text, int limit,
                                                const std::vector<SearchVisibility>& visible,
                                                SqlParams& params) {
    const auto query = detail::SearchQuery::parse(text);
    if (query.empty() || visible.empty()) {
        return {};
    }
    const auto count = static_cast<std::size_t>(std::clamp(limit, 1, kMaxLimit));
    auto backend = backendFor(db_);
    backend->prepare(session, query);
    const std::string visibility = visibilitySql(visible, params);

    // All words first; then, when nothing matched, substrings of titles (PostgreSQL), then any
    // of the words, best first: records holding more of them rank higher.
    auto found = findWords(*backend, session, query, false, visibility, params, count);
    if (found.empty() && backend->findsSubstrings()) {
        found = backend
                    ->find(session, query, Scope::TitleSubstrings, false, visibility, params,
                           kCandidates, count)
                    .best;
    }
    if (found.empty() && query.words().size() > 1) {
        found = findWords(*backend, session, query, true, visibility, params, count);
    }
    backend->loadTexts(session, found);

    std::vector<sdk::SearchHit> hits;
    hits.reserve(found.size());
    for (auto& candidate : found) {
        sdk::SearchHit hit;
        hit.entity = std::move(candidate.entity);
        hit.id = candidate.id;
        hit.snippet = detail::Snippet::make(candidate.body, query);
        hit.title = std::move(candidate.title);
        hit.rank = candidate.rank;
        hits.push_back(std::move(hit));
    }
    return hits;
}

std::string SearchIndex::matchCondition(const std::string& entity, const std::string& idColumn,
                                        const std::string& text, SqlParams& params) const {
    const auto query = detail::SearchQuery::parse(text);
    if (query.empty()) {
        return "1 = 0";
    }
    return backendFor(db_)->matchCondition(entity, idColumn, query, params);
}

}  // namespace tessera::kernel
