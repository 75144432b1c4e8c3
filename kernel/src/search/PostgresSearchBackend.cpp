#include "PostgresSearchBackend.hpp"

#include <algorithm>
#include <string_view>

#include <spdlog/spdlog.h>

#include <tessera/kernel/storage/BulkInserter.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "SearchText.hpp"
#include "Snippet.hpp"

namespace tessera::kernel::detail {

namespace {

/// Serialises ensureTables() between processes sharing the database.
constexpr std::int64_t kEnsureLockKey = 0x5345415243480001;

constexpr std::string_view kPunctuation = R"(!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~)";

// Title words weigh 1.0 and body words 0.1 (weights are {D, C, B, A}); normalisation 1
// divides by 1 + log(length), so long texts do not win by length alone.
constexpr const char* kRankWeights = "'{0.1, 0.1, 0.1, 1.0}'";

std::string literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

std::string identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

/// The tsvector of `column`'s words: the stored tsvector and the title word table use it.
std::string wordsOf(const std::string& column) {
    return "to_tsvector('tessera_search', translate(" + column + ", " + literal(kPunctuation) +
           ", " + literal(std::string(kPunctuation.size(), ' ')) + "))";
}

std::string tsquery(const std::string& placeholder) {
    return "to_tsquery('tessera_search', " + placeholder + ")";
}

/// The schema an installed extension lives in, or "" when it is not installed.
std::string extensionSchema(Database& db, Poco::Data::Session& session, const std::string& name) {
    return asString(Sql::scalar(db, session,
                                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                                " ON n.oid = e.extnamespace WHERE e.extname = $1",
                                {name}));
}

/// Candidates from rows (entity, record_id, rank, visible matches up to the cap).
SearchBackend::Found collect(const SqlRows& rows, std::size_t cap) {
    SearchBackend::Found found;
    for (const auto& row : rows.rows) {
        SearchCandidate candidate;
        candidate.entity = asString(row[0]);
        candidate.id = asInt(row[1]);
        candidate.rank = asDouble(row[2]);
        found.capped = static_cast<std::size_t>(asInt(row[3])) >= cap;
        found.best.push_back(std::move(candidate));
    }
    return found;
}

}  // namespace

void PostgresSearchBackend::ensureTables() {
    Poco::Data::Session session = db_.session();
    DatabaseLock lock = db_.advisoryLock(session, kEnsureLockKey);
    try {
        Sql::execute(db_, session, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
    } catch (const StorageError& e) {
        throw StorageError(
            std::string(
                "search needs the PostgreSQL extension pg_trgm (package postgresql-contrib):"
                " run CREATE EXTENSION pg_trgm as a superuser in this database, or let the"
                " tessera user create it. ") +
            e.what());
    }
    const std::string trgmSchema = extensionSchema(db_, session, "pg_trgm");
    ensureConfiguration(session);
    // Every word's first three letters as an extra lexeme ("~mel"), the counterpart of FTS5's
    // prefix index: a three-letter prefix is then one GIN entry that the other words of the
    // query can skip through, where 'mel':* would first gather every entry of every word
    // starting with "mel".
    Sql::execute(db_, session,
                 "CREATE OR REPLACE FUNCTION tessera_search_prefixes(v tsvector) RETURNS tsvector"
                 " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$"
                 " SELECT coalesce(array_to_tsvector(array_agg(DISTINCT '~' || left(u.lexeme, 3))),"
                 " ''::tsvector) FROM unnest(v) AS u WHERE char_length(u.lexeme) >= 3 $f$");
    Sql::execute(db_, session,
                 "CREATE TABLE IF NOT EXISTS tessera_search ("
                 " entity text NOT NULL,"
                 " record_id bigint NOT NULL,"
                 " owner_id bigint NOT NULL,"
                 " team_id bigint NOT NULL,"
                 " title text NOT NULL,"
                 " body text NOT NULL,"
                 " tsv tsvector GENERATED ALWAYS AS (setweight(" +
                     wordsOf("title") + ", 'A') || setweight(" + wordsOf("body") +
                     ", 'B') || tessera_search_prefixes(" + wordsOf("title") + " || " +
                     wordsOf("body") +
                     ")) STORED,"
                     " PRIMARY KEY (entity, record_id))");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS tessera_search_tsv ON tessera_search USING gin (tsv)");
    // Title words in a B-tree, kept by a trigger (so COPY in putMany() fills it too): a name
    // prefix is then a range scan that stops at the cap, where a GIN index would first gather
    // every entry of every word with that prefix (tens of milliseconds for three letters at a
    // million entries). Owner and team ride along so visibility is decided on the index, and
    // so do all the title's words (" anna chevalier "), so the other words of a query are
    // checked on the same index entry. Words over 200 bytes are left out and the list is cut
    // at 1000 bytes, to stay within a B-tree entry.
    const bool fillWords =
        isNull(Sql::scalar(db_, session, "SELECT to_regclass('tessera_search_title_word')"));
    Sql::execute(db_, session,
                 "CREATE TABLE IF NOT EXISTS tessera_search_title_word ("
                 " word text COLLATE \"C\" NOT NULL,"
                 " entity text NOT NULL,"
                 " record_id bigint NOT NULL,"
                 " owner_id bigint NOT NULL,"
                 " team_id bigint NOT NULL,"
                 " words text COLLATE \"C\" NOT NULL,"
                 " PRIMARY KEY (word, entity, record_id) INCLUDE (owner_id, team_id, words))");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS tessera_search_title_word_record"
                 " ON tessera_search_title_word (entity, record_id)");
    Sql::execute(db_, session,
                 "CREATE OR REPLACE FUNCTION tessera_search_title_word_rows(title text)"
                 " RETURNS TABLE (word text, words text) LANGUAGE sql STABLE AS $f$"
                 " SELECT w.lexeme, ' ' || left(array_to_string(tsvector_to_array(v.t), ' '),"
                 " 1000) || ' ' FROM (SELECT " +
                     wordsOf("title") +
                     " AS t) v, unnest(v.t) AS w WHERE octet_length(w.lexeme) <= 200 $f$");
    Sql::execute(db_, session,
                 "CREATE OR REPLACE FUNCTION tessera_search_title_word_sync() RETURNS trigger"
                 " LANGUAGE plpgsql AS $f$ BEGIN"
                 " IF TG_OP <> 'INSERT' THEN"
                 "  DELETE FROM tessera_search_title_word"
                 "  WHERE entity = OLD.entity AND record_id = OLD.record_id;"
                 " END IF;"
                 " IF TG_OP <> 'DELETE' THEN"
                 "  INSERT INTO tessera_search_title_word"
                 "  (word, entity, record_id, owner_id, team_id, words)"
                 "  SELECT r.word, NEW.entity, NEW.record_id, NEW.owner_id, NEW.team_id, r.words"
                 "  FROM tessera_search_title_word_rows(NEW.title) r;"
                 " END IF;"
                 " RETURN NULL;"
                 " END $f$");
    Sql::execute(db_, session,
                 "CREATE OR REPLACE TRIGGER tessera_search_title_word_sync"
                 " AFTER INSERT OR DELETE OR UPDATE OF title, owner_id, team_id ON tessera_search"
                 " FOR EACH ROW EXECUTE FUNCTION tessera_search_title_word_sync()");
    if (fillWords) {
        // An index made before the word table existed.
        Sql::execute(db_, session,
                     "INSERT INTO tessera_search_title_word"
                     " (word, entity, record_id, owner_id, team_id, words)"
                     " SELECT r.word, s.entity, s.record_id, s.owner_id, s.team_id, r.words"
                     " FROM tessera_search s, tessera_search_title_word_rows(s.title) r");
    }
    // Visibility conditions restrict by owner or team: with these the planner can AND their
    // bitmaps with the word index instead of reading every match from the heap.
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS tessera_search_owner ON tessera_search"
                 " (entity, owner_id)");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS tessera_search_team ON tessera_search"
                 " (entity, team_id)");
    Sql::execute(db_, session,
                 "CREATE INDEX IF NOT EXISTS tessera_search_title_trgm ON tessera_search"
                 " USING gin (lower(title) " +
                     identifier(trgmSchema) + ".gin_trgm_ops)");
}

