#include "Conversion.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

std::int64_t idParam(const std::string& value) {
    try {
        std::size_t used = 0;
        long long id = std::stoll(value, &used);
        if (used == value.size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
    }
    throw PluginError("not_found", "no lead has the id '" + value.substr(0, 40) + "'");
}

std::int64_t optionalId(const std::optional<std::string>& value, const std::string& field) {
    if (!value || trim(*value).empty()) {
        return 0;
    }
    try {
        std::size_t used = 0;
        long long id = std::stoll(trim(*value), &used);
        if (used == trim(*value).size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
    }
    throw PluginError(Error{"validation", field + ": must be a record id", {{field, "must be a record id"}}});
}

std::optional<double> optionalAmount(const std::optional<std::string>& value) {
    if (!value || trim(*value).empty()) {
        return std::nullopt;
    }
    Record holder = {{"v", trim(*value)}};
    auto amount = number(holder, "v");
    if (!amount || *amount < 0) {
        throw PluginError(Error{"validation", "amount: must be a number of at least 0", {{"amount", "must be a number of at least 0"}}});
    }
    return amount;
}

ConversionRequest fromForm(const WebRequest& request) {
    ConversionRequest conversion;
    conversion.companyId = optionalId(request.form("company_id"), "company_id");
    conversion.contactId = optionalId(request.form("contact_id"), "contact_id");
    conversion.createDeal = request.form("create_deal").value_or("") == "1";
    conversion.dealName = request.form("deal_name").value_or("");
    conversion.pipelineId = optionalId(request.form("pipeline_id"), "pipeline_id");
    conversion.amount = optionalAmount(request.form("amount"));
    return conversion;
}

ConversionRequest fromJson(const nlohmann::json& body) {
    auto optional = [&body](const char* field) -> std::optional<std::string> {
        if (!body.contains(field) || body[field].is_null()) {
            return std::nullopt;
        }
        return body[field].is_string() ? body[field].get<std::string>() : body[field].dump();
    };
    ConversionRequest conversion;
    conversion.companyId = optionalId(optional("company_id"), "company_id");
    conversion.contactId = optionalId(optional("contact_id"), "contact_id");
    conversion.createDeal = body.value("create_deal", false) == true;
    conversion.dealName = text(body, "deal_name");
    conversion.pipelineId = optionalId(optional("pipeline_id"), "pipeline_id");
    conversion.amount = optionalAmount(optional("amount"));
    conversion.currency = text(body, "currency");
    return conversion;
}

nlohmann::json resultJson(const ConversionResult& result) {
    return {{"lead_id", result.leadId},
            {"company_id", result.companyId == 0 ? nlohmann::json() : nlohmann::json(result.companyId)},
            {"contact_id", result.contactId},
            {"deal_id", result.dealId == 0 ? nlohmann::json() : nlohmann::json(result.dealId)},
            {"company_created", result.companyCreated},
            {"contact_created", result.contactCreated}};
}

nlohmann::json pipelines(Records& records, const Caller& caller) {
    nlohmann::json out = nlohmann::json::array();
    try {
        Query query;
        query.entity = "Pipeline";
        query.sort = {{"name", false}};
        query.limit = 100;
        for (const auto& row : records.query(caller, query).rows) {
            out.push_back({{"VALUE", row["id"]}, {"LABEL", text(row, "name")}});
        }
    } catch (const PluginError&) {
    }
    return out;
}

}  // namespace

void addConversion(PluginContext& context, Conversion& conversion) {
    Records& records = context.records();
    context.addRoute({"POST", "/api/v1/p/leads/leads/{id}/convert", Permission::on("Lead", Action::Update),
                      [&conversion](const WebRequest& request) {
                          auto body = request.body().empty() ? nlohmann::json::object()
                                                             : nlohmann::json::parse(request.body(), nullptr, false);
                          if (!body.is_object()) {
                              throw PluginError(Error{"validation", "body: send a JSON object", {{"body", "send a JSON object"}}});
                          }
                          auto result = conversion.convert(request.caller(), idParam(request.param("id")), fromJson(body));
                          return WebResponse::json(resultJson(result));
                      }});
    context.addRoute({"POST", "/p/leads/leads/{id}/convert", Permission::on("Lead", Action::Update),
                      [&conversion](const WebRequest& request) {
                          auto result = conversion.convert(request.caller(), idParam(request.param("id")), fromForm(request));
                          if (result.dealId != 0) {
                              return WebResponse::redirect("/r/deals/" + std::to_string(result.dealId),
                                                           "The lead was converted; here is its deal.");
                          }
                          return WebResponse::redirect("/r/contacts/" + std::to_string(result.contactId),
                                                       "The lead was converted; here is its contact.");
                      }});
    context.addRoute({"POST", "/p/leads/convert", Permission::on("Lead", Action::Update),
                      [&conversion](const WebRequest& request) {
                          auto ids = request.formAll("ids");
                          if (ids.empty()) {
                              return WebResponse::redirect("/p/leads/list", "Tick the leads to convert first.");
                          }
                          if (ids.size() > 200) {
                              return WebResponse::redirect("/p/leads/list", "Convert at most 200 leads at once.");
                          }
                          ConversionRequest choice;
                          choice.createDeal = request.form("create_deal").value_or("") == "1";
                          int converted = 0;
                          std::string refused;
                          for (const auto& id : ids) {
                              try {
                                  conversion.convert(request.caller(), idParam(id), choice);
                                  ++converted;
                              } catch (const PluginError& e) {
                                  if (refused.size() < 300) {
                                      refused += (refused.empty() ? "" : "; ") + ("lead " + id.substr(0, 20) + ": " + e.what());
                                  }
                              }
                          }
                          std::string flash = "Converted " + std::to_string(converted) + " of " +
                                              std::to_string(ids.size()) + " leads.";
                          if (!refused.empty()) {
                              flash += " Not converted: " + refused;
                          }
                          return WebResponse::redirect("/p/leads/list", flash);
                      }});
    context.addPanel({Slot::DetailMain, "Lead", Permission::on("Lead", Action::Read), 10,
                      [&records, &conversion](const PanelContext& panel) -> std::optional<PanelContent> {
                          if (!panel.record) {
                              return std::nullopt;
                          }
                          const Record& lead = *panel.record;
                          if (text(lead, "status") == "converted") {
                              nlohmann::json data = {{"CONVERTED_AT", text(lead, "converted_at").substr(0, 10)},
                                                     {"CONTACT_ID", text(lead, "converted_contact_id")}};
                              if (!text(lead, "converted_company_id").empty()) {
                                  data["COMPANY_ID"] = text(lead, "converted_company_id");
                                  data["HAS_COMPANY"] = true;
                              }
                              if (!text(lead, "converted_deal_id").empty()) {
                                  data["DEAL_ID"] = text(lead, "converted_deal_id");
                                  data["HAS_DEAL"] = true;
                              }
                              return PanelContent{"Converted", "leads.converted_panel.tpl", data};
                          }
                          if (!records.explain(panel.caller, "Lead", panel.id, Action::Update).allowed) {
                              return std::nullopt;
                          }
                          nlohmann::json data = {{"ID", panel.id},
                                                 {"CSRF", panel.csrfToken},
                                                 {"COMPANY", text(lead, "company_name")},
                                                 {"NEEDS_LAST_NAME", text(lead, "last_name").empty()}};
                          if (conversion.dealsEnabled()) {
                              data["DEALS"] = true;
                              data["PIPELINE"] = pipelines(records, panel.caller);
                          }
                          return PanelContent{"Convert", "leads.convert_panel.tpl", data};
                      }});
}

}  // namespace leads
