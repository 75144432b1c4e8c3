#pragma once

#include <stdexcept>
#include <string>

namespace tessera::kernel {

/// A mistake in how the program was called or configured: the command line prints the message
/// and exits with status 2, without a stack trace.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tessera::kernel