void PostgresSearchBackend::ensureConfiguration(Poco::Data::Session& session) {
    auto existing = asInt(Sql::scalar(db_, session,
                                      "SELECT count(*) FROM pg_ts_config c JOIN pg_namespace n"
                                      " ON n.oid = c.cfgnamespace"
                                      " WHERE c.cfgname = 'tessera_search'"
                                      " AND n.nspname = current_schema()"));
    if (existing > 0) {
        return;
    }
    try {
        Sql::execute(db_, session, "CREATE EXTENSION IF NOT EXISTS unaccent");
    } catch (const StorageError& e) {
        spdlog::warn(
            "search: the PostgreSQL extension unaccent is missing, so words with and without "
            "diacritics (Müller, Muller) will not find each other; run CREATE EXTENSION unaccent "
            "as a superuser before the first start to fix this ({})",
            e.what());
    }
    const std::string unaccentSchema = extensionSchema(db_, session, "unaccent");
    db_.withTransaction(session, [&](Poco::Data::Session& s) {
        Sql::execute(db_, s,
                     "CREATE TEXT SEARCH CONFIGURATION tessera_search (COPY = pg_catalog.simple)");
        if (!unaccentSchema.empty()) {
            Sql::execute(db_, s,
                         "ALTER TEXT SEARCH CONFIGURATION tessera_search ALTER MAPPING FOR"
                         " asciiword, word, numword, asciihword, hword, numhword,"
                         " hword_asciipart, hword_part, hword_numpart WITH " +
                             identifier(unaccentSchema) + ".unaccent, pg_catalog.simple");
        }
    });
}

