#include "PgCopySink.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include <tessera/kernel/storage/DatabaseUrl.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "PostgresSessionPool.hpp"

namespace tessera::kernel {

namespace {

struct ResultClearer {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultClearer>;

constexpr std::size_t kChunkBytes = 1 << 20;

/// COPY text format: backslash, tab, newline and carriage return are the characters that would
/// otherwise end or mangle a field.
void appendEscaped(std::string& out, const std::string& value) {
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char* escape = nullptr;
        switch (value[i]) {
            case '\\':
                escape = "\\\\";
                break;
            case '\t':
                escape = "\\t";
                break;
            case '\n':
                escape = "\\n";
                break;
            case '\r':
                escape = "\\r";
                break;
            default:
                continue;
        }
        out.append(value, runStart, i - runStart);
        out += escape;
        runStart = i + 1;
    }
    out.append(value, runStart, std::string::npos);
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

std::string field(const PGresult* result, int code) {
    const char* value = result ? PQresultErrorField(result, code) : nullptr;
    return value ? std::string(value) : std::string();
}

}  // namespace

PgCopySink::PgCopySink(const DatabaseUrl& url, const std::string& table,
                       const std::string& columnList, std::size_t batchRows)
    : copyStatement_("COPY " + table + " (" + columnList + ") FROM STDIN"),
      batchRows_(std::max<std::size_t>(1, batchRows)) {
    connection_.reset(PQconnectdb(url.libpqConninfo().c_str()));
    if (!connection_ || PQstatus(connection_.get()) != CONNECTION_OK) {
        std::string reason =
            connection_ ? trimmed(PQerrorMessage(connection_.get())) : "out of memory";
        connection_.reset();
        throw StorageError("cannot connect to " + url.masked() + ": " + reason);
    }
    PQsetNoticeProcessor(connection_.get(), &PostgresSessionPool::logNotice, nullptr);
    execute("BEGIN", "BEGIN");
    open_ = true;
    execute("SELECT " + columnList + " FROM " + table + " LIMIT 0", "checking the columns");
}

PgCopySink::~PgCopySink() {
    abort();
}

void PgCopySink::execute(const std::string& statement, const std::string& what) {
    Result result(PQexec(connection_.get(), statement.c_str()));
    auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        failWith(result.get(), what);
    }
}

void PgCopySink::append(const Row& row, std::size_t rowNumber) {
    if (bufferedRows_ == 0) {
        firstBufferedRow_ = rowNumber;
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) {
            buffer_ += '\t';
        }
        if (row[i]) {
            appendEscaped(buffer_, *row[i]);
        } else {
            buffer_ += "\\N";
        }
    }
    buffer_ += '\n';
    if (++bufferedRows_ >= batchRows_) {
        flush();
    }
}

void PgCopySink::flush() {
    if (bufferedRows_ == 0) {
        return;
    }
    PGconn* connection = connection_.get();
    Result start(PQexec(connection, copyStatement_.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
        failWith(start.get(), "COPY");
    }
    std::string_view data(buffer_);
    while (!data.empty()) {
        auto chunk = data.substr(0, kChunkBytes);
        if (PQputCopyData(connection, chunk.data(), static_cast<int>(chunk.size())) != 1) {
            Result failure(PQgetResult(connection));
            failWith(failure.get(), "COPY");
        }
        data.remove_prefix(chunk.size());
    }
    if (PQputCopyEnd(connection, nullptr) != 1) {
        Result failure(PQgetResult(connection));
        failWith(failure.get(), "COPY");
    }
    Result end(PQgetResult(connection));
    if (PQresultStatus(end.get()) != PGRES_COMMAND_OK) {
        failWith(end.get(), "COPY");
    }
    written_ += std::strtoull(PQcmdTuples(end.get()), nullptr, 10);
    while (PGresult* extra = PQgetResult(connection)) {
        PQclear(extra);
    }
    buffer_.clear();
    bufferedRows_ = 0;
}

std::size_t PgCopySink::commit() {
    flush();
    execute("COMMIT", "COMMIT");
    open_ = false;
    connection_.reset();
    return written_;
}

void PgCopySink::abort() noexcept {
    if (!connection_) {
        return;
    }
    if (open_) {
        open_ = false;
        // PQexec first ends a COPY still in progress, then rolls back.
        PQclear(PQexec(connection_.get(), "ROLLBACK"));
    }
    connection_.reset();
}

void PgCopySink::failWith(const PGresult* result, const std::string& what) {
    std::string message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) {
        message = trimmed(connection_ ? PQerrorMessage(connection_.get()) : "connection lost");
    }
    if (auto detail = field(result, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
        message += " (" + detail + ")";
    }

    // The context reads `COPY table, line N, column c: "value"`; N counts this batch's lines.
    std::string prefix = what + ": ";
    std::string context = field(result, PG_DIAG_CONTEXT);
    auto copy = context.find("COPY ");
    if (auto line = context.find(", line ", copy == std::string::npos ? 0 : copy);
        copy != std::string::npos && line != std::string::npos) {
        std::size_t lineNumber = std::strtoull(context.c_str() + line + 7, nullptr, 10);
        if (lineNumber > 0) {
            prefix = "row " + std::to_string(firstBufferedRow_ + lineNumber - 1);
            if (auto column = context.find(", column ", line); column != std::string::npos) {
                auto start = column + 9;
                auto end = context.find(':', start);
                prefix += ", column \"" + context.substr(start, end - start) + "\"";
            }
            prefix += ": ";
        }
    }
    abort();
    throw StorageError(prefix + message);
}

}  // namespace tessera::kernel
