#include "RecordErrors.hpp"

#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

void notFound(const EntityDef& e, std::int64_t id) {
    throw sdk::PluginError(
        sdk::Error{"not_found",
                   e.label + " " + std::to_string(id) + " does not exist or is not visible to you",
                   {}});
}

void validationFailed(const EntityDef& e, std::map<std::string, std::string> fields) {
    std::string message = e.label + " was not saved: ";
    bool first = true;
    for (const auto& [field, why] : fields) {
        message += (first ? "" : "; ") + field + " " + why;
        first = false;
    }
    throw sdk::PluginError(sdk::Error{"validation", message, std::move(fields)});
}

bool isUniqueViolation(const std::exception& e) {
    std::string text = e.what();
    return text.find("UNIQUE constraint") != std::string::npos ||
           text.find("duplicate key") != std::string::npos;
}

}  // namespace tessera::kernel
