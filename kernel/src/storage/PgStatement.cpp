#include "PgStatement.hpp"

#include <charconv>
#include <cstdlib>
#include <memory>
#include <string>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <Poco/Data/PostgreSQL/SessionHandle.h>

#include <tessera/kernel/storage/StorageError.hpp>

namespace tessera::kernel {

namespace {

// Type oids from PostgreSQL's pg_type.dat; they are fixed for built-in types.
constexpr Oid kBool = 16;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kNumeric = 1700;

struct ResultClearer {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultClearer>;

PGconn* connectionOf(Poco::Data::Session& session) {
    auto* handle =
        Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
    return *handle;
}

Result run(Poco::Data::Session& session, std::string_view sql,
           const std::vector<SqlValue>& params) {
    PGconn* connection = connectionOf(session);
    std::string text(sql);
    Result result;
    if (params.empty()) {
        result.reset(PQexec(connection, text.c_str()));
    } else {
        std::vector<std::string> values;
        std::vector<const char*> pointers;
        values.reserve(params.size());
        pointers.reserve(params.size());
        for (const auto& param : params) {
            values.push_back(asString(param));
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            pointers.push_back(isNull(params[i]) ? nullptr : values[i].c_str());
        }
        result.reset(PQexecParams(connection, text.c_str(), static_cast<int>(params.size()),
                                  nullptr, pointers.data(), nullptr, nullptr, 0));
    }
    auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
        std::string message = result ? PQresultErrorMessage(result.get()) : "";
        if (message.empty()) {
            message = PQerrorMessage(connection);
        }
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
            message.pop_back();
        }
        spdlog::debug("SQL failed: {} ({})", sql, message);
        throw StorageError("the database refused a statement: " + message);
    }
    return result;
}

SqlValue decode(const PGresult* result, int row, int column, Oid type) {
    if (PQgetisnull(result, row, column)) {
        return std::monostate{};
    }
    const char* text = PQgetvalue(result, row, column);
    int length = PQgetlength(result, row, column);
    switch (type) {
        case kBool:
            return length > 0 && text[0] == 't';
        case kInt8:
        case kInt2:
        case kInt4:
        case kOid: {
            std::int64_t value = 0;
            std::from_chars(text, text + length, value);
            return value;
        }
        case kFloat4:
        case kFloat8:
        case kNumeric:
            return std::strtod(text, nullptr);
        default:
            return std::string(text, static_cast<std::size_t>(length));
    }
}

}  // namespace

SqlRows PgStatement::query(Poco::Data::Session& session, std::string_view sql,
                           const std::vector<SqlValue>& params) {
    Result result = run(session, sql, params);
    SqlRows rows;
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        return rows;
    }
    int columns = PQnfields(result.get());
    int count = PQntuples(result.get());
    std::vector<Oid> types(static_cast<std::size_t>(columns));
    rows.columns.reserve(types.size());
    for (int c = 0; c < columns; ++c) {
        rows.columns.emplace_back(PQfname(result.get(), c));
        types[static_cast<std::size_t>(c)] = PQftype(result.get(), c);
    }
    rows.rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
        std::vector<SqlValue> row;
        row.reserve(types.size());
        for (int c = 0; c < columns; ++c) {
            row.push_back(decode(result.get(), r, c, types[static_cast<std::size_t>(c)]));
        }
        rows.rows.push_back(std::move(row));
    }
    return rows;
}

std::size_t PgStatement::execute(Poco::Data::Session& session, std::string_view sql,
                                 const std::vector<SqlValue>& params) {
    Result result = run(session, sql, params);
    const char* changed = PQcmdTuples(result.get());
    return changed && *changed ? std::strtoull(changed, nullptr, 10) : 0;
}

}  // namespace tessera::kernel
