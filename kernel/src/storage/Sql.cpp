#include <tessera/kernel/storage/Sql.hpp>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/storage/StorageError.hpp>

#include "PgStatement.hpp"
#include "SqliteStatementCache.hpp"

namespace tessera::kernel {

namespace {

using Poco::Data::Keywords::bind;

void bindAll(Poco::Data::Statement& statement, const std::vector<SqlValue>& params) {
    for (const auto& param : params) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    statement.addBind(bind(Poco::Nullable<std::string>()));
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    statement.addBind(bind(static_cast<Poco::Int64>(v)));
                } else {
                    statement.addBind(bind(v));
                }
            },
            param);
    }
}

SqlValue fromVar(const Poco::Data::RecordSet& rs, std::size_t column, std::size_t row) {
    if (rs.isNull(column, row)) {
        return std::monostate{};
    }
    const Poco::Dynamic::Var& v = rs.value(column, row);
    if (v.isBoolean()) {
        return v.extract<bool>();
    }
    if (v.isInteger()) {
        return v.convert<std::int64_t>();
    }
    if (v.isNumeric()) {
        return v.convert<double>();
    }
    return v.convert<std::string>();
}

[[noreturn]] void rethrow(std::string_view sql, const Poco::Exception& e) {
    spdlog::debug("SQL failed: {} ({})", sql, e.displayText());
    throw StorageError("the database refused a statement: " + e.displayText());
}

}  // namespace

SqlRows Sql::query(const Database& db, Poco::Data::Session& session, std::string_view sql,
                   const std::vector<SqlValue>& params) {
    if (SqliteStatementCache* statements = db.sqliteStatements()) {
        SqlRows result;
        auto outcome = statements->run(
            Poco::Data::SQLite::Utility::dbHandle(session), sql, [&] { return db.sql(sql); },
            params, &result);
        if (outcome.handled) {
            return result;
        }
    } else if (db.backend() == Backend::Postgres) {
        return PgStatement::query(session, sql, params);
    }
    try {
        Poco::Data::Statement statement(session);
        statement << db.sql(sql);
        bindAll(statement, params);
        statement.execute();
        Poco::Data::RecordSet rs(statement);
        SqlRows result;
        std::size_t columns = rs.columnCount();
        result.columns.reserve(columns);
        for (std::size_t c = 0; c < columns; ++c) {
            result.columns.push_back(rs.columnName(c));
        }
        std::size_t rows = rs.rowCount();
        result.rows.reserve(rows);
        for (std::size_t r = 0; r < rows; ++r) {
            std::vector<SqlValue> row;
            row.reserve(columns);
            for (std::size_t c = 0; c < columns; ++c) {
                row.push_back(fromVar(rs, c, r));
            }
            result.rows.push_back(std::move(row));
        }
        return result;
    } catch (const Poco::Exception& e) {
        rethrow(sql, e);
    }
}

std::size_t Sql::execute(const Database& db, Poco::Data::Session& session, std::string_view sql,
                         const std::vector<SqlValue>& params) {
    if (SqliteStatementCache* statements = db.sqliteStatements()) {
        auto outcome = statements->run(
            Poco::Data::SQLite::Utility::dbHandle(session), sql, [&] { return db.sql(sql); },
            params, nullptr);
        if (outcome.handled) {
            return outcome.changed;
        }
    } else if (db.backend() == Backend::Postgres) {
        return PgStatement::execute(session, sql, params);
    }
    try {
        Poco::Data::Statement statement(session);
        statement << db.sql(sql);
        bindAll(statement, params);
        return statement.execute();
    } catch (const Poco::Exception& e) {
        rethrow(sql, e);
    }
}

SqlValue Sql::scalar(const Database& db, Poco::Data::Session& session, std::string_view sql,
                     const std::vector<SqlValue>& params) {
    SqlRows rows = query(db, session, sql, params);
    if (rows.empty() || rows.columns.empty()) {
        return std::monostate{};
    }
    return rows.rows.front().front();
}

}  // namespace tessera::kernel
