#pragma once

// Names of users and teams for the deals pages, from the kernel's user directory.
#include <cstdint>
#include <map>
#include <string>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Users.hpp>

namespace deals {

/// Looks names up once per page: make one per request. Not thread-safe.
class People {
public:
    explicit People(tessera::sdk::UserDirectory& users) : users_(users) {}

    /// "You" for the caller, else the user's display name ("User #12" for an unknown id,
    /// "Nobody" for none).
    std::string user(const tessera::sdk::Caller& caller, std::int64_t userId);
    /// The team's name ("Team #3" for an unknown id).
    std::string team(std::int64_t teamId);

private:
    tessera::sdk::UserDirectory& users_;
    std::map<std::int64_t, std::string> userNames_;
    std::map<std::int64_t, std::string> teamNames_;
    bool teamsRead_ = false;
};

}  // namespace deals
