#pragma once

#include <optional>
#include <string>

#include <tessera/sdk/Web.hpp>

#include "IsoTime.hpp"
#include "TimeZone.hpp"

namespace activities {

/// Reading the plugin's forms: trimmed fields, ids, local times and the page to go back to.
class FormInput {
public:
    explicit FormInput(const tessera::sdk::WebRequest& request) : request_(request) {}

    /// The trimmed field, "" when absent.
    std::string text(const std::string& name) const;
    /// A positive id from the path or the form; "validation" naming `name` otherwise.
    std::int64_t id(const std::string& value, const std::string& name) const;
    /// A wall-clock time typed in `zone` as stored UTC text; null when empty; "validation" when
    /// it is not a time.
    nlohmann::json utcTime(const std::string& name, const TimeZone& zone) const;
    /// A length of 1 to 1440 minutes, `fallback` when empty; "validation" naming `name` otherwise.
    int minutes(const std::string& name, int fallback) const;
    /// The form's `back` path when it is a local path, else `fallback`.
    std::string back(const std::string& fallback) const;
    /// An entity name as the kernel spells them (PascalCase); "validation" otherwise.
    static std::string entityName(const std::string& value);

private:
    const tessera::sdk::WebRequest& request_;
};

}  // namespace activities
