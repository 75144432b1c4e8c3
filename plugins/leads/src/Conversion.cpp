#include "Conversion.hpp"

#include "Converting.hpp"
#include "Refuse.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

std::optional<Record> first(Records& records, const Caller& caller, const std::string& entity, Filter filter) {
    Query query;
    query.entity = entity;
    query.filter = std::move(filter);
    query.sort = {{"id", false}};
    query.limit = 1;
    auto rows = records.query(caller, query).rows;
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0];
}

Record withoutNulls(Record values) {
    for (auto it = values.begin(); it != values.end();) {
        it = it->is_null() || (it->is_string() && it->get<std::string>().empty()) ? values.erase(it) : std::next(it);
    }
    return values;
}

}  // namespace

Conversion::Conversion(PluginContext& context, std::string currency)
    : context_(context), records_(context.records()), currency_(std::move(currency)) {}

bool Conversion::entityExists(const std::string& entity) {
    try {
        Query probe;
        probe.entity = entity;
        probe.limit = 1;
        probe.fields = {"id"};
        records_.query(Caller::systemCaller(), probe);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

bool Conversion::dealsEnabled() { return entityExists("Deal"); }

std::int64_t Conversion::company(const Caller& caller, const Record& lead, const ConversionRequest& request,
                                 ConversionResult& result) {
    if (request.companyId != 0) {
        return integer(records_.get(caller, "Company", request.companyId), "id");
    }
    std::string domain = text(lead, "company_domain");
    std::string name = text(lead, "company_name");
    if (!domain.empty()) {
        if (auto match = first(records_, caller, "Company", Filter::eq("domain", domain))) {
            return integer(*match, "id");
        }
    }
    if (!name.empty()) {
        if (auto match = first(records_, caller, "Company", Filter::eq("name", name))) {
            return integer(*match, "id");
        }
    }
    if (name.empty()) {
        return 0;
    }
    Record values = withoutNulls({{"name", name},
                                  {"domain", lead.value("company_domain", nlohmann::json())},
                                  {"website", lead.value("website", nlohmann::json())},
                                  {"industry", lead.value("industry", nlohmann::json())},
                                  {"employees", lead.value("company_size", nlohmann::json())},
                                  {"country", lead.value("country", nlohmann::json())},
                                  {"lifecycle_stage", "prospect"}});
    result.companyCreated = true;
    return integer(records_.create(caller, "Company", values), "id");
}

std::int64_t Conversion::contact(const Caller& caller, const Record& lead, const ConversionRequest& request,
                                 ConversionResult& result) {
    if (request.contactId != 0) {
        return integer(records_.get(caller, "Contact", request.contactId), "id");
    }
    if (std::string email = text(lead, "email"); !email.empty()) {
        if (auto match = first(records_, caller, "Contact", Filter::eq("email", email))) {
            return integer(*match, "id");
        }
    }
    if (text(lead, "last_name").empty()) {
        refuse("last_name", "the lead needs a last name to become a contact: add it, then convert");
    }
    Record values = withoutNulls({{"first_name", lead.value("first_name", nlohmann::json())},
                                  {"last_name", lead.value("last_name", nlohmann::json())},
                                  {"email", lead.value("email", nlohmann::json())},
                                  {"phone", lead.value("phone", nlohmann::json())},
                                  {"job_title", lead.value("job_title", nlohmann::json())},
                                  {"country", lead.value("country", nlohmann::json())},
                                  {"lifecycle_stage", "prospect"}});
    if (result.companyId != 0) {
        values["company_id"] = result.companyId;
    }
    result.contactCreated = true;
    return integer(records_.create(caller, "Contact", values), "id");
}

std::int64_t Conversion::deal(const Caller& caller, const Record& lead, const ConversionRequest& request,
                              const ConversionResult& result) {
    std::string name = trim(request.dealName);
    if (name.empty()) {
        std::string company = text(lead, "company_name");
        name = (company.empty() ? "" : company + " – ") + text(lead, "full_name");
    }
    Record values = {{"name", name.substr(0, 200)},
                     {"source", text(lead, "campaign_id").empty() ? "lead" : "campaign"},
                     {"source_detail", ("Lead " + std::to_string(integer(lead, "id")) + ": " +
                                        text(lead, "full_name")).substr(0, 200)}};
    if (result.companyId != 0) {
        values["company_id"] = result.companyId;
    }
    if (request.pipelineId != 0) {
        values["pipeline_id"] = request.pipelineId;
    }
    if (request.amount) {
        values["amount"] = {{"amount", *request.amount},
                            {"currency", request.currency.empty() ? currency_ : request.currency}};
    }
    std::int64_t dealId = integer(records_.create(caller, "Deal", values), "id");
    records_.create(caller, "DealContact",
                    {{"deal_id", dealId}, {"contact_id", result.contactId}, {"role", "decision_maker"}});
    return dealId;
}

void Conversion::moveActivities(const Record& lead, std::int64_t contactId) {
    const Caller system = Caller::systemCaller();
    // Activities first: their own hooks move their timeline entries; the other entries after.
    for (const char* entity : {"Interaction", "Task", "Meeting", "TimelineItem"}) {
        if (!entityExists(entity)) {
            continue;
        }
        Query linked;
        linked.entity = entity;
        linked.filter = Filter::allOf({Filter::eq("record_entity", "Lead"), Filter::eq("record_id", lead["id"])});
        linked.fields = {"id", "version"};
        linked.limit = 1000;
        for (const auto& row : queryAll(records_, system, linked)) {
            records_.update(system, entity, integer(row, "id"), integer(row, "version"),
                            {{"record_entity", "Contact"}, {"record_id", contactId}});
        }
    }
}

ConversionResult Conversion::convert(const Caller& caller, std::int64_t leadId, const ConversionRequest& request) {
    ConversionResult result;
    result.leadId = leadId;
    records_.transaction([&] {
        Record lead = records_.get(caller, "Lead", leadId);
        if (text(lead, "status") == "converted") {
            throw PluginError("conflict", "lead " + std::to_string(leadId) + " was converted already");
        }
        if (!records_.explain(caller, "Lead", leadId, Action::Update).allowed) {
            throw PluginError("forbidden", "you may not change lead " + std::to_string(leadId) +
                                               ", so you may not convert it");
        }
        if (request.createDeal && !dealsEnabled()) {
            refuse("create_deal", "deals are not enabled, so no deal can be made");
        }
        result.companyId = company(caller, lead, request, result);
        result.contactId = contact(caller, lead, request, result);
        if (request.createDeal) {
            result.dealId = deal(caller, lead, request, result);
        }
        moveActivities(lead, result.contactId);
        std::string now = isoNow();
        Record changes = {{"status", "converted"},
                          {"converted_at", now},
                          {"converted_contact_id", result.contactId},
                          {"converted_company_id", result.companyId == 0 ? nlohmann::json() : nlohmann::json(result.companyId)},
                          {"converted_deal_id", result.dealId == 0 ? nlohmann::json() : nlohmann::json(result.dealId)}};
        auto created = epochOf(text(lead, "created_at"));
        auto converted = epochOf(now);
        if (created && converted) {
            changes["days_to_convert"] = static_cast<double>(*converted - *created) / 86400.0;
        }
        {
            ConvertingScope converting;
            records_.update(caller, "Lead", leadId, integer(lead, "version"), changes);
        }
        context_.publish({"leads.converted",
                          {{"lead_id", leadId},
                           {"contact_id", result.contactId},
                           {"company_id", result.companyId},
                           {"deal_id", result.dealId},
                           {"userId", caller.userId},
                           {"timeline",
                            {{"entity", "Contact"},
                             {"id", result.contactId},
                             {"title", "Converted from lead " + text(lead, "full_name")},
                             {"summary", result.dealId != 0 ? "A deal was opened" : ""}}}}});
    });
    return result;
}

}  // namespace leads
