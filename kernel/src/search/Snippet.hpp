#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "SearchQuery.hpp"

namespace tessera::kernel::detail {

/// The short piece of a hit's text shown under its title: plain text (no markup; escaping is
/// the page's job), the window of words holding most of the query's words, with "…" where text
/// was cut. Made in C++ rather than by snippet() or ts_headline() so that both backends show
/// the same thing and only the hits shown pay for it. Thread-safe.
class Snippet {
public:
    /// Words in a snippet.
    static constexpr std::size_t kWords = 14;
    /// Text after this many bytes is not looked at (the start of the text is shown when the
    /// words only occur later).
    static constexpr std::size_t kScanBytes = 10000;

    /// The snippet of `text` for `query`: the start of `text` when no word occurs in it.
    static std::string make(std::string_view text, const SearchQuery& query);
};

}  // namespace tessera::kernel::detail