void PostgresSearchBackend::put(Poco::Data::Session& session, const std::string& entity,
                                std::int64_t id, const std::string& title, const std::string& body,
                                std::int64_t ownerId, std::int64_t teamId) {
    Sql::execute(db_, session,
                 "INSERT INTO tessera_search (entity, record_id, owner_id, team_id, title, body)"
                 " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (entity, record_id) DO UPDATE SET"
                 " owner_id = EXCLUDED.owner_id, team_id = EXCLUDED.team_id,"
                 " title = EXCLUDED.title, body = EXCLUDED.body",
                 {entity, id, ownerId, teamId, SearchText::clean(title, kMaxTitleBytes),
                  SearchText::clean(body, kMaxBodyBytes)});
}

void PostgresSearchBackend::remove(Poco::Data::Session& session, const std::string& entity,
                                   std::int64_t id) {
    Sql::execute(db_, session, "DELETE FROM tessera_search WHERE entity = $1 AND record_id = $2",
                 {entity, id});
}

void PostgresSearchBackend::removeMany(Poco::Data::Session& session, const std::string& entity,
                                       const std::string& idsAsJsonArray) {
    Sql::execute(db_, session,
                 "DELETE FROM tessera_search WHERE entity = $1 AND record_id IN (SELECT "
                 "jsonb_array_elements_text($2::jsonb)::bigint)",
                 {entity, idsAsJsonArray});
}

void PostgresSearchBackend::clear(Poco::Data::Session& session, const std::string& entity) {
    Sql::execute(db_, session, "DELETE FROM tessera_search WHERE entity = $1", {entity});
}

void PostgresSearchBackend::putMany(const std::vector<SearchIndex::Entry>& entries) {
    if (entries.empty()) {
        return;
    }
    BulkInserter inserter(db_, "tessera_search",
                          {"entity", "record_id", "owner_id", "team_id", "title", "body"});
    for (const auto& e : entries) {
        inserter.add({e.entity, std::to_string(e.id), std::to_string(e.ownerId),
                      std::to_string(e.teamId), SearchText::clean(e.title, kMaxTitleBytes),
                      SearchText::clean(e.body, kMaxBodyBytes)});
    }
    inserter.finish();
}

