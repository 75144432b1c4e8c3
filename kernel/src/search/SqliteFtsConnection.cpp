#include "SqliteFtsConnection.hpp"

#include <memory>
#include <mutex>
#include <unordered_map>

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Exception.h>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel::detail {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

/// The extras of each open connection. An entry goes when SQLite destroys the rank function
/// with its connection, so a new connection at a reused address starts afresh.
struct Registry {
    std::mutex mutex;
    std::unordered_map<sqlite3*, std::unique_ptr<SqliteFtsConnection>> connections;
};

Registry& registry() {
    // Never destroyed: pooled connections may close during static destruction and call
    // forgetConnection() then.
    static Registry* instance = new Registry();
    return *instance;
}

void forgetConnection(void* connection) {
    std::unique_ptr<SqliteFtsConnection> gone;
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    auto it = r.connections.find(static_cast<sqlite3*>(connection));
    if (it != r.connections.end()) {
        gone = std::move(it->second);
        r.connections.erase(it);
    }
}

/// Average column lengths of the table, computed once per query.
struct Averages {
    std::vector<double> lengths;
};

void deleteAverages(void* p) {
    std::unique_ptr<Averages> owned(static_cast<Averages*>(p));
}

const Averages* averages(const Fts5ExtensionApi* api, Fts5Context* fts, int columns) {
    if (auto* cached = static_cast<Averages*>(api->xGetAuxdata(fts, 0))) {
        return cached;
    }
    auto computed = std::make_unique<Averages>();
    sqlite3_int64 rows = 0;
    api->xRowCount(fts, &rows);
    for (int c = 0; c < columns; ++c) {
        sqlite3_int64 tokens = 0;
        api->xColumnTotalSize(fts, c, &tokens);
        double average = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0;
        computed->lengths.push_back(average > 0 ? average : 1.0);
    }
    Averages* raw = computed.get();
    if (api->xSetAuxdata(fts, computed.release(), deleteAverages) != SQLITE_OK) {
        return nullptr;  // xSetAuxdata has freed it
    }
    return raw;
}

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int argc,
          sqlite3_value** argv) {
    const int columns = api->xColumnCount(fts);
    const int phrases = api->xPhraseCount(fts);
    const Averages* avg = averages(api, fts, columns);
    int instances = 0;
    if (avg == nullptr || api->xInstCount(fts, &instances) != SQLITE_OK) {
        sqlite3_result_error(result, "tessera_rank: cannot read the match", -1);
        return;
    }
    std::vector<int> frequency(static_cast<std::size_t>(phrases * columns), 0);
    for (int i = 0; i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK) {
            ++frequency[static_cast<std::size_t>(phrase * columns + column)];
        }
    }
    double score = 0;
    for (int c = 0; c < columns; ++c) {
        double weight = c < argc ? sqlite3_value_double(argv[c]) : 1.0;
        int length = 0;
        api->xColumnSize(fts, c, &length);
        double norm = kK1 * (1 - kB + kB * length / avg->lengths[static_cast<std::size_t>(c)]);
        for (int p = 0; p < phrases; ++p) {
            double tf = frequency[static_cast<std::size_t>(p * columns + c)];
            if (tf > 0) {
                score += weight * tf * (kK1 + 1) / (tf + norm);
            }
        }
    }
    sqlite3_result_double(result, score);
}

fts5_api* fts5Api(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

int collectTerm(void* context, int flags, const char* token, int size, int, int) {
    if ((flags & FTS5_TOKEN_COLOCATED) == 0 && size > 0) {
        static_cast<std::vector<std::string>*>(context)->emplace_back(
            token, static_cast<std::size_t>(size));
    }
    return SQLITE_OK;
}

}  // namespace

SqliteFtsConnection::SqliteFtsConnection(sqlite3* db, Fts5Tokenizer* tokenizer, fts5_tokenizer api)
    : db_(db), tokenizer_(tokenizer), api_(api) {}

SqliteFtsConnection::~SqliteFtsConnection() {
    api_.xDelete(tokenizer_);
}

SqliteFtsConnection& SqliteFtsConnection::of(Poco::Data::Session& session) {
    sqlite3* db = nullptr;
    try {
        db = Poco::Data::SQLite::Utility::dbHandle(session);
    } catch (const Poco::Exception& e) {
        throw StorageError("search: not an SQLite session: " + e.displayText());
    }
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    if (auto it = r.connections.find(db); it != r.connections.end()) {
        return *it->second;
    }
    fts5_api* api = fts5Api(db);
    if (api == nullptr || api->iVersion < 2) {
        throw StorageError("search: this SQLite library has no FTS5; install one built with it");
    }
    void* context = nullptr;
    fts5_tokenizer tokenizerApi{};
    if (api->xFindTokenizer(api, "unicode61", &context, &tokenizerApi) != SQLITE_OK) {
        throw StorageError("search: this SQLite library has no unicode61 tokenizer");
    }
    const char* arguments[] = {"remove_diacritics", "2"};
    Fts5Tokenizer* tokenizer = nullptr;
    if (tokenizerApi.xCreate(context, arguments, 2, &tokenizer) != SQLITE_OK) {
        throw StorageError("search: cannot create the unicode61 tokenizer");
    }
    auto extras =
        std::unique_ptr<SqliteFtsConnection>(new SqliteFtsConnection(db, tokenizer, tokenizerApi));
    int rc = api->xCreateFunction(api, kRankFunction, db, rank, forgetConnection);
    if (rc != SQLITE_OK) {
        throw StorageError(std::string("search: cannot register ") + kRankFunction + ": " +
                           sqlite3_errstr(rc));
    }
    auto& stored = r.connections[db];
    stored = std::move(extras);
    return *stored;
}

void SqliteFtsConnection::terms(std::string_view text, std::vector<std::string>& terms) const {
    if (text.empty()) {
        return;
    }
    api_.xTokenize(tokenizer_, &terms, FTS5_TOKENIZE_DOCUMENT, text.data(),
                   static_cast<int>(text.size()), collectTerm);
}

}  // namespace tessera::kernel::detail
