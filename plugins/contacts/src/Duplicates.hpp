#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// A record that may be the same person or company as another.
struct DuplicateCandidate {
    std::string entity;
    std::int64_t id = 0;
    std::string title;
    int score = 0;  ///< 0..100
    std::vector<std::string> reasons;
};

/// Likely duplicates of `values` (a Contact or Company, saved or not) among the records the
/// caller may read, best first: same e-mail, same phone after normalisation, same company
/// domain, similar names.
std::vector<DuplicateCandidate> findDuplicates(tessera::sdk::Records& records,
                                               const tessera::sdk::Caller& caller,
                                               const std::string& entity,
                                               const tessera::sdk::Record& values,
                                               std::int64_t excludeId = 0);

/// The duplicates API route, the panel on each contact and company, and the duplicates page.
void addDuplicatePages(tessera::sdk::PluginContext& context);

}  // namespace contacts
