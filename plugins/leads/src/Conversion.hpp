#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <tessera/sdk/PluginContext.hpp>

namespace leads {

/// What to make of a lead. Zero ids: match by domain / e-mail address, else create.
struct ConversionRequest {
    std::int64_t companyId = 0;
    std::int64_t contactId = 0;
    bool createDeal = false;
    std::string dealName;             ///< empty: "<company> – <lead>"
    std::int64_t pipelineId = 0;      ///< 0: the default pipeline
    std::optional<double> amount;
    std::string currency;             ///< empty: the plugin's currency setting
};

/// What the lead became.
struct ConversionResult {
    std::int64_t leadId = 0;
    std::int64_t companyId = 0;  ///< 0 when the lead names no company
    std::int64_t contactId = 0;
    std::int64_t dealId = 0;     ///< 0 when no deal was asked for
    bool companyCreated = false;
    bool contactCreated = false;
};

/// Turns leads into a company, a contact and a deal in one transaction: either all of it is
/// written (the activities moved to the contact, the lead marked converted with its links) or
/// nothing is. Thread-safe.
class Conversion {
public:
    Conversion(tessera::sdk::PluginContext& context, std::string currency);

    ConversionResult convert(const tessera::sdk::Caller& caller, std::int64_t leadId,
                             const ConversionRequest& request);
    /// Whether the deals plugin is running (its Deal entity exists).
    bool dealsEnabled();

private:
    std::int64_t company(const tessera::sdk::Caller& caller, const tessera::sdk::Record& lead,
                         const ConversionRequest& request, ConversionResult& result);
    std::int64_t contact(const tessera::sdk::Caller& caller, const tessera::sdk::Record& lead,
                         const ConversionRequest& request, ConversionResult& result);
    std::int64_t deal(const tessera::sdk::Caller& caller, const tessera::sdk::Record& lead,
                      const ConversionRequest& request, const ConversionResult& result);
    void moveActivities(const tessera::sdk::Record& lead, std::int64_t contactId);
    bool entityExists(const std::string& entity);

    tessera::sdk::PluginContext& context_;
    tessera::sdk::Records& records_;
    std::string currency_;
};

/// The conversion from a lead's page (a panel with the choices), the JSON API
/// (POST /api/v1/p/leads/leads/{id}/convert) and the bulk action of the leads list.
void addConversion(tessera::sdk::PluginContext& context, Conversion& conversion);

}  // namespace leads
