#pragma once

#include <map>
#include <string>

namespace leads {

/// The fields of an application/x-www-form-urlencoded body (a repeated name keeps its last
/// value), decoded.
std::map<std::string, std::string> parseFormBody(const std::string& body);

}  // namespace leads
