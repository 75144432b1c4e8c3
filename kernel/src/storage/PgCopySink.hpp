#pragma once

#include <memory>
#include <string>

#include <libpq-fe.h>

#include "BulkSink.hpp"

namespace tessera::kernel {

class DatabaseUrl;

/// PostgreSQL bulk path: a libpq connection of its own, one transaction, and one
/// `COPY table (columns) FROM STDIN` (text format) per batch of rows. Private to
/// kernel/src/storage.
class PgCopySink : public BulkSink {
public:
    /// `table` and `columnList` arrive quoted. Connects, begins, and checks that the table and
    /// columns exist.
    PgCopySink(const DatabaseUrl& url, const std::string& table, const std::string& columnList,
               std::size_t batchRows);
    ~PgCopySink() override;

    void append(const Row& row, std::size_t rowNumber) override;
    std::size_t commit() override;
    void abort() noexcept override;

private:
    struct ConnectionCloser {
        void operator()(PGconn* connection) const { PQfinish(connection); }
    };

    void execute(const std::string& statement, const std::string& what);
    void flush();
    [[noreturn]] void failWith(const PGresult* result, const std::string& what);

    std::unique_ptr<PGconn, ConnectionCloser> connection_;
    std::string copyStatement_;
    std::size_t batchRows_;
    std::string buffer_;
    std::size_t bufferedRows_ = 0;
    std::size_t firstBufferedRow_ = 1;
    std::size_t written_ = 0;
    bool open_ = false;
};

}  // namespace tessera::kernel
