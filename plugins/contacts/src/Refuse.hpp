#pragma once

#include <string>

#include <tessera/sdk/Error.hpp>

namespace contacts {

/// Fails with a "validation" error whose message is also the field's.
[[noreturn]] inline void refuse(const std::string& field, const std::string& message) {
    throw tessera::sdk::PluginError(tessera::sdk::Error{"validation", message, {{field, message}}});
}

}  // namespace contacts
