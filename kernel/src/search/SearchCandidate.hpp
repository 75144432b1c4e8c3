#pragma once

#include <cstdint>
#include <string>

namespace tessera::kernel::detail {

/// One record a search phase found, before it becomes an sdk::SearchHit.
struct SearchCandidate {
    std::string entity;
    std::int64_t id = 0;
    /// Higher is better; comparable between the phases of one backend.
    double rank = 0;
    /// SQLite: the entry's rowid in the index (newer entries have larger ones); else 0.
    std::int64_t entry = 0;
    std::string title;
    /// The start of the indexed text, for the snippet.
    std::string body;
};

}  // namespace tessera::kernel::detail
