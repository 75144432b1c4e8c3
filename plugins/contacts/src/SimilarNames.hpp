#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tessera/sdk/Records.hpp>

namespace contacts {

/// Two records whose names nameMatch() calls similar.
struct SimilarPair {
    std::int64_t firstId = 0;
    std::string firstTitle;
    std::int64_t secondId = 0;
    std::string secondTitle;
    double match = 0;  ///< nameMatch() of the two names
};

/// Pairs of contacts or companies the caller may read with similar names, best first, at most
/// `limit`. Blocking keeps it near linear: each record is filed under each word of its name
/// (and the word reversed, for typos at the start); only neighbours in those sorted lists are
/// compared. Reads the first `maxRecords` records by id.
std::vector<SimilarPair> similarNamePairs(tessera::sdk::Records& records,
                                          const tessera::sdk::Caller& caller,
                                          const std::string& entity, std::size_t limit = 100,
                                          std::size_t maxRecords = 20000);

/// Scores a similar-name candidate below the exact matches (e-mail 95, domain 90, phone 80).
int similarNameScore(double match);

}  // namespace contacts
