#pragma once

#include <optional>
#include <string>

namespace leads {

/// The file sent in the multipart/form-data field `field` (RFC 7578), given the request's
/// Content-Type header; none when the body is not multipart or has no such part. Refuses, as a
/// PluginError "validation" on "file", a body whose parts do not close.
std::optional<std::string> multipartFile(const std::string& contentType, const std::string& body,
                                         const std::string& field);

}  // namespace leads
