#include "FormFields.hpp"

#include <map>

namespace leads {

using tessera::sdk::Record;

namespace {

std::vector<std::string> listOf(const Record& record, const std::string& field) {
    std::vector<std::string> out;
    auto value = record.value(field, nlohmann::json());
    if (value.is_array()) {
        for (const auto& item : value) {
            if (item.is_string()) {
                out.push_back(item.get<std::string>());
            }
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> formFieldsOf(const Record& campaign) {
    auto fields = listOf(campaign, "form_fields");
    if (fields.empty()) {
        fields = {"first_name", "last_name", "email", "phone", "company_name", "notes"};
    }
    return fields;
}

std::vector<std::string> requiredFieldsOf(const Record& campaign) {
    auto required = listOf(campaign, "required_fields");
    if (required.empty()) {
        required = {"email"};
    }
    return required;
}

std::string fieldLabel(const std::string& field) {
    static const std::map<std::string, std::string> kLabels = {
        {"first_name", "First name"},   {"last_name", "Last name"},   {"email", "E-mail"},
        {"phone", "Phone"},             {"job_title", "Job title"},   {"company_name", "Company"},
        {"website", "Website"},         {"industry", "Industry"},     {"company_size", "Employees"},
        {"country", "Country"},         {"region", "Region"},         {"notes", "Message"}};
    auto it = kLabels.find(field);
    return it == kLabels.end() ? field : it->second;
}

std::string inputType(const std::string& field) {
    if (field == "email") return "email";
    if (field == "phone") return "tel";
    if (field == "company_size") return "number";
    if (field == "website") return "url";
    if (field == "notes") return "textarea";
    return "text";
}

}  // namespace leads
