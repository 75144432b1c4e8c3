#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::kernel {

/// Every write to entity data: who, when, what, and the old and new value of each field that
/// changed. Written inside the record API's transaction. Thread-safe.
class AuditLog {
public:
    explicit AuditLog(Database& db);

    void ensureTables();
    void write(Poco::Data::Session& session, const std::string& entity, std::int64_t recordId,
               const std::string& action, std::int64_t userId, const nlohmann::json& changes);
    /// A record's entries, newest first.
    std::vector<sdk::AuditEntry> forRecord(Poco::Data::Session& session, const std::string& entity,
                                           std::int64_t recordId, int limit = 500);
    /// A user's entries, newest first.
    std::vector<sdk::AuditEntry> forUser(Poco::Data::Session& session, std::int64_t userId,
                                         int limit = 500);

    /// field -> [old, new] for the fields whose values differ.
    static nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after);

private:
    std::vector<sdk::AuditEntry> read(Poco::Data::Session& session, const std::string& where,
                                      const std::vector<SqlValue>& params, int limit);
    Database& db_;
};

}  // namespace tessera::kernel
