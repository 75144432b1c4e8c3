#pragma once

#include <string>
#include <vector>

namespace activities {

/// The logins mentioned in a text as "@login" (at the start or after a space or punctuation,
/// so an e-mail address is not a mention), in order, without repeats.
std::vector<std::string> mentionedLogins(const std::string& text);

}  // namespace activities
