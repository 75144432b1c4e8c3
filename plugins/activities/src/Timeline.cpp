#include "Timeline.hpp"

#include <algorithm>
#include <regex>
#include <tuple>

#include "Refuse.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

struct Cursor {
    std::string at;
    int rank = 2;
    std::int64_t id = 0;
};

Cursor parseCursor(const std::string& text) {
    static const std::regex kCursor(R"((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\.([01])\.(\d{1,18}))");
    std::smatch match;
    if (!std::regex_match(text, match, kCursor)) {
        refuse("after", "is not a cursor from a previous page");
    }
    return {match[1], std::stoi(match[2]), std::stoll(match[3])};
}

/// The kernel's audit time ("2026-03-02 10:00:00", "2026-03-02T10:00:00.123Z") as stored datetimes
/// are.
std::string normalizedTime(std::string at) {
    if (at.size() >= 19) {
        at = at.substr(0, 19);
        at[10] = 'T';
        return at + "Z";
    }
    return at;
}

bool before(const TimelineEntry& entry, const Cursor& cursor) {
    return std::tie(entry.at, entry.rank, entry.id) < std::tie(cursor.at, cursor.rank, cursor.id);
}

std::string display(const nlohmann::json& value) {
    if (value.is_null()) {
        return "(empty)";
    }
    std::string out = value.is_string() ? value.get<std::string>() : value.dump();
    return out.size() > 120 ? out.substr(0, 117) + "..." : out;
}

TimelineEntry fromAudit(const AuditEntry& audit) {
    TimelineEntry entry;
    entry.at = normalizedTime(audit.at);
    entry.rank = 0;
    entry.id = audit.id;
    entry.kind = "change";
    entry.actorId = audit.userId;
    if (audit.action == "update") {
        std::vector<std::string> names;
        for (const auto& [field, pair] : audit.changes.items()) {
            if (!pair.is_array() || pair.size() != 2) {
                continue;
            }
            names.push_back(field);
            entry.changes.push_back(
                {{"field", field}, {"old", display(pair[0])}, {"new", display(pair[1])}});
        }
        entry.title = "Changed " + (names.empty() ? std::string("the record") : "");
        for (std::size_t i = 0; i < names.size() && i < 4; ++i) {
            entry.title += (i ? ", " : "") + names[i];
        }
        if (names.size() > 4) {
            entry.title += " and " + std::to_string(names.size() - 4) + " more";
        }
    } else {
        static const std::map<std::string, std::string> kActions = {
            {"create", "Created"},
            {"delete", "Moved to the trash"},
            {"restore", "Restored"},
            {"import", "Imported"}};
        auto it = kActions.find(audit.action);
        entry.title = it == kActions.end() ? audit.action : it->second;
    }
    return entry;
}

TimelineEntry fromItem(const Record& item) {
    TimelineEntry entry;
    entry.at = text(item, "occurred_at");
    entry.rank = 1;
    entry.id = integer(item, "id");
    entry.kind = text(item, "kind");
    entry.title = text(item, "title");
    entry.summary = text(item, "summary");
    entry.link = text(item, "link");
    entry.actorId = integer(item, "actor_id");
    entry.sourceEntity = text(item, "source_entity");
    entry.sourceId = integer(item, "source_id");
    return entry;
}

}  // namespace

const std::vector<std::string>& Timeline::kinds() {
    static const std::vector<std::string> kKinds = {"call", "email", "meeting", "note",  "chat",
                                                    "sms",  "task",  "event",   "change"};
    return kKinds;
}

const std::map<std::string, std::string>& Timeline::labels() {
    static const std::map<std::string, std::string> kLabels = {
        {"call", "Call"}, {"email", "E-mail"}, {"meeting", "Meeting"},
        {"note", "Note"}, {"chat", "Chat"},    {"sms", "SMS"},
        {"task", "Task"}, {"event", "Event"},  {"change", "Change"}};
    return kLabels;
}

TimelinePage Timeline::read(const Caller& caller, const std::string& entity, std::int64_t id,
                            const std::set<std::string>& wanted, const std::string& after,
                            int limit) {
    limit = std::clamp(limit, 1, 200);
    shared_.records.get(caller, entity, id);  // the record's visibility is the timeline's
    std::optional<Cursor> cursor;
    if (!after.empty()) {
        cursor = parseCursor(after);
    }
    for (const auto& kind : wanted) {
        if (std::find(kinds().begin(), kinds().end(), kind) == kinds().end()) {
            refuse("types", "'" + kind.substr(0, 20) +
                                "' is not a kind of entry (call, email, meeting, note, chat, "
                                "sms, task, event, change)");
        }
    }
    auto include = [&wanted](const std::string& kind) {
        return wanted.empty() || wanted.contains(kind);
    };
    std::vector<TimelineEntry> merged;

    std::vector<std::string> itemKinds;
    for (const auto& kind : kinds()) {
        if (kind != "change" && include(kind)) {
            itemKinds.push_back(kind);
        }
    }
    if (!itemKinds.empty()) {
        Query query;
        query.entity = kTimelineItem;
        std::vector<Filter> parts = {Filter::eq("record_entity", entity),
                                     Filter::eq("record_id", id)};
        if (!wanted.empty()) {
            parts.push_back(Filter::in("kind", itemKinds));
        }
        if (cursor) {
            parts.push_back(
                cursor->rank == 1
                    ? Filter::anyOf({Filter::lt("occurred_at", cursor->at),
                                     Filter::allOf({Filter::eq("occurred_at", cursor->at),
                                                    Filter::lt("id", cursor->id)})})
                    : Filter::lt("occurred_at", cursor->at));
        }
        query.filter = Filter::allOf(parts);
        query.sort = {{"occurred_at", true}, {"id", true}};
        query.limit = limit + 1;
        for (const auto& row : shared_.records.query(Caller::systemCaller(), query).rows) {
            merged.push_back(fromItem(row));
        }
    }
    if (include("change")) {
        for (const auto& audit : shared_.records.history(caller, entity, id)) {
            TimelineEntry entry = fromAudit(audit);
            if (!cursor || before(entry, *cursor)) {
                merged.push_back(std::move(entry));
            }
        }
    }
    std::sort(merged.begin(), merged.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
        return std::tie(a.at, a.rank, a.id) > std::tie(b.at, b.rank, b.id);
    });
    TimelinePage page;
    if (static_cast<int>(merged.size()) > limit) {
        merged.resize(static_cast<std::size_t>(limit));
        const auto& last = merged.back();
        page.nextCursor = last.at + "." + std::to_string(last.rank) + "." + std::to_string(last.id);
    }
    page.entries = std::move(merged);
    return page;
}

}  // namespace activities
