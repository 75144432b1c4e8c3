#pragma once

#include <string>
#include <vector>

#include <tessera/sdk/Query.hpp>

namespace leads {

/// The lead fields a campaign's form asks for (a short default when it names none).
std::vector<std::string> formFieldsOf(const tessera::sdk::Record& campaign);
/// The fields an entry must fill (the e-mail address when the campaign names none).
std::vector<std::string> requiredFieldsOf(const tessera::sdk::Record& campaign);
/// "Company size (employees)" for "company_size".
std::string fieldLabel(const std::string& field);
/// The HTML input type for a lead field ("email", "tel", "number", "url", "text", "textarea").
std::string inputType(const std::string& field);

}  // namespace leads
