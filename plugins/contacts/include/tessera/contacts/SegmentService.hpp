#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tessera/sdk/Records.hpp>

namespace tessera::contacts {

/// Segments for other plugins (marketing sends to them). Provided by the contacts plugin as the
/// service "contacts.segments": `context.require<SegmentService>("contacts.segments")`.
class SegmentService {
public:
    virtual ~SegmentService() = default;
    /// The entity a segment holds ("Contact" or "Company"); "not_found" for an unknown segment.
    virtual std::string target(const sdk::Caller& caller, std::int64_t segmentId) = 0;
    /// Ids of the members the caller may read, evaluated now (dynamic segments re-run their
    /// filter), in id order, a page at a time: pass the last id seen as `afterId`.
    virtual std::vector<std::int64_t> members(const sdk::Caller& caller, std::int64_t segmentId,
                                              std::int64_t afterId, int limit) = 0;
    virtual std::int64_t count(const sdk::Caller& caller, std::int64_t segmentId) = 0;
};

}  // namespace tessera::contacts
