#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace contacts {

/// "1,2,3" as record ids; a "validation" error on `field` for anything else or more than
/// `maxIds` ids.
std::vector<std::int64_t> idList(const std::string& text, const std::string& field,
                                 std::size_t maxIds = 100000);

}  // namespace contacts