void PostgresSearchBackend::prepare(Poco::Data::Session& session, const SearchQuery& query) {
    words_.clear();
    std::string words;
    for (const auto& word : query.words()) {
        words += (words.empty() ? "{\"" : ",\"") + word.text + "\"";
    }
    // Each word as the index holds it (lower case, unaccented), and how many titles hold it,
    // counted up to kDriverCount: the rarest word drives the title phase.
    SqlRows rows = Sql::query(
        db_, session,
        "SELECT w.i, count(*), min(l.lexeme) FROM unnest($1::text[]) WITH ORDINALITY AS w(word, i),"
        " LATERAL unnest(to_tsvector('tessera_search', w.word)) AS l GROUP BY w.i ORDER BY w.i",
        {words + "}"});
    for (const auto& row : rows.rows) {
        const auto& word = query.words().at(static_cast<std::size_t>(asInt(row[0]) - 1));
        if (asInt(row[1]) != 1) {
            // The parser split the word: the title phase cannot match it on single words.
            words_.clear();
            return;
        }
        IndexWord indexWord;
        indexWord.prefix = word.prefix;
        indexWord.lexeme = asString(row[2]);
        for (char c : indexWord.lexeme) {
            if (c == '%' || c == '_' || c == '\\') {
                indexWord.escaped += '\\';
            }
            indexWord.escaped += c;
        }
        words_.push_back(std::move(indexWord));
    }
    if (words_.size() != query.words().size()) {
        words_.clear();
        return;
    }
    if (words_.size() > 1) {
        SqlParams params;
        std::string counts;
        for (const auto& word : words_) {
            counts += std::string(counts.empty() ? "" : ", ") +
                      "(SELECT count(*) FROM (SELECT 1 FROM tessera_search_title_word WHERE word " +
                      (word.prefix ? "LIKE " : "= ") +
                      params.add(word.prefix ? word.escaped + "%" : word.lexeme) + " LIMIT " +
                      std::to_string(kDriverCount) + ") x)";
        }
        SqlRows found = Sql::query(db_, session, "SELECT " + counts, params.values());
        for (std::size_t i = 0; i < words_.size(); ++i) {
            words_[i].titles = asInt(found.rows.at(0).at(i));
        }
    }
}

std::string PostgresSearchBackend::lexemeQuery(bool any) const {
    std::string out;
    for (const auto& word : words_) {
        out += out.empty() ? "" : (any ? " | " : " & ");
        const bool indexedPrefix = word.prefix && SearchText::length(word.lexeme) == 3;
        out += indexedPrefix ? "'~" : "'";
        for (char c : word.lexeme) {
            if (c == '\'' || c == '\\') {
                out += '\\';
            }
            out += c;
        }
        out += (word.prefix && !indexedPrefix) ? "':*" : "'";
    }
    return out;
}

SearchBackend::Found PostgresSearchBackend::findTitles(Poco::Data::Session& session,
                                                       const SearchQuery& query,
                                                       const std::string& visibility,
                                                       SqlParams params, std::size_t cap,
                                                       std::size_t limit) {
    auto driver = std::min_element(
        words_.begin(), words_.end(),
        [](const IndexWord& a, const IndexWord& b) { return a.titles < b.titles; });
    std::string match = "si.word " + std::string(driver->prefix ? "LIKE " : "= ") +
                        params.add(driver->prefix ? driver->escaped + "%" : driver->lexeme);
    for (auto it = words_.begin(); it != words_.end(); ++it) {
        if (it != driver) {
            match +=
                " AND si.words LIKE " + params.add("% " + it->escaped + (it->prefix ? "%" : " %"));
        }
    }
    std::string q = tsquery(params.add(query.tsquery(false)));
    std::string sql =
        "SELECT c.entity, c.record_id, c.r, count(*) OVER () FROM ("
        " SELECT si.entity, si.record_id, ts_rank(" +
        std::string(kRankWeights) + ", t.tsv, " + q +
        ", 1) AS r FROM tessera_search_title_word si JOIN tessera_search t"
        " ON t.entity = si.entity AND t.record_id = si.record_id WHERE " +
        match + " AND " + visibility + " LIMIT " + std::to_string(cap) +
        ") c ORDER BY c.r DESC, c.record_id DESC LIMIT " + std::to_string(limit);
    return collect(Sql::query(db_, session, sql, params.values()), cap);
}

