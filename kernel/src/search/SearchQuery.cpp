#include "SearchQuery.hpp"

#include <algorithm>

#include "SearchText.hpp"

namespace tessera::kernel::detail {

SearchQuery SearchQuery::parse(std::string_view text) {
    SearchQuery query;
    // Scanning stops after enough words (with room for repeated ones, which are dropped), so
    // even megabytes of input cost little.
    auto spans = SearchText::words(text, kMaxWords * 4);
    for (const auto& span : spans) {
        if (query.words_.size() == kMaxWords) {
            break;
        }
        std::string_view raw = text.substr(span.begin, span.end - span.begin);
        std::string_view cut = SearchText::truncate(raw, kMaxWordBytes);
        Word word{std::string(cut), SearchText::fold(cut), cut.size() < raw.size()};
        auto same = [&](const Word& w) { return w.folded == word.folded; };
        if (std::none_of(query.words_.begin(), query.words_.end(), same)) {
            query.words_.push_back(std::move(word));
        }
    }
    if (!query.words_.empty()) {
        Word& last = query.words_.back();
        if (SearchText::length(last.text) >= kMinPrefixLength) {
            last.prefix = true;
        }
    }
    return query;
}

std::string SearchQuery::fts5(bool any) const {
    std::string out;
    for (const auto& word : words_) {
        if (!out.empty()) {
            out += any ? " OR " : " ";
        }
        out += '"';
        out += word.text;
        out += '"';
        if (word.prefix) {
            out += '*';
        }
    }
    return out;
}

std::string SearchQuery::tsquery(bool any) const {
    std::string out;
    for (const auto& word : words_) {
        if (!out.empty()) {
            out += any ? " | " : " & ";
        }
        out += '\'';
        out += word.text;
        out += '\'';
        if (word.prefix) {
            out += ":*";
        }
    }
    return out;
}

std::vector<std::string> SearchQuery::substringPatterns() const {
    std::vector<std::string> patterns;
    for (const auto& word : words_) {
        if (SearchText::length(word.text) < 3) {
            return {};
        }
        patterns.push_back("%" + word.text + "%");
    }
    return patterns;
}

}  // namespace tessera::kernel::detail
