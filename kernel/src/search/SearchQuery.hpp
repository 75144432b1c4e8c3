#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::kernel::detail {

/// What a user typed into a search box, reduced to plain words: everything that is not a word
/// character (quotes, operators, parentheses, SQL, control characters, invalid UTF-8) only
/// separates words, so the match expressions built from it can never be malformed. The last
/// word matches as a prefix. Immutable; thread-safe.
class SearchQuery {
public:
    /// Words beyond this are ignored.
    static constexpr std::size_t kMaxWords = 8;
    /// Longer words are cut to this many bytes and then match as prefixes.
    static constexpr std::size_t kMaxWordBytes = 64;
    /// A last word shorter than this (in characters) matches whole only: one-letter prefixes
    /// would expand to much of the index.
    static constexpr std::size_t kMinPrefixLength = 2;

    struct Word {
        std::string text;    ///< as typed (valid UTF-8, word characters only)
        std::string folded;  ///< lower case without diacritics, see SearchText::fold
        bool prefix = false;
    };

    static SearchQuery parse(std::string_view text);

    bool empty() const { return words_.empty(); }
    const std::vector<Word>& words() const { return words_; }

    /// An FTS5 match expression: each word a quoted string, the prefix ones with `*`, joined by
    /// implicit AND or by OR.
    std::string fts5(bool any) const;
    /// A to_tsquery() argument: each word a quoted lexeme, prefix ones with `:*`, joined by `&`
    /// or `|`.
    std::string tsquery(bool any) const;
    /// `%word%` LIKE patterns (lower-cased in SQL) for the words of at least three characters,
    /// or none when a word is shorter: trigram indexes cannot serve shorter substrings.
    std::vector<std::string> substringPatterns() const;

private:
    std::vector<Word> words_;
};

}  // namespace tessera::kernel::detail
