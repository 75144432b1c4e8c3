#pragma once

#include <map>
#include <string>

#include <tessera/sdk/Error.hpp>

namespace leads {

/// Refuses input with a message for one field: a 422 naming the field on the web.
[[noreturn]] inline void refuse(const std::string& field, const std::string& message) {
    throw tessera::sdk::PluginError(
        tessera::sdk::Error{"validation", field + ": " + message, {{field, message}}});
}

/// Refuses input with every problem found, one message per field; returns when there is none.
inline void refuseIfAny(const std::map<std::string, std::string>& problems) {
    if (problems.empty()) {
        return;
    }
    std::string message;
    for (const auto& [field, problem] : problems) {
        message += (message.empty() ? "" : "; ") + field + ": " + problem;
    }
    throw tessera::sdk::PluginError(tessera::sdk::Error{"validation", message, problems});
}

}  // namespace leads
