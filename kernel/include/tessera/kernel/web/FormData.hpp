#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tessera::kernel {

/// The fields of an application/x-www-form-urlencoded body, decoded, in order.
class FormData {
public:
    /// Parses `body`; HttpError 400 for bad percent-escapes or bad UTF-8.
    static FormData parse(const std::string& body);

    /// The first value of that name.
    std::optional<std::string> get(const std::string& name) const;
    std::string value(const std::string& name) const { return get(name).value_or(""); }
    bool has(const std::string& name) const { return get(name).has_value(); }
    /// Every value of that name, in order (checkboxes sharing a name).
    std::vector<std::string> all(const std::string& name) const;

    /// A query string of the pairs, each part percent-encoded.
    static std::string encode(const std::vector<std::pair<std::string, std::string>>& pairs);

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace tessera::kernel
