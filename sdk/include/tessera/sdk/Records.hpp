#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/config.hpp>

#include <tessera/sdk/Caller.hpp>
#include <tessera/sdk/Query.hpp>

namespace tessera::sdk {

/// What a caller may want to do with records of an entity.
enum class Action { Read, Create, Update, Delete, Export };

/// A hit of the global search.
struct SearchHit {
    std::string entity;
    std::int64_t id = 0;
    std::string title;
    std::string snippet;
    double rank = 0;
};

/// Why a caller may or may not do something: "user 7 can update Deal 12 because role Sales rep
/// grants update:own and user 7 owns it".
struct Explanation {
    bool allowed = false;
    std::string role;   ///< the role whose grant decided, empty when none did
    std::string scope;  ///< all, team, own or none
    std::string reason;
};

/// One write in the audit log.
struct AuditEntry {
    std::int64_t id = 0;
    std::string entity;
    std::int64_t recordId = 0;
    std::string action;  ///< create, update, delete, restore, purge
    std::int64_t userId = 0;  ///< 0 for the system
    std::string at;      ///< ISO 8601 UTC
    /// field -> [old, new]
    nlohmann::json changes = nlohmann::json::object();
};

/// The only door to entity data. Every call validates against the schema, checks the caller's
/// permissions, runs the entity's hooks, writes the audit log and the search index in one
/// transaction, then publishes events. Failures are PluginError with code "validation"
/// (with a message per field), "not_found", "forbidden" or "conflict". Thread-safe.
class BOOST_SYMBOL_VISIBLE Records {
public:
    virtual ~Records() = default;

    virtual Record create(const Caller& caller, const std::string& entity, const Record& values) = 0;
    /// A record the caller may read; "not_found" when it does not exist or is out of sight.
    virtual Record get(const Caller& caller, const std::string& entity, std::int64_t id) = 0;
    /// Applies `changes` to the record at `version`; "conflict" when someone saved since.
    virtual Record update(const Caller& caller, const std::string& entity, std::int64_t id,
                          std::int64_t version, const Record& changes) = 0;
    /// Moves the record to the trash.
    virtual void remove(const Caller& caller, const std::string& entity, std::int64_t id) = 0;
    /// Brings a record back from the trash.
    virtual Record restore(const Caller& caller, const std::string& entity, std::int64_t id) = 0;
    /// Deletes a record for good (admins only); the audit log keeps its last values.
    virtual void purge(const Caller& caller, const std::string& entity, std::int64_t id) = 0;

    virtual Page query(const Caller& caller, const Query& query) = 0;
    virtual std::int64_t count(const Caller& caller, const Query& query) = 0;
    virtual std::vector<AggregateRow> aggregate(const Caller& caller,
                                                const AggregateQuery& query) = 0;
    /// Ranked hits across every entity the caller may read.
    virtual std::vector<SearchHit> search(const Caller& caller, const std::string& text,
                                          int limit) = 0;
    virtual Explanation explain(const Caller& caller, const std::string& entity, std::int64_t id,
                                Action action) = 0;
    /// The audit entries of one record, newest first (needs read access to it).
    virtual std::vector<AuditEntry> history(const Caller& caller, const std::string& entity,
                                            std::int64_t id) = 0;
};

}  // namespace tessera::sdk
