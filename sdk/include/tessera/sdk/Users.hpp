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
};

}  // namespace tessera::sdk
