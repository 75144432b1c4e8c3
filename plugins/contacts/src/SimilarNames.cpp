#include "SimilarNames.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "Normalize.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

/// How many following entries of a sorted block list each entry is compared with.
constexpr std::size_t kWindow = 8;

struct Named {
    std::int64_t id = 0;
    std::string name;
};

std::vector<Named> readNames(Records& records, const Caller& caller, const std::string& entity,
                             std::size_t maxRecords) {
    bool company = entity == "Company";
    std::string field = company ? "name" : "full_name";
    Query query;
    query.entity = entity;
    query.fields = {"id", field};
    query.sort = {{"id", false}};
    query.limit = 1000;
    std::vector<Named> names;
    do {
        Page page = records.query(caller, query);
        for (const auto& row : page.rows) {
            if (row.value(field, nlohmann::json()).is_string()) {
                names.push_back({row["id"].get<std::int64_t>(), row[field].get<std::string>()});
            }
        }
        query.after = page.nextCursor;
    } while (!query.after.empty() && names.size() < maxRecords);
    if (names.size() > maxRecords) {
        names.resize(maxRecords);
    }
    return names;
}

}  // namespace

int similarNameScore(double match) {
    return 50 + static_cast<int>(std::lround(match * 20));
}

std::vector<SimilarPair> similarNamePairs(Records& records, const Caller& caller,
                                          const std::string& entity, std::size_t limit,
                                          std::size_t maxRecords) {
    bool company = entity == "Company";
    std::vector<Named> names = readNames(records, caller, entity, maxRecords);
    std::vector<std::pair<std::string, std::size_t>> blocks;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::vector<std::string> words = nameTokens(names[i].name, company);
        std::string whole;
        for (const auto& word : words) {
            whole += word + " ";
        }
        // Within one word's entries the whole names sort, so alike names sit side by side.
        for (const auto& word : words) {
            if (word.size() < 2) {
                continue;  // initials would put everyone with an "a" together
            }
            blocks.emplace_back("f" + word + '\x01' + whole, i);
            blocks.emplace_back("r" + std::string(word.rbegin(), word.rend()) + '\x01' + whole, i);
        }
    }
    std::sort(blocks.begin(), blocks.end());
    std::set<std::pair<std::size_t, std::size_t>> compared;
    std::vector<SimilarPair> pairs;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        for (std::size_t m = k + 1; m < blocks.size() && m <= k + kWindow; ++m) {
            std::size_t a = std::min(blocks[k].second, blocks[m].second);
            std::size_t b = std::max(blocks[k].second, blocks[m].second);
            if (a == b || !compared.insert({a, b}).second) {
                continue;
            }
            double match = nameMatch(names[a].name, names[b].name, company);
            if (match >= kSimilarNames) {
                pairs.push_back({names[a].id, names[a].name, names[b].id, names[b].name, match});
            }
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
        return x.match != y.match ? x.match > y.match : x.firstId < y.firstId;
    });
    if (pairs.size() > limit) {
        pairs.resize(limit);
    }
    return pairs;
}

}  // namespace contacts
