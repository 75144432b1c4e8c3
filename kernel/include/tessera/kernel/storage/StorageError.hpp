#pragma once

#include <stdexcept>
#include <string>

namespace tessera::kernel {

/// A storage failure the caller can report as is: a bad `db.url`, a database that cannot be
/// reached, a rejected bulk row. The message names the setting, value or row and the cause, and
/// never contains a password.
class StorageError : public std::runtime_error {
public:
    explicit StorageError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tessera::kernel
