#include "TimelineIndex.hpp"

#include <set>

#include "Activities.hpp"
#include "IsoTime.hpp"

namespace activities {

using namespace tessera::sdk;

namespace {

struct Target {
    std::string entity;
    std::int64_t id = 0;
    bool operator<(const Target& other) const {
        return std::tie(entity, id) < std::tie(other.entity, other.id);
    }
};

/// The records an activity appears on: its linked record, each contact involved, and the
/// company of each of those contacts (a company's timeline gathers what happened with its people).
std::set<Target> targetsOf(Records& records, const Record& source) {
    std::set<Target> targets;
    std::string entity = text(source, "record_entity");
    std::int64_t id = integer(source, "record_id");
    if (!entity.empty() && id > 0) {
        targets.insert({entity, id});
    }
    std::set<std::int64_t> contacts;
    if (entity == "Contact" && id > 0) {
        contacts.insert(id);
    }
    auto involved = source.value("contact_ids", nlohmann::json());
    if (involved.is_array()) {
        for (const auto& contact : involved) {
            if (contact.is_number_integer()) {
                contacts.insert(contact.get<std::int64_t>());
            }
        }
    }
    for (std::int64_t contact : contacts) {
        targets.insert({"Contact", contact});
        try {
            std::int64_t company =
                integer(records.get(Caller::systemCaller(), "Contact", contact), "company_id");
            if (company > 0) {
                targets.insert({"Company", company});
            }
        } catch (const PluginError&) {
            // A contact in the trash keeps its own entry but adds no company.
        }
    }
    return targets;
}

std::string shorten(const std::string& value, std::size_t size) {
    if (value.size() <= size) {
        return value;
    }
    std::size_t cut = size - 3;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
        --cut;  // never split a UTF-8 character
    }
    return value.substr(0, cut) + "...";
}

Record itemOf(const std::string& entity, const Record& source) {
    Record item = {{"source_entity", entity},
                   {"source_id", source["id"]},
                   {"owner_id", source.value("owner_id", nlohmann::json())},
                   {"team_id", source.value("team_id", nlohmann::json())},
                   {"actor_id", source.value("created_by", nlohmann::json())},
                   {"link", recordPath(entity, integer(source, "id"))}};
    if (entity == kInteraction) {
        item["kind"] = text(source, "kind");
        item["occurred_at"] = source["occurred_at"];
        item["title"] = shorten(text(source, "subject"), 300);
        item["summary"] = shorten(text(source, "body"), 500);
    } else if (entity == kTask) {
        std::string status = text(source, "status");
        item["kind"] = "task";
        std::string when = text(source, status == "done" ? "completed_at" : "due_at");
        item["occurred_at"] = when.empty() ? source["created_at"] : nlohmann::json(when);
        item["title"] = shorten(text(source, "title"), 300);
        item["summary"] = status;
    } else {
        item["kind"] = "meeting";
        item["occurred_at"] = source["starts_at"];
        item["title"] = shorten(text(source, "title"), 300);
        item["summary"] = shorten(text(source, "location"), 500);
    }
    return item;
}

Query itemsOf(const std::string& entity, std::int64_t id) {
    Query query;
    query.entity = kTimelineItem;
    query.filter =
        Filter::allOf({Filter::eq("source_entity", entity), Filter::eq("source_id", id)});
    query.limit = 1000;
    return query;
}

}  // namespace

void TimelineIndex::sync(const std::string& entity, const Record& source) {
    const Caller system = Caller::systemCaller();
    auto targets = targetsOf(records_, source);
    Record wanted = itemOf(entity, source);
    for (const auto& existing :
         records_.query(system, itemsOf(entity, integer(source, "id"))).rows) {
        Target target{text(existing, "record_entity"), integer(existing, "record_id")};
        if (!targets.erase(target)) {
            records_.purge(system, kTimelineItem, integer(existing, "id"));
            continue;
        }
        Record changes;
        for (const auto& [field, value] : wanted.items()) {
            if (existing.value(field, nlohmann::json()) != value) {
                changes[field] = value;
            }
        }
        if (!changes.empty()) {
            records_.update(system, kTimelineItem, integer(existing, "id"),
                            integer(existing, "version"), changes);
        }
    }
    for (const auto& target : targets) {
        Record item = wanted;
        item["record_entity"] = target.entity;
        item["record_id"] = target.id;
        records_.create(system, kTimelineItem, item);
    }
}

void TimelineIndex::drop(const std::string& entity, std::int64_t id) {
    const Caller system = Caller::systemCaller();
    for (const auto& existing : records_.query(system, itemsOf(entity, id)).rows) {
        records_.purge(system, kTimelineItem, integer(existing, "id"));
    }
}

void TimelineIndex::addEvent(const Event& event) {
    if (!event.payload.is_object()) {
        return;
    }
    auto entry = event.payload.find("timeline");
    if (entry == event.payload.end() || !entry->is_object()) {
        return;
    }
    std::string entity = text(*entry, "entity");
    std::int64_t id = integer(*entry, "id");
    std::string title = text(*entry, "title");
    if (entity.empty() || id <= 0 || title.empty()) {
        return;
    }
    std::string at = text(*entry, "at");
    Record item = {{"record_entity", entity},
                   {"record_id", id},
                   {"kind", "event"},
                   {"source_entity", event.type.substr(0, 64)},
                   {"occurred_at", parseUtc(at) ? at : formatUtc(nowUtc())},
                   {"title", shorten(title, 300)},
                   {"summary", shorten(text(*entry, "summary"), 500)},
                   {"actor_id", event.payload.value("userId", nlohmann::json())}};
    records_.create(Caller::systemCaller(), kTimelineItem, item);
}

void addTimelineIndex(PluginContext& context) {
    auto index = std::make_shared<TimelineIndex>(context.records());
    for (const char* entity : {kInteraction, kTask, kMeeting}) {
        std::string name = entity;
        auto write = [index, name](HookEvent& event) {
            Record stored = event.record;
            stored["id"] = event.id;
            index->sync(name, stored);
        };
        context.addHook(name, HookPoint::AfterCreate, 500, write);
        context.addHook(name, HookPoint::AfterUpdate, 500, write);
        context.addHook(name, HookPoint::AfterRestore, 500, write);
        context.addHook(name, HookPoint::AfterDelete, 500,
                        [index, name](HookEvent& event) { index->drop(name, event.id); });
    }
    context.subscribe("*", [index](const Event& event) { index->addEvent(event); });
}

}  // namespace activities
