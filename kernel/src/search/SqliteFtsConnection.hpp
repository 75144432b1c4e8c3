#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <Poco/Data/Session.h>
#include <sqlite3.h>

namespace tessera::kernel::detail {

/// What the search index adds to one SQLite connection:
///
/// - the FTS5 auxiliary function `tessera_rank(table, weight...)`: BM25 without its inverse
///   document frequency, higher is better. Each query phrase found in a column adds
///   weight * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average length)).
///   Not bm25() because bm25() computes each phrase's IDF by walking every row that holds
///   it, on every query: tens of milliseconds for a common word at a million entries, even
///   when only a few hundred candidates are ranked. Every hit of an AND query holds all its
///   words, so IDF matters little here; this function costs the same per row whatever the
///   number of matches.
/// - the tables' tokenizer (unicode61 remove_diacritics 2), to list the terms of a text
///   exactly as FTS5 indexes them.
///
/// Created on first use of a connection, destroyed when SQLite closes it. A connection is used
/// by one thread at a time, and so is its SqliteFtsConnection.
class SqliteFtsConnection {
public:
    static constexpr const char* kRankFunction = "tessera_rank";
    /// The tokenizer arguments of the index tables.
    static constexpr const char* kTokenizer = "unicode61 remove_diacritics 2";

    /// The extras of the connection behind `session`, set up on first use. Throws
    /// StorageError when the SQLite library has no FTS5.
    static SqliteFtsConnection& of(Poco::Data::Session& session);

    ~SqliteFtsConnection();
    SqliteFtsConnection(const SqliteFtsConnection&) = delete;
    SqliteFtsConnection& operator=(const SqliteFtsConnection&) = delete;

    /// Appends the index terms of `text` (lower case, without diacritics) to `terms`.
    void terms(std::string_view text, std::vector<std::string>& terms) const;

    sqlite3* handle() const { return db_; }

private:
    SqliteFtsConnection(sqlite3* db, Fts5Tokenizer* tokenizer, fts5_tokenizer api);

    sqlite3* db_;
    Fts5Tokenizer* tokenizer_;
    fts5_tokenizer api_;
};

}  // namespace tessera::kernel::detail
