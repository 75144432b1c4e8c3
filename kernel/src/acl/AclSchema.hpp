#pragma once

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Database.hpp>

namespace tessera::kernel::detail {

/// The kernel's permission tables (tessera_users, tessera_teams, tessera_roles and their links)
/// in both dialects, and the default roles. Callers hold the ACL lock and a transaction.
class AclSchema {
public:
    /// Creates the tables and indexes that are missing.
    static void create(const Database& db, Poco::Data::Session& session);
    /// Inserts admin, manager, sales_rep, support_agent and marketing with their grants on "*",
    /// if there are no roles at all.
    static void seedDefaultRoles(const Database& db, Poco::Data::Session& session);
};

}  // namespace tessera::kernel::detail
