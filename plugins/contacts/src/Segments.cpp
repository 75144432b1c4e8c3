#include "Segments.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr int kPanelRows = 25;

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
    throw PluginError(Error{"validation", message, {{field, message}}});
}

std::string referenceFieldOf(const std::string& target) {
    return target == "Company" ? "company_id" : "contact_id";
}

}  // namespace

std::string Segments::target(const Caller& caller, std::int64_t segmentId) {
    return records_.get(caller, "Segment", segmentId).value("target", "Contact");
}

Query Segments::membersQuery(const Caller& caller, std::int64_t segmentId) {
    Record segment = records_.get(caller, "Segment", segmentId);
    std::string target = segment.value("target", "Contact");
    Query query;
    query.entity = target;
    query.sort = {{"id", false}};
    if (segment.value("kind", "dynamic") == "dynamic") {
        const auto& filter = segment.value("filter", nlohmann::json());
        if (!filter.is_null()) {
            query.filter = Filter::fromJson(filter);
        }
        return query;
    }
    // Static: the hand-picked members, read in pages of ids.
    std::vector<std::int64_t> ids;
    Query links;
    links.entity = "SegmentMember";
    links.filter = Filter::eq("segment_id", segmentId);
    links.fields = {referenceFieldOf(target)};
    links.limit = 1000;
    do {
        Page page = records_.query(Caller::systemCaller(), links);
        for (const auto& row : page.rows) {
            const auto& id = row.value(referenceFieldOf(target), nlohmann::json());
            if (id.is_number_integer()) {
                ids.push_back(id.get<std::int64_t>());
            }
        }
        links.after = page.nextCursor;
    } while (!links.after.empty());
    query.filter = Filter::in("id", ids.empty() ? nlohmann::json::array({0}) : nlohmann::json(ids));
    return query;
}

std::vector<std::int64_t> Segments::members(const Caller& caller, std::int64_t segmentId,
                                            std::int64_t afterId, int limit) {
    Query query = membersQuery(caller, segmentId);
    Filter after = Filter::gt("id", afterId);
    query.filter = query.filter ? Filter::allOf({*query.filter, after}) : after;
    query.limit = limit;
    query.fields = {"id"};
    std::vector<std::int64_t> ids;
    for (const auto& row : records_.query(caller, query).rows) {
        ids.push_back(row["id"].get<std::int64_t>());
    }
    return ids;
}

std::int64_t Segments::count(const Caller& caller, std::int64_t segmentId) {
    return records_.count(caller, membersQuery(caller, segmentId));
}

void addSegments(PluginContext& context) {
    Records& records = context.records();
    auto segments = std::make_shared<Segments>(records);
    context.provide<tessera::contacts::SegmentService>("contacts.segments", segments);

    // A dynamic segment's filter must parse and name fields of its target; checked by running
    // it once, so the record API's own field checks give the message.
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate}) {
        context.addHook("Segment", point, 100, [&records](HookEvent& event) {
            std::string kind = event.record.value("kind", "dynamic");
            const auto& filter = event.record.value("filter", nlohmann::json());
            if (kind != "dynamic" || filter.is_null()) {
                return;
            }
            Query probe;
            probe.entity = event.record.value("target", "Contact");
            probe.limit = 1;
            try {
                probe.filter = Filter::fromJson(filter);
                records.query(Caller::systemCaller(), probe);
            } catch (const std::exception& e) {
                refuse("filter", std::string("the filter does not work: ") + e.what());
            }
        });
    }
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate}) {
        context.addHook("SegmentMember", point, 100, [&records](HookEvent& event) {
            bool contact = event.record.value("contact_id", nlohmann::json()).is_number_integer();
            bool company = event.record.value("company_id", nlohmann::json()).is_number_integer();
            if (contact == company) {
                refuse("contact_id", "a member is either a contact or a company");
            }
            // A member is listed once (a merge relies on this to drop the loser's copy).
            std::string field = contact ? "contact_id" : "company_id";
            Query same;
            same.entity = "SegmentMember";
            same.filter = Filter::allOf({Filter::eq("segment_id", event.record["segment_id"]),
                                       Filter::eq(field, event.record[field]),
                                       Filter::ne("id", event.id)});
            if (records.count(Caller::systemCaller(), same) > 0) {
                refuse(field, "is already a member of this segment");
            }
        });
    }

    context.addPanel(
        {Slot::DetailMain, "Segment", Permission::on("Segment", Action::Read), 10,
         [segments, &records](const PanelContext& panel) -> std::optional<PanelContent> {
             Query query = segments->membersQuery(panel.caller, panel.id);
             std::int64_t total = records.count(panel.caller, query);
             query.limit = kPanelRows;
             bool company = query.entity == "Company";
             std::string slug = company ? "companies" : "contacts";
             nlohmann::json rows = nlohmann::json::array();
             for (const auto& row : records.query(panel.caller, query).rows) {
                 rows.push_back({{"TITLE", row.value(company ? "name" : "full_name", "")},
                                 {"HREF", "/r/" + slug + "/" + row["id"].dump()}});
             }
             return PanelContent{"Members", "contacts.segment_members.tpl",
                                 {{"TOTAL", total},
                                  {"MEMBER", rows},
                                  {"MORE", total > static_cast<std::int64_t>(rows.size())},
                                  {"SHOWN", rows.size()},
                                  {"NONE", rows.empty()}}};
         }});
}

}  // namespace contacts
