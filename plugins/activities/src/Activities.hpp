#pragma once

#include <string>
#include <vector>

#include <tessera/sdk/PluginContext.hpp>

#include "TimeZone.hpp"

namespace activities {

/// The entities this plugin keeps on records of any entity.
inline constexpr const char* kInteraction = "Interaction";
inline constexpr const char* kTask = "Task";
inline constexpr const char* kMeeting = "Meeting";
inline constexpr const char* kTimelineItem = "TimelineItem";

/// What the plugin's parts share: the kernel services and the settings. Lives as long as the
/// plugin; the services are thread-safe.
struct Activities {
    tessera::sdk::Records& records;
    tessera::sdk::UserDirectory& users;
    tessera::sdk::NotificationService& notifications;
    TimeZone zone;
    int pageSize = 25;

    /// The zone a record's times are in: its own `time_zone`, else the configured one.
    TimeZone zoneOf(const tessera::sdk::Record& record) const;
};

/// The zone a record's times are in: its own `time_zone`, else `fallback`.
TimeZone zoneFor(const tessera::sdk::Record& record, const TimeZone& fallback);
/// The path of a record's detail page ("/r/companies/12"), from the entity name as the kernel
/// makes slugs.
std::string recordPath(const std::string& entity, std::int64_t id);
/// A record's display title from its usual title fields, else "Entity #id".
std::string recordTitle(const std::string& entity, const tessera::sdk::Record& record);
/// Every row of `query` as `caller` sees it, following the keyset pages, up to `max` rows.
std::vector<tessera::sdk::Record> readAll(tessera::sdk::Records& records,
                                          const tessera::sdk::Caller& caller,
                                          tessera::sdk::Query query, std::size_t max = 5000);
/// The records of `entity` among `ids` that `caller` may read (in chunks the kernel's `in` filter
/// takes), with `fields` only when given.
std::vector<tessera::sdk::Record> readByIds(tessera::sdk::Records& records,
                                            const tessera::sdk::Caller& caller,
                                            const std::string& entity,
                                            const std::vector<std::int64_t>& ids,
                                            const std::vector<std::string>& fields = {});
/// A JSON value as text for a page ("" for null).
std::string text(const tessera::sdk::Record& record, const std::string& field);
std::int64_t integer(const tessera::sdk::Record& record, const std::string& field);

}  // namespace activities
