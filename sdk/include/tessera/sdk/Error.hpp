#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include <boost/config.hpp>

namespace tessera::sdk {

/// A failure a user or caller can act on: a stable machine code ("validation", "not_found",
/// "conflict", "forbidden", ...), a sentence for people, and optional messages per field.
struct Error {
    std::string code;
    std::string message;
    std::map<std::string, std::string> fields;
};

/// Thrown by plugin code (and by SDK services on a plugin's behalf) to fail with a clear
/// message. The kernel catches it at every plugin entry point and marks the plugin failed, or
/// turns it into the matching HTTP answer; it never reaches a user as a stack trace.
class BOOST_SYMBOL_VISIBLE PluginError : public std::runtime_error {
public:
    explicit PluginError(Error error)
        : std::runtime_error(error.message), error_(std::move(error)) {}
    PluginError(std::string code, std::string message)
        : PluginError(Error{std::move(code), std::move(message), {}}) {}

    const Error& error() const noexcept { return error_; }

private:
    Error error_;
};

}  // namespace tessera::sdk
