#include "LeadHooks.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

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

/// Campaign names by id, remembered for a few seconds (every form entry names its campaign);
/// dropped when a campaign changes on this node. Thread-safe.
class CampaignNames {
public:
    explicit CampaignNames(Records& records) : records_(records) {}

    /// The name, or nothing when no campaign has the id.
    std::optional<std::string> of(std::int64_t id) {
        auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(mutex_);
            if (auto it = names_.find(id); it != names_.end() && now - it->second.second < std::chrono::seconds(5)) {
                return it->second.first;
            }
        }
        try {
            std::string name = text(records_.get(Caller::systemCaller(), "Campaign", id), "name");
            std::lock_guard lock(mutex_);
            names_[id] = {name, now};
            return name;
        } catch (const PluginError& e) {
            if (e.error().code != "not_found") {
                throw;
            }
            return std::nullopt;
        }
    }

    void forget() {
        std::lock_guard lock(mutex_);
        names_.clear();
    }

private:
    Records& records_;
    std::mutex mutex_;
    std::map<std::int64_t, std::pair<std::string, std::chrono::steady_clock::time_point>> names_;
};

/// Copies the campaign's name onto the lead, refusing an id that names no campaign.
void nameCampaign(CampaignNames& campaigns, HookEvent& event) {
    auto id = valueOr(event.record, "campaign_id");
    if (id.is_null()) {
        event.record["campaign_name"] = nullptr;
        return;
    }
    if (id == valueOr(event.previous, "campaign_id") && !valueOr(event.previous, "campaign_name").is_null()) {
        return;
    }
    auto name = campaigns.of(integer(event.record, "campaign_id"));
    if (!name) {
        refuse("campaign_id", "there is no campaign " + id.dump().substr(0, 20));
    }
    event.record["campaign_name"] = *name;
}

/// An unqualified lead says why, so analytics can tell bad sources from bad timing.
void requireReason(HookEvent& event) {
    if (text(event.record, "status") == "unqualified" && text(event.record, "unqualified_reason").empty()) {
        refuse("unqualified_reason", "is required when the status is Unqualified");
    }
    if (text(event.record, "status") != "unqualified" && text(event.previous, "status") == "unqualified" &&
        valueOr(event.record, "unqualified_reason") == valueOr(event.previous, "unqualified_reason")) {
        event.record["unqualified_reason"] = nullptr;  // requalified: the old reason no longer holds
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
    auto campaigns = std::make_shared<CampaignNames>(context.records());
    context.addHook("Lead", HookPoint::BeforeCreate, 10, [campaigns](HookEvent& event) {
        beforeCreate(event);
        requireReason(event);
        nameCampaign(*campaigns, event);
    });
    context.addHook("Lead", HookPoint::BeforeUpdate, 10, [campaigns](HookEvent& event) {
        beforeUpdate(event);
        requireReason(event);
        nameCampaign(*campaigns, event);
    });
    for (auto point : {HookPoint::AfterUpdate, HookPoint::AfterDelete}) {
        context.addHook("Campaign", point, 900, [campaigns](HookEvent&) { campaigns->forget(); });
    }
}

}  // namespace leads
