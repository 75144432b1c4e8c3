#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tessera::kernel {

/// Where a BulkInserter sends its rows: one implementation per backend, each holding one open
/// transaction from construction until commit() or abort(). Rows arrive validated (right width,
/// no NUL bytes). Errors are StorageError whose message starts with "row N" or names the cause
/// without a row. Single-threaded. Private to kernel/src/storage.
class BulkSink {
public:
    using Row = std::vector<std::optional<std::string>>;

    virtual ~BulkSink() = default;

    /// `rowNumber` is 1-based over the whole BulkInserter.
    virtual void append(const Row& row, std::size_t rowNumber) = 0;
    /// Sends what is queued and commits; returns the rows written.
    virtual std::size_t commit() = 0;
    /// Rolls back; safe to call in any state, more than once.
    virtual void abort() noexcept = 0;
};

}  // namespace tessera::kernel
