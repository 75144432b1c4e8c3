#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tessera::kernel {

/// A failure answered to the client as it is: status, stable code, a message naming the field
/// and the fix, and optional messages per field. Anything else thrown by a handler becomes a
/// generic 500 whose detail only goes to the log.
class HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string code, const std::string& message,
              std::map<std::string, std::string> fields = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)),
          fields_(std::move(fields)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::map<std::string, std::string>& fields() const { return fields_; }
    /// Extra answer headers (Retry-After, Allow, ...).
    std::vector<std::pair<std::string, std::string>> headers;

private:
    int status_;
    std::string code_;
    std::map<std::string, std::string> fields_;
};

}  // namespace tessera::kernel
