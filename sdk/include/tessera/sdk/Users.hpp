#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/config.hpp>

namespace tessera::sdk {

/// What a plugin may know about a user: enough to name them, mention them and notify them.
struct UserInfo {
    std::int64_t id = 0;
    std::string login;
    std::string displayName;  ///< the login when the user gave no display name
    std::string email;        ///< "" when none is set
    bool active = true;
};

/// A team and its members (inactive members included; check UserInfo::active to skip them).
struct TeamInfo {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::int64_t> memberIds;  ///< by user id, ascending
};

/// Read-only look-ups of users and teams, for pickers, mentions, assignments and team views.
/// Thread-safe.
class BOOST_SYMBOL_VISIBLE UserDirectory {
public:
    virtual ~UserDirectory() = default;
    virtual std::optional<UserInfo> byId(std::int64_t id) = 0;
    /// Logins are matched exactly (they are stored in lower case).
    virtual std::optional<UserInfo> byLogin(const std::string& login) = 0;
    /// Every active user, by display name.
    virtual std::vector<UserInfo> activeUsers() = 0;
    /// The users who share a team with `userId`, the user included (inactive members too).
    virtual std::vector<std::int64_t> teammates(std::int64_t userId) = 0;

    // Added in SDK 1.3, after every earlier virtual so plugins built against 1.2 keep working.

    /// Every team, by name.
    virtual std::vector<TeamInfo> teams() = 0;
    /// Whether `userId`'s roles grant the named permission (an admin has every permission;
    /// an inactive or unknown user none). For routing work to whoever may act on it, such as
    /// the managers of a team.
    virtual bool hasPermission(std::int64_t userId, const std::string& permission) = 0;
};

}  // namespace tessera::sdk
