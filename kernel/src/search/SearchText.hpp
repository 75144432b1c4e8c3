#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::kernel::detail {

/// UTF-8 text handling shared by the search index: cleaning what is stored, splitting user
/// text into words and comparing words loosely. Pure functions; thread-safe.
///
/// "Word characters" follow SQLite's unicode61 tokenizer closely enough: ASCII letters and
/// digits, and every other code point except controls, spaces, punctuation and symbol blocks.
/// Invalid UTF-8 bytes are never word characters.
class SearchText {
public:
    /// A byte range [begin, end) of one word inside a text.
    struct Span {
        std::size_t begin = 0;
        std::size_t end = 0;
    };

    /// `text` as valid UTF-8 of at most `maxBytes` bytes (cut at a character boundary): invalid
    /// bytes become U+FFFD, NUL and other control characters except tab and newline become
    /// spaces.
    static std::string clean(std::string_view text, std::size_t maxBytes);

    /// The words of `text`, in order; stops after `maxWords`.
    static std::vector<Span> words(std::string_view text, std::size_t maxWords);

    /// `word` lower-cased with common diacritics removed ("Müller" -> "muller"), for comparing
    /// words the way the index does. Approximate outside Latin, Greek and Cyrillic.
    static std::string fold(std::string_view word);

    /// The longest prefix of `text` of at most `maxBytes` bytes that ends on a character
    /// boundary (`text` must be valid UTF-8).
    static std::string_view truncate(std::string_view text, std::size_t maxBytes);

    /// Number of code points in valid UTF-8 `text`.
    static std::size_t length(std::string_view text);
};

}  // namespace tessera::kernel::detail
