#pragma once

#include <string>

#include <tessera/sdk/Error.hpp>

namespace activities {

/// Refuses input with a message for one field: a 422 naming the field on the web.
[[noreturn]] inline void refuse(const std::string& field, const std::string& message) {
    throw tessera::sdk::PluginError(
        tessera::sdk::Error{"validation", field + ": " + message, {{field, message}}});
}

}  // namespace activities
