#pragma once

#include <string>
#include <vector>

#include <tessera/kernel/storage/SqlValue.hpp>

namespace tessera::kernel {

/// Collects the bound values of a statement being built, handing out their placeholders, so
/// that pieces of SQL written by different parts (filters, permission scopes, search) can be
/// combined without renumbering.
class SqlParams {
public:
    /// Binds `value` and returns its placeholder ("$3").
    std::string add(SqlValue value) {
        values_.push_back(std::move(value));
        return "$" + std::to_string(values_.size());
    }
    const std::vector<SqlValue>& values() const { return values_; }
    std::size_t size() const { return values_.size(); }

private:
    std::vector<SqlValue> values_;
};

}  // namespace tessera::kernel
