#include "ContactHooks.hpp"

#include <chrono>
#include <ctime>

#include "Normalize.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

std::string text(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
    throw PluginError(Error{"validation", message, {{field, message}}});
}

void composeName(HookEvent& event) {
    std::string first = trim(text(event.record, "first_name"));
    std::string last = trim(text(event.record, "last_name"));
    if (event.record.contains("first_name") && event.record["first_name"].is_string()) {
        event.record["first_name"] = first;
    }
    if (event.record.contains("last_name") && event.record["last_name"].is_string()) {
        event.record["last_name"] = last;
    }
    std::string full = first.empty() ? last : (last.empty() ? first : first + " " + last);
    event.record["full_name"] = full;
}

void normalizeChannels(HookEvent& event) {
    if (event.record.contains("email") && event.record["email"].is_string()) {
        event.record["email"] = normalizeEmail(text(event.record, "email")).empty()
                                    ? trim(text(event.record, "email"))
                                    : normalizeEmail(text(event.record, "email"));
    }
    std::string phone = text(event.record, "phone");
    if (phone.empty()) {
        phone = text(event.record, "mobile");
    }
    std::string key = normalizePhone(phone);
    event.record["phone_key"] = key.empty() ? nlohmann::json() : nlohmann::json(key);
}

void fillDomain(HookEvent& event) {
    std::string domain = domainOf(text(event.record, "domain"));
    if (domain.empty()) {
        domain = domainOf(text(event.record, "website"));
    }
    if (domain.empty()) {
        domain = companyDomainOfEmail(text(event.record, "email"));
    }
    event.record["domain"] = domain.empty() ? nlohmann::json() : nlohmann::json(domain);
}

void refuseParentCycle(Records& records, HookEvent& event) {
    if (!event.record.contains("parent_id") || !event.record["parent_id"].is_number_integer()) {
        return;
    }
    std::int64_t parent = event.record["parent_id"].get<std::int64_t>();
    for (int depth = 0; parent != 0 && depth < 64; ++depth) {
        if (event.id != 0 && parent == event.id) {
            refuse("parent_id", "this parent would make the company its own ancestor");
        }
        Record above = records.get(Caller::systemCaller(), "Company", parent);
        parent =
            above["parent_id"].is_number_integer() ? above["parent_id"].get<std::int64_t>() : 0;
    }
}

void normalizeContactPoint(HookEvent& event) {
    std::string kind = text(event.record, "kind");
    std::string value = trim(text(event.record, "value"));
    event.record["value"] = value;
    std::string normalized;
    if (kind == "email") {
        normalized = normalizeEmail(value);
        if (normalized.empty() || normalized.find('.', normalized.find('@')) == std::string::npos) {
            refuse("value", "an e-mail address looks like name@example.com");
        }
    } else if (kind == "phone" || kind == "mobile" || kind == "fax") {
        normalized = normalizePhone(value);
        if (normalized.empty()) {
            refuse("value", "a phone number needs at least 5 digits");
        }
    } else if (kind == "website") {
        normalized = domainOf(value);
    } else {
        normalized = value;
    }
    event.record["normalized"] = normalized;
    if (!event.record.contains("contact_id") && !event.record.contains("company_id")) {
        return;
    }
    bool hasContact = event.record.value("contact_id", nlohmann::json()).is_number_integer();
    bool hasCompany = event.record.value("company_id", nlohmann::json()).is_number_integer();
    if (!hasContact && !hasCompany) {
        refuse("contact_id", "a contact point belongs to a contact or a company");
    }
}

void recordStageChange(Records& records, HookEvent& event) {
    if (auto change = stageChangeOf(event)) {
        records.create(Caller::systemCaller(), "StageChange", *change);
    }
}

}  // namespace

void prepareRecord(Records& records, HookEvent& event) {
    if (event.entity == "Contact") {
        composeName(event);
        normalizeChannels(event);
    } else if (event.entity == "Company") {
        if (event.record.contains("name") && event.record["name"].is_string()) {
            event.record["name"] = trim(text(event.record, "name"));
        }
        normalizeChannels(event);
        fillDomain(event);
        refuseParentCycle(records, event);
    }
}

std::optional<Record> stageChangeOf(const HookEvent& event) {
    std::string before = text(event.previous, "lifecycle_stage");
    std::string after = text(event.record, "lifecycle_stage");
    if (before == after) {
        return std::nullopt;
    }
    return Record{{"from_stage", before.empty() ? nlohmann::json() : nlohmann::json(before)},
                  {"to_stage", after},
                  {"changed_at", nowIso()},
                  {"changed_by", event.caller.userId},
                  {event.entity == "Company" ? "company_id" : "contact_id", event.id}};
}

std::string nowIso() {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

void addContactHooks(PluginContext& context) {
    Records& records = context.records();
    for (HookPoint point : {HookPoint::BeforeCreate, HookPoint::BeforeUpdate}) {
        for (const char* entity : {"Contact", "Company"}) {
            context.addHook(entity, point, 100,
                            [&records](HookEvent& event) { prepareRecord(records, event); });
        }
        context.addHook("ContactPoint", point, 100, normalizeContactPoint);
    }
    // Stage history is written by the hooks below, as the system, and never edited.
    context.addHook("StageChange", HookPoint::BeforeCreate, 0, [](HookEvent& event) {
        if (!event.caller.system) {
            refuse("to_stage", "stage changes are recorded by themselves when a stage changes");
        }
    });
    context.addHook("StageChange", HookPoint::BeforeUpdate, 0, [](HookEvent&) {
        refuse("to_stage", "the lifecycle history cannot be edited");
    });
    for (HookPoint point : {HookPoint::AfterCreate, HookPoint::AfterUpdate}) {
        for (const char* entity : {"Contact", "Company"}) {
            context.addHook(entity, point, 100,
                            [&records](HookEvent& event) { recordStageChange(records, event); });
        }
    }
}

}  // namespace contacts
