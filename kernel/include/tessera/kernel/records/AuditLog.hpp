#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/SqlValue.hpp>
#include <tessera/sdk/Records.hpp>

namespace tessera::kernel {

/// Every write to entity data: who, when, what, the old and new value of each field that
/// changed, and the operation (an undoable group of writes) it belongs to. Written inside the
/// record API's transaction. Thread-safe.
class AuditLog {
public:
    explicit AuditLog(Database& db);

    /// Makes `operationId` the current operation of this thread while it lives; every entry
    /// written meanwhile carries it.
    class OperationScope {
    public:
        explicit OperationScope(std::int64_t operationId);
        ~OperationScope();
        OperationScope(const OperationScope&) = delete;
        OperationScope& operator=(const OperationScope&) = delete;

    private:
        std::int64_t previous_;
    };
    /// The operation current on this thread, 0 when none.
    static std::int64_t currentOperation();

    void ensureTables();
    void write(Poco::Data::Session& session, const std::string& entity, std::int64_t recordId,
               const std::string& action, std::int64_t userId, const nlohmann::json& changes);
    /// One entry of writeMany().
    struct Entry {
        std::string entity;
        std::int64_t recordId = 0;
        std::string action;
        std::int64_t userId = 0;
        nlohmann::json changes;
    };
    /// The entries in as few statements as the database allows (the bulk paths).
    void writeMany(Poco::Data::Session& session, const std::vector<Entry>& entries);
    /// A record's entries, newest first.
    std::vector<sdk::AuditEntry> forRecord(Poco::Data::Session& session, const std::string& entity,
                                           std::int64_t recordId, int limit = 500);
    /// An operation's entries, newest first.
    std::vector<sdk::AuditEntry> forOperation(Poco::Data::Session& session,
                                              std::int64_t operationId);
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
