#pragma once

#include <optional>
#include <string>
#include <vector>

namespace contacts {

/// One part of a multipart/form-data body (RFC 7578).
struct FormPart {
    std::string name;
    std::optional<std::string> fileName;  ///< set for file inputs, "" when none was chosen
    std::string contentType;
    std::string data;
};

/// The parts of a multipart/form-data body, given its Content-Type header. At most 20 parts
/// with headers of at most 8 KiB each; a body that is not multipart, has no boundary or breaks
/// a limit is a PluginError "validation" on the field "file".
std::vector<FormPart> parseMultipart(const std::string& contentType, const std::string& body);

/// The part named `name`, or null.
const FormPart* findPart(const std::vector<FormPart>& parts, const std::string& name);

}  // namespace contacts