SearchBackend::Found PostgresSearchBackend::find(Poco::Data::Session& session,
                                                 const SearchQuery& query, Scope scope, bool any,
                                                 const std::string& visibility, SqlParams params,
                                                 std::size_t cap, std::size_t limit) {
    if (scope == Scope::Titles) {
        // Any-word title searches only come after nothing matched; the text search covers them.
        if (any || words_.empty()) {
            return {};
        }
        return findTitles(session, query, visibility, std::move(params), cap, limit);
    }
    std::string match;
    std::string rank;
    if (scope == Scope::TitleSubstrings) {
        auto patterns = query.substringPatterns();
        if (patterns.empty()) {
            return {};
        }
        for (const auto& pattern : patterns) {
            match += (match.empty() ? "" : " AND ") + std::string("lower(si.title) LIKE lower(") +
                     params.add(pattern) + ")";
        }
        // Shorter titles are closer to what was typed.
        rank = "1.0 / (1 + length(si.title))";
    } else {
        std::string q = tsquery(params.add(query.tsquery(any)));
        match = "si.tsv @@ " + (words_.empty() ? q : params.add(lexemeQuery(any)) + "::tsquery");
        rank = std::string("ts_rank(") + kRankWeights + ", si.tsv, " + q + ", 1)";
    }
    std::string sql =
        "SELECT c.entity, c.record_id, c.r, count(*) OVER () FROM ("
        " SELECT si.entity, si.record_id, " +
        rank + " AS r FROM tessera_search si WHERE " + match + " AND " + visibility + " LIMIT " +
        std::to_string(cap) + ") c ORDER BY c.r DESC, c.record_id DESC LIMIT " +
        std::to_string(limit);
    return collect(Sql::query(db_, session, sql, params.values()), cap);
}

void PostgresSearchBackend::loadTexts(Poco::Data::Session& session,
                                      std::vector<SearchCandidate>& candidates) {
    if (candidates.empty()) {
        return;
    }
    SqlParams params;
    std::string list;
    for (const auto& candidate : candidates) {
        list += (list.empty() ? "(" : ", (") + params.add(candidate.entity) + ", " +
                params.add(candidate.id) + ")";
    }
    SqlRows rows = Sql::query(
        db_, session,
        "SELECT entity, record_id, title, left(body, " + std::to_string(Snippet::kScanBytes) +
            ") FROM tessera_search WHERE (entity, record_id) IN (" + list + ")",
        params.values());
    std::vector<bool> loaded(candidates.size(), false);
    for (const auto& row : rows.rows) {
        std::string entity = asString(row[0]);
        std::int64_t id = asInt(row[1]);
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (candidates[i].entity == entity && candidates[i].id == id) {
                candidates[i].title = asString(row[2]);
                candidates[i].body = asString(row[3]);
                loaded[i] = true;
            }
        }
    }
    std::vector<SearchCandidate> kept;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (loaded[i]) {
            kept.push_back(std::move(candidates[i]));
        }
    }
    candidates = std::move(kept);
}

std::string PostgresSearchBackend::matchCondition(const std::string& entity,
                                                  const std::string& idColumn,
                                                  const SearchQuery& query,
                                                  SqlParams& params) const {
    std::string match = "si.tsv @@ " + tsquery(params.add(query.tsquery(false)));
    auto patterns = query.substringPatterns();
    if (!patterns.empty()) {
        std::string substrings;
        for (const auto& pattern : patterns) {
            substrings += (substrings.empty() ? "" : " AND ") +
                          std::string("lower(si.title) LIKE lower(") + params.add(pattern) + ")";
        }
        match = "(" + match + " OR (" + substrings + "))";
    }
    return idColumn + " IN (SELECT si.record_id FROM tessera_search si WHERE si.entity = " +
           params.add(entity) + " AND " + match + ")";
}

}  // namespace tessera::kernel::detail
