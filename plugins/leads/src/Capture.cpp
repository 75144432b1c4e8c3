#include "Capture.hpp"

#include "Behaviour.hpp"
#include "FormFields.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

bool hasMarkup(const std::string& value) {
    for (char c : value) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '<' || c == '>' || (byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7F) {
            return true;
        }
    }
    return false;
}

}  // namespace

Capture::Capture(Records& records, CaptureLimits limits, int ratePerWindow, std::chrono::seconds window)
    : records_(records), limits_(limits), limiter_(ratePerWindow, window) {}

std::optional<Record> Capture::campaign(const std::string& formKey) {
    if (formKey.empty() || formKey.size() > 40) {
        return std::nullopt;
    }
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        if (auto it = campaigns_.find(formKey); it != campaigns_.end() && now - it->second.second < std::chrono::seconds(5)) {
            return it->second.first;
        }
    }
    Query query;
    query.entity = "Campaign";
    query.filter = Filter::allOf({Filter::eq("form_key", formKey), Filter::eq("form_enabled", true)});
    query.limit = 1;
    auto rows = records_.query(Caller::systemCaller(), query).rows;
    if (rows.empty()) {
        return std::nullopt;
    }
    std::lock_guard lock(mutex_);
    if (campaigns_.size() > 1000) {
        campaigns_.clear();
    }
    campaigns_[formKey] = {rows[0], now};
    return rows[0];
}

void Capture::forgetCampaigns() {
    std::lock_guard lock(mutex_);
    campaigns_.clear();
}

CaptureOutcome Capture::submit(const std::string& formKey, const std::map<std::string, std::string>& inputs,
                               const std::string& address, std::size_t bodyBytes) {
    CaptureOutcome outcome;
    if (bodyBytes > limits_.maxBytes) {
        outcome.kind = CaptureOutcome::Kind::TooLarge;
        return outcome;
    }
    if (!limiter_.allow(address)) {
        outcome.kind = CaptureOutcome::Kind::Limited;
        return outcome;
    }
    auto campaign = this->campaign(formKey);
    if (!campaign) {
        outcome.kind = CaptureOutcome::Kind::NoForm;
        return outcome;
    }
    outcome.campaign = *campaign;
    if (auto trap = inputs.find(kHoneypot); trap != inputs.end() && !trap->second.empty()) {
        outcome.kind = CaptureOutcome::Kind::Ignored;
        return outcome;
    }
    if (inputs.size() > limits_.maxInputs) {
        outcome.errors["form"] = "has more than " + std::to_string(limits_.maxInputs) + " inputs";
        return outcome;
    }
    auto allowed = formFieldsOf(*campaign);
    for (const char* utm : {"utm_source", "utm_medium", "utm_campaign"}) {
        allowed.push_back(utm);
    }
    nlohmann::json mapping = campaign->value("field_mapping", nlohmann::json::object());
    Record values = Record::object();
    for (const auto& [name, raw] : inputs) {
        std::string field = name;
        if (mapping.is_object() && mapping.contains(name) && mapping[name].is_string()) {
            field = mapping[name].get<std::string>();
        }
        if (std::find(allowed.begin(), allowed.end(), field) == allowed.end()) {
            continue;  // inputs the form does not ask for are dropped, not stored
        }
        std::string value = trim(raw);
        if (value.size() > limits_.maxFieldLength) {
            outcome.errors[field] = "is longer than " + std::to_string(limits_.maxFieldLength) + " characters";
        } else if (hasMarkup(value)) {
            outcome.errors[field] = "must be plain text, without < > or control characters";
        } else if (!value.empty()) {
            values[field] = value;
        }
    }
    for (const auto& field : requiredFieldsOf(*campaign)) {
        if (!values.contains(field) && !outcome.errors.contains(field)) {
            outcome.errors[field] = "is required";
        }
    }
    if (values.contains("company_size")) {
        try {
            std::size_t used = 0;
            long long size = std::stoll(values["company_size"].get<std::string>(), &used);
            if (used != values["company_size"].get<std::string>().size() || size < 0) {
                throw std::invalid_argument("not a count");
            }
            values["company_size"] = size;
        } catch (const std::exception&) {
            outcome.errors["company_size"] = "must be a whole number of employees";
        }
    }
    if (!outcome.errors.empty()) {
        return outcome;
    }
    try {
        if (auto existing = openLeadWithEmail(records_, text(values, "email"))) {
            recordBehaviour(records_, *existing, "form_submission", values);
            outcome.leadId = integer(*existing, "id");
            outcome.merged = true;
        } else {
            values["source"] = text(*campaign, "channel").empty() ? "web_form" : text(*campaign, "channel");
            values["campaign_id"] = (*campaign)["id"];
            values["behaviour"] = {{"form_submission", 1}};
            outcome.leadId = integer(records_.create(Caller::systemCaller(), "Lead", values), "id");
        }
    } catch (const PluginError& e) {
        if (e.error().code != "validation") {
            throw;
        }
        outcome.errors = e.error().fields;
        if (outcome.errors.empty()) {
            outcome.errors["form"] = e.error().message;
        }
        return outcome;
    }
    outcome.kind = CaptureOutcome::Kind::Stored;
    return outcome;
}

}  // namespace leads
