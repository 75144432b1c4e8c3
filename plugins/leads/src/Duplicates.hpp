#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// A lead, contact or company that looks like the same person or company.
struct DuplicateMatch {
    std::string entity;  ///< Lead, Contact or Company
    std::int64_t id = 0;
    std::string title;
    std::string reason;  ///< "same e-mail address", "same phone number", "same company domain"
};

/// The leads and contacts with the lead's e-mail address or phone number, and the leads and
/// companies with its company domain, that `caller` can see (at most 5 per kind), leaving out
/// the lead itself (`selfId`) and converted leads.
std::vector<DuplicateMatch> findDuplicates(tessera::sdk::Records& records, const tessera::sdk::Caller& caller,
                                           const tessera::sdk::Record& lead, std::int64_t selfId);

/// One line for the lead's warning field: "same e-mail address as contact 4 (Anna Berg); ...".
std::string describe(const std::vector<DuplicateMatch>& matches);

/// Stamps the warning on every new lead, shows the current matches on the lead's page and
/// answers GET /api/v1/p/leads/duplicates?email=&phone=&domain= (for a check before saving).
void addDuplicateChecks(tessera::sdk::PluginContext& context);

}  // namespace leads
