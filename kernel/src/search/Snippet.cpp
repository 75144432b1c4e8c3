#include "Snippet.hpp"

#include <algorithm>
#include <vector>

#include "SearchText.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr std::string_view kEllipsis = "…";
/// Words shown before the first match, for context.
constexpr std::size_t kLeadWords = 2;

/// Which query word `token` matches, or -1.
int matchingWord(const std::string& token, const SearchQuery& query) {
    const auto& words = query.words();
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        if (word.prefix ? token.starts_with(word.folded) : token == word.folded) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void appendCollapsed(std::string& out, std::string_view text) {
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out += ' ';
        }
        space = false;
        out += c;
    }
}

}  // namespace

std::string Snippet::make(std::string_view text, const SearchQuery& query) {
    text = SearchText::truncate(text, kScanBytes);
    auto spans = SearchText::words(text, kScanBytes);
    if (spans.empty()) {
        return {};
    }
    std::vector<int> matches(spans.size(), -1);
    bool any = false;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        auto token = SearchText::fold(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
        matches[i] = matchingWord(token, query);
        any = any || matches[i] >= 0;
    }

    std::size_t first = 0;
    if (any) {
        // The window of kWords words starting at a match that holds the most distinct words.
        std::size_t bestCount = 0;
        const std::size_t wordCount = query.words().size();
        for (std::size_t start = 0; start < spans.size(); ++start) {
            if (matches[start] < 0) {
                continue;
            }
            std::vector<bool> seen(wordCount, false);
            std::size_t count = 0;
            for (std::size_t i = start; i < spans.size() && i < start + kWords - kLeadWords; ++i) {
                if (matches[i] >= 0 && !seen[static_cast<std::size_t>(matches[i])]) {
                    seen[static_cast<std::size_t>(matches[i])] = true;
                    ++count;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                first = start;
            }
            if (bestCount == wordCount) {
                break;
            }
        }
        first = first > kLeadWords ? first - kLeadWords : 0;
    }
    std::size_t last = std::min(spans.size(), first + kWords) - 1;

    std::string out;
    if (first > 0) {
        out += kEllipsis;
    }
    appendCollapsed(out, text.substr(spans[first].begin, spans[last].end - spans[first].begin));
    if (last + 1 < spans.size()) {
        out += kEllipsis;
    }
    return out;
}

}  // namespace tessera::kernel::detail
