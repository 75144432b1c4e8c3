#pragma once

#include <tessera/contacts/SegmentService.hpp>
#include <tessera/sdk/PluginContext.hpp>

namespace contacts {

/// Segments evaluated through the record API: a dynamic segment is its saved filter over the
/// target entity, a static one its SegmentMember rows; both only show what the caller may read.
class Segments final : public tessera::contacts::SegmentService {
public:
    explicit Segments(tessera::sdk::Records& records) : records_(records) {}

    std::string target(const tessera::sdk::Caller& caller, std::int64_t segmentId) override;
    std::vector<std::int64_t> members(const tessera::sdk::Caller& caller, std::int64_t segmentId,
                                      std::int64_t afterId, int limit) override;
    std::int64_t count(const tessera::sdk::Caller& caller, std::int64_t segmentId) override;

    /// The query of the segment's members (without paging).
    tessera::sdk::Query membersQuery(const tessera::sdk::Caller& caller, std::int64_t segmentId);

private:
    tessera::sdk::Records& records_;
};

/// The service, the segment panel (count and first members) and the validation of filters.
void addSegments(tessera::sdk::PluginContext& context);

}  // namespace contacts
