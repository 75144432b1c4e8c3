#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include <Poco/Data/Session.h>

namespace tessera::kernel {

class AccessContext;
class AccessControl;
class Database;
struct EntityDef;

/// Which of `ids` name records of `target` that are not in the trash and that `context` may
/// read: how the bulk paths check many references at once instead of one query per row.
std::set<std::int64_t> visibleIds(Database& db, Poco::Data::Session& session,
                                  const AccessControl& access, const AccessContext& context,
                                  const EntityDef& target, const std::set<std::int64_t>& ids);

}  // namespace tessera::kernel
