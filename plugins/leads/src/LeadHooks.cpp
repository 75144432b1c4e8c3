#include "LeadHooks.hpp"

#include "Converting.hpp"
#include "Refuse.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

/// Written by Tessera (behaviour events, reminders, conversion): a user's value is replaced by
/// the stored one, so forms that send every field back change nothing here.
constexpr const char* kKeptFields[] = {
    "behaviour",  "assignment_rule_id", "assigned_at", "last_touched_at", "reminded_at",
    "escalated_at", "follow_up_reminded_at", "converted_at", "days_to_convert",
    "converted_company_id", "converted_contact_id", "converted_deal_id"};

nlohmann::json valueOr(const Record& record, const char* field) {
    return record.is_object() ? record.value(field, nlohmann::json()) : nlohmann::json();
}

void derive(HookEvent& event) {
    Record& lead = event.record;
    for (const char* field : {"first_name", "last_name", "company_name", "job_title"}) {
        if (lead.contains(field) && lead[field].is_string()) {
            std::string value = trim(lead[field].get<std::string>());
            lead[field] = value.empty() ? nlohmann::json() : nlohmann::json(value);
        }
    }
    if (std::string email = normalizeEmail(text(lead, "email")); !email.empty()) {
        lead["email"] = email;
    }
    std::string name = trim(text(lead, "first_name") + " " + text(lead, "last_name"));
    if (name.empty()) {
        name = !text(lead, "email").empty() ? text(lead, "email") : text(lead, "company_name");
    }
    if (name.empty()) {
        refuseIfAny({{"last_name", "a lead needs a name, an e-mail address or a company"}});
    }
    lead["full_name"] = name.substr(0, 300);
    std::string phone = normalizePhone(text(lead, "phone"));
    lead["phone_key"] = phone.empty() ? nlohmann::json() : nlohmann::json(phone);
    if (text(lead, "company_domain").empty()) {
        std::string domain = domainOf(text(lead, "website"));
        if (domain.empty()) {
            domain = domainOf(text(lead, "email"));
            domain = isFreeMailDomain(domain) ? "" : domain;
        }
        lead["company_domain"] = domain.empty() ? nlohmann::json() : nlohmann::json(domain);
    } else {
        std::string domain = domainOf(text(lead, "company_domain"));
        lead["company_domain"] = domain.empty() ? nlohmann::json() : nlohmann::json(domain);
    }
    if (!lead.contains("behaviour") || !lead["behaviour"].is_object()) {
        lead["behaviour"] = valueOr(event.previous, "behaviour").is_object() ? event.previous["behaviour"]
                                                                              : nlohmann::json::object();
    }
}

/// Copies the campaign's name onto the lead, refusing an id that names no campaign.
void nameCampaign(Records& records, HookEvent& event) {
    auto id = valueOr(event.record, "campaign_id");
    if (id.is_null()) {
        event.record["campaign_name"] = nullptr;
        return;
    }
    if (id == valueOr(event.previous, "campaign_id") && !valueOr(event.previous, "campaign_name").is_null()) {
        return;
    }
    try {
        Record campaign = records.get(Caller::systemCaller(), "Campaign", integer(event.record, "campaign_id"));
        event.record["campaign_name"] = campaign["name"];
    } catch (const PluginError& e) {
        if (e.error().code != "not_found") {
            throw;
        }
        refuse("campaign_id", "there is no campaign " + id.dump().substr(0, 20));
    }
}

void beforeCreate(HookEvent& event) {
    if (text(event.record, "status") == "converted") {
        refuse("status", "a new lead cannot be converted already: create it, then convert it");
    }
    if (!event.caller.system) {
        for (const char* field : kKeptFields) {
            event.record.erase(field);
        }
    }
    if (event.record.value("last_touched_at", nlohmann::json()).is_null()) {
        event.record["last_touched_at"] = isoNow();  // the reminders count from the lead's arrival
    }
    derive(event);
}

void beforeUpdate(HookEvent& event) {
    bool converting = ConvertingScope::active();
    std::string was = text(event.previous, "status");
    if (was == "converted" && !event.caller.system && !converting) {
        refuse("status", "this lead was converted on " + text(event.previous, "converted_at").substr(0, 10) +
                             " and is read-only; work on the contact, company or deal it became");
    }
    if (text(event.record, "status") == "converted" && was != "converted" && !converting) {
        refuse("status", "use Convert to turn the lead into a company, contact and deal");
    }
    if (!event.caller.system && !converting) {
        for (const char* field : kKeptFields) {
            event.record[field] = valueOr(event.previous, field);
        }
        event.record["last_touched_at"] = isoNow();
        event.record["reminded_at"] = nullptr;
        event.record["escalated_at"] = nullptr;
    }
    if (valueOr(event.record, "next_follow_up") != valueOr(event.previous, "next_follow_up")) {
        event.record["follow_up_reminded_at"] = nullptr;
    }
    derive(event);
}

}  // namespace

void addLeadHooks(PluginContext& context) {
    Records& records = context.records();
    context.addHook("Lead", HookPoint::BeforeCreate, 10, [&records](HookEvent& event) {
        beforeCreate(event);
        nameCampaign(records, event);
    });
    context.addHook("Lead", HookPoint::BeforeUpdate, 10, [&records](HookEvent& event) {
        beforeUpdate(event);
        nameCampaign(records, event);
    });
}

}  // namespace leads
