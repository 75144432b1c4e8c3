#include "SqliteSearchBackend.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "SearchText.hpp"
#include "Snippet.hpp"
#include "SqliteFtsConnection.hpp"

namespace tessera::kernel::detail {

namespace {

const std::string kFtsOptions =
    std::string("tokenize = '") + SqliteFtsConnection::kTokenizer + "', prefix = '2 3'";

// A title word counts as much as ten body words.
constexpr const char* kRankEverything = "tessera_rank(tessera_search, 10.0, 1.0)";
constexpr const char* kRankTitles = "tessera_rank(tessera_search_title, 10.0)";

/// Longest prefix (in characters) that the FTS5 prefix indexes answer.
constexpr std::size_t kIndexedPrefix = 3;
constexpr std::size_t kTermsPerStatement = 500;

/// An FTS5 string: "text", with any quote doubled.
std::string ftsString(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::vector<std::string> termsOf(const SqliteFtsConnection& connection, const std::string& title,
                                 const std::string& body) {
    std::vector<std::string> terms;
    connection.terms(title, terms);
    connection.terms(body, terms);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

/// A prepared statement on a raw connection, for loading many entries.
class RawStatement {
public:
    RawStatement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
            fail();
        }
    }
    ~RawStatement() { sqlite3_finalize(statement_); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    RawStatement& bind(int index, std::int64_t value) {
        sqlite3_bind_int64(statement_, index, value);
        return *this;
    }
    RawStatement& bind(int index, const std::string& value) {
        sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
        return *this;
    }
    /// Runs the statement; returns the first column of its row, if it returns one.
    std::int64_t run() {
        int rc = sqlite3_step(statement_);
        std::int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(statement_, 0) : 0;
        while (rc == SQLITE_ROW) {
            rc = sqlite3_step(statement_);
        }
        if (rc != SQLITE_DONE) {
            fail();
        }
        sqlite3_reset(statement_);
        return value;
    }

private:
    [[noreturn]] void fail() {
        throw StorageError(std::string("search: the database refused a statement: ") +
                           sqlite3_errmsg(db_));
    }

    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

constexpr const char* kUpsertEntry =
    "INSERT INTO tessera_search_doc (entity, record_id, owner_id, team_id)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (entity, record_id) DO UPDATE SET"
    " owner_id = excluded.owner_id, team_id = excluded.team_id RETURNING id";
constexpr const char* kPutText =
    "INSERT OR REPLACE INTO tessera_search (rowid, title, body) VALUES ($1, $2, $3)";
constexpr const char* kPutTitle =
    "INSERT OR REPLACE INTO tessera_search_title (rowid, title) VALUES ($1, $2)";

}  // namespace

void SqliteSearchBackend::ensureTables() {
    db_.withTransaction([&](Poco::Data::Session& session) {
        Sql::execute(db_, session,
                     "CREATE TABLE IF NOT EXISTS tessera_search_doc ("
                     " id INTEGER PRIMARY KEY,"
                     " entity TEXT NOT NULL,"
                     " record_id INTEGER NOT NULL,"
                     " owner_id INTEGER NOT NULL,"
                     " team_id INTEGER NOT NULL,"
                     " UNIQUE (entity, record_id))");
        Sql::execute(db_, session,
                     "CREATE VIRTUAL TABLE IF NOT EXISTS tessera_search USING fts5(title, body, " +
                         kFtsOptions + ")");
        Sql::execute(db_, session,
                     "CREATE VIRTUAL TABLE IF NOT EXISTS tessera_search_title USING fts5(title, " +
                         kFtsOptions + ")");
        Sql::execute(db_, session,
                     "CREATE TABLE IF NOT EXISTS tessera_search_term (term TEXT PRIMARY KEY)"
                     " WITHOUT ROWID");
        // Removing an entry removes its text, whichever statement removed it.
        Sql::execute(db_, session,
                     "CREATE TRIGGER IF NOT EXISTS tessera_search_doc_delete"
                     " AFTER DELETE ON tessera_search_doc BEGIN"
                     " DELETE FROM tessera_search WHERE rowid = old.id;"
                     " DELETE FROM tessera_search_title WHERE rowid = old.id;"
                     " END");
    });
}

void SqliteSearchBackend::put(Poco::Data::Session& session, const std::string& entity,
                              std::int64_t id, const std::string& title, const std::string& body,
                              std::int64_t ownerId, std::int64_t teamId) {
    const auto& connection = SqliteFtsConnection::of(session);
    SqlValue entry = Sql::scalar(db_, session, kUpsertEntry, {entity, id, ownerId, teamId});
    std::string cleanTitle = SearchText::clean(title, kMaxTitleBytes);
    std::string cleanBody = SearchText::clean(body, kMaxBodyBytes);
    Sql::execute(db_, session, kPutText, {entry, cleanTitle, cleanBody});
    Sql::execute(db_, session, kPutTitle, {entry, cleanTitle});

    auto terms = termsOf(connection, cleanTitle, cleanBody);
    for (std::size_t first = 0; first < terms.size(); first += kTermsPerStatement) {
        SqlParams params;
        std::string values;
        for (std::size_t i = first; i < std::min(terms.size(), first + kTermsPerStatement); ++i) {
            values += (values.empty() ? "(" : ", (") + params.add(terms[i]) + ")";
        }
        Sql::execute(db_, session,
                     "INSERT OR IGNORE INTO tessera_search_term (term) VALUES " + values,
                     params.values());
    }
}

void SqliteSearchBackend::forgetWords(Poco::Data::Session& session,
                                      const std::vector<std::string>& values) {
    for (const auto& value : values) {
        std::string word;
        auto flush = [&] {
            if (!word.empty()) {
                Sql::execute(db_, session,
                             "DELETE FROM tessera_search_term WHERE term = $1 AND NOT EXISTS "
                             "(SELECT 1 FROM tessera_search WHERE tessera_search MATCH $2)",
                             {word, "\"" + word + "\""});
                word.clear();
            }
        };
        for (unsigned char c : value) {
            if (std::isalnum(c) || c >= 0x80) {
                word += static_cast<char>(std::tolower(c));
            } else {
                flush();
            }
        }
        flush();
    }
}

void SqliteSearchBackend::remove(Poco::Data::Session& session, const std::string& entity,
                                 std::int64_t id) {
    Sql::execute(db_, session,
                 "DELETE FROM tessera_search_doc WHERE entity = $1 AND record_id = $2",
                 {entity, id});
}

void SqliteSearchBackend::removeMany(Poco::Data::Session& session, const std::string& entity,
                                     const std::string& idsAsJsonArray) {
    Sql::execute(db_, session,
                 "DELETE FROM tessera_search_doc WHERE entity = $1 AND record_id IN (SELECT value "
                 "FROM json_each($2))",
                 {entity, idsAsJsonArray});
}

void SqliteSearchBackend::clear(Poco::Data::Session& session, const std::string& entity) {
    Sql::execute(db_, session, "DELETE FROM tessera_search_doc WHERE entity = $1", {entity});
}

void SqliteSearchBackend::putMany(const std::vector<SearchIndex::Entry>& entries) {
    if (entries.empty()) {
        return;
    }
    db_.withTransaction([&](Poco::Data::Session& session) {
        const auto& connection = SqliteFtsConnection::of(session);
        // One prepared statement each for the whole batch: preparing per entry would cost
        // more than the FTS5 insert itself.
        sqlite3* db = connection.handle();
        RawStatement upsert(db, db_.sql(kUpsertEntry).c_str());
        RawStatement text(db, db_.sql(kPutText).c_str());
        RawStatement title(db, db_.sql(kPutTitle).c_str());
        RawStatement term(db, "INSERT OR IGNORE INTO tessera_search_term (term) VALUES (?1)");
        std::unordered_set<std::string> seen;
        for (const auto& e : entries) {
            std::string cleanTitle = SearchText::clean(e.title, kMaxTitleBytes);
            std::string cleanBody = SearchText::clean(e.body, kMaxBodyBytes);
            std::int64_t entry =
                upsert.bind(1, e.entity).bind(2, e.id).bind(3, e.ownerId).bind(4, e.teamId).run();
            text.bind(1, entry).bind(2, cleanTitle).bind(3, cleanBody).run();
            title.bind(1, entry).bind(2, cleanTitle).run();
            for (auto& t : termsOf(connection, cleanTitle, cleanBody)) {
                if (seen.insert(t).second) {
                    term.bind(1, t).run();
                }
            }
        }
    });
}

std::vector<std::string> SqliteSearchBackend::phrases(Poco::Data::Session& session,
                                                      const SearchQuery& query) {
    const auto& connection = SqliteFtsConnection::of(session);
    std::vector<std::string> result;
    for (const auto& word : query.words()) {
        std::string phrase = ftsString(word.text) + (word.prefix ? "*" : "");
        std::vector<std::string> terms;
        if (word.prefix) {
            connection.terms(word.text, terms);
        }
        if (terms.size() == 1 && SearchText::length(terms[0]) > kIndexedPrefix) {
            // "\xF4\x90" sorts after every UTF-8 continuation of the prefix.
            SqlRows rows = Sql::query(db_, session,
                                      "SELECT term FROM tessera_search_term WHERE term >= $1"
                                      " AND term < $2 ORDER BY term LIMIT " +
                                          std::to_string(kMaxExpansion + 1),
                                      {terms[0], terms[0] + "\xF4\x90"});
            if (!rows.empty() && rows.size() <= kMaxExpansion) {
                phrase.clear();
                for (const auto& row : rows.rows) {
                    phrase += (phrase.empty() ? "(" : " OR ") + ftsString(asString(row[0]));
                }
                phrase += ")";
            }
        }
        result.push_back(std::move(phrase));
    }
    return result;
}

void SqliteSearchBackend::prepare(Poco::Data::Session& session, const SearchQuery& query) {
    phrases_ = phrases(session, query);
}

SearchBackend::Found SqliteSearchBackend::find(Poco::Data::Session& session, const SearchQuery&,
                                               Scope scope, bool any, const std::string& visibility,
                                               SqlParams params, std::size_t cap,
                                               std::size_t limit) {
    if (scope == Scope::TitleSubstrings || phrases_.empty()) {
        return {};
    }
    std::string expression;
    for (const auto& phrase : phrases_) {
        expression += (expression.empty() ? "" : (any ? " OR " : " AND ")) + phrase;
    }
    const bool titles = scope == Scope::Titles;
    const std::string table = titles ? "tessera_search_title" : "tessera_search";

    // The oldest of the newest kScanLimit matches bounds the scan, so that a caller who may
    // see few of them does not make the join walk every match of a common word.
    SqlRows bound = Sql::query(db_, session,
                               "SELECT min(rowid), count(*) FROM (SELECT rowid FROM " + table +
                                   " WHERE " + table + " MATCH $1 ORDER BY rowid DESC LIMIT " +
                                   std::to_string(kScanLimit) + ")",
                               {expression});
    const auto matches = static_cast<std::size_t>(asInt(bound.rows.at(0).at(1)));
    if (matches == 0) {
        return {};
    }
    std::string match = params.add(expression);
    std::string oldest = params.add(asInt(bound.rows[0][0]));
    // CROSS JOIN keeps the FTS table outside, so it is read newest first and stops at the cap.
    std::string sql =
        "SELECT c.id, c.entity, c.record_id, c.r, count(*) OVER () FROM ("
        " SELECT si.id AS id, si.entity AS entity, si.record_id AS record_id, " +
        std::string(titles ? kRankTitles : kRankEverything) + " AS r FROM " + table +
        " CROSS JOIN tessera_search_doc si ON si.id = " + table + ".rowid WHERE " + table +
        " MATCH " + match + " AND " + table + ".rowid >= " + oldest + " AND " + visibility +
        " ORDER BY " + table + ".rowid DESC LIMIT " + std::to_string(cap) +
        ") c ORDER BY c.r DESC, c.id DESC LIMIT " + std::to_string(limit);
    SqlRows rows = Sql::query(db_, session, sql, params.values());
    Found found;
    for (const auto& row : rows.rows) {
        SearchCandidate candidate;
        candidate.entry = asInt(row[0]);
        candidate.entity = asString(row[1]);
        candidate.id = asInt(row[2]);
        candidate.rank = asDouble(row[3]);
        found.capped = static_cast<std::size_t>(asInt(row[4])) >= cap;
        found.best.push_back(std::move(candidate));
    }
    found.capped = found.capped || matches >= kScanLimit;
    return found;
}

void SqliteSearchBackend::loadTexts(Poco::Data::Session& session,
                                    std::vector<SearchCandidate>& candidates) {
    if (candidates.empty()) {
        return;
    }
    SqlParams params;
    std::string list;
    for (const auto& candidate : candidates) {
        list += (list.empty() ? "" : ", ") + params.add(candidate.entry);
    }
    SqlRows rows =
        Sql::query(db_, session,
                   "SELECT rowid, title, substr(body, 1, " + std::to_string(Snippet::kScanBytes) +
                       ") FROM tessera_search WHERE rowid IN (" + list + ")",
                   params.values());
    std::vector<SearchCandidate> kept;
    for (auto& candidate : candidates) {
        for (const auto& row : rows.rows) {
            if (asInt(row[0]) == candidate.entry) {
                candidate.title = asString(row[1]);
                candidate.body = asString(row[2]);
                kept.push_back(std::move(candidate));
                break;
            }
        }
    }
    candidates = std::move(kept);
}

std::string SqliteSearchBackend::matchCondition(const std::string& entity,
                                                const std::string& idColumn,
                                                const SearchQuery& query, SqlParams& params) const {
    std::string match = params.add(query.fts5(false));
    std::string entityParam = params.add(entity);
    return idColumn +
           " IN (SELECT si.record_id FROM tessera_search CROSS JOIN tessera_search_doc si"
           " ON si.id = tessera_search.rowid WHERE tessera_search MATCH " +
           match + " AND si.entity = " + entityParam + ")";
}

}  // namespace tessera::kernel::detail
