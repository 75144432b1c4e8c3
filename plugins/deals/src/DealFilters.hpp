#pragma once

// The owner / team / close-date filters shared by the kanban and the reports, read from the
// query string and turned into a record filter and into the template's filter bar.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tessera/sdk/Web.hpp>

#include "People.hpp"

namespace deals {

struct DealFilters {
    std::string owner;  ///< "", "me" or a user id
    std::int64_t team = 0;
    std::string closeFrom;  ///< "2026-01-01" or ""
    std::string closeTo;

    /// Reads owner, team, close_from and close_to; a malformed value is a "validation" error
    /// naming the parameter.
    static DealFilters read(const tessera::sdk::WebRequest& request);
    /// The conditions on Deal fields (none when nothing is chosen).
    std::vector<tessera::sdk::Filter> conditions(const tessera::sdk::Caller& caller) const;
    bool hasCloseRange() const { return !closeFrom.empty() || !closeTo.empty(); }
    /// The query string that keeps these filters ("owner=me&team=2").
    std::string queryString() const;
    /// Template values for the filter bar: OWNER_OPTION, TEAM_OPTION, CLOSE_FROM, CLOSE_TO. The
    /// choices are the owners and teams the page already shows (no extra query), plus the chosen.
    nlohmann::json templateData(const tessera::sdk::Caller& caller, People& people,
                                std::set<std::int64_t> owners, std::set<std::int64_t> teams) const;
};

}  // namespace deals
