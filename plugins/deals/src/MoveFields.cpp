#include "MoveFields.hpp"

#include "Values.hpp"

namespace deals {

using namespace tessera::sdk;

const std::vector<MoveField>& moveFields() {
    static const std::vector<MoveField> fields = {
        {"amount", "Amount", "money", {}},
        {"expected_close_date", "Expected close date", "date", {}},
        {"company_id", "Company id", "reference", {}},
        {"next_step", "Next step", "text", {}},
        {"source", "Source", "enum",
         {{"lead", "Lead"}, {"campaign", "Campaign"}, {"referral", "Referral"}, {"website", "Website"},
          {"partner", "Partner"}, {"event", "Event"}, {"outbound", "Outbound"},
          {"existing_customer", "Existing customer"}}},
        {"competitors", "Competitors (comma-separated)", "tags", {}},
        {"loss_reason", "Loss reason", "enum",
         {{"price", "Price"}, {"competitor", "Chose a competitor"}, {"product_fit", "Product fit"},
          {"timing", "Timing"}, {"no_budget", "No budget"}, {"no_decision", "No decision"},
          {"other", "Other"}}},
        {"loss_note", "Loss details", "longtext", {}},
        {"description", "Description", "longtext", {}},
        {"forecast_category", "Forecast category", "enum",
         {{"pipeline", "Pipeline"}, {"best_case", "Best case"}, {"commit", "Commit"}}},
    };
    return fields;
}

const MoveField* moveField(const std::string& name) {
    for (const auto& field : moveFields()) {
        if (field.name == name) {
            return &field;
        }
    }
    return nullptr;
}

nlohmann::json moveInputs(const std::vector<std::string>& names, const std::string& currency,
                          const std::string& idPrefix) {
    nlohmann::json inputs = nlohmann::json::array();
    for (const auto& field : moveFields()) {
        if (std::find(names.begin(), names.end(), field.name) == names.end()) {
            continue;
        }
        nlohmann::json input = {{"NAME", field.name}, {"LABEL", field.label},
                                {"INPUT_ID", idPrefix + field.name}, {"CURRENCY", currency}};
        input["IS_" + [&] {
            std::string kind = field.kind;
            for (auto& c : kind) {
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            return kind;
        }()] = true;
        nlohmann::json options = nlohmann::json::array();
        for (const auto& [value, label] : field.options) {
            options.push_back({{"VALUE", value}, {"LABEL", label}});
        }
        input["OPTION"] = options;
        inputs.push_back(input);
    }
    return inputs;
}

Record movedValues(const WebRequest& request) {
    Record values = Record::object();
    for (const auto& field : moveFields()) {
        std::string value = request.form(field.name).value_or("");
        if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
            continue;
        }
        if (field.kind == "money") {
            char* end = nullptr;
            double amount = std::strtod(value.c_str(), &end);
            if (end == value.c_str() || *end != '\0') {
                refuse(field.name, "is a number such as 12500");
            }
            std::string currency = request.form(field.name + "_currency").value_or("");
            values[field.name] = {{"amount", amount}, {"currency", currency.empty() ? nlohmann::json() : nlohmann::json(currency)}};
        } else if (field.kind == "reference") {
            auto id = parseInteger(value);
            if (!id) {
                refuse(field.name, "is the id of a record");
            }
            values[field.name] = *id;
        } else if (field.kind == "tags") {
            nlohmann::json tags = nlohmann::json::array();
            std::size_t start = 0;
            while (start <= value.size()) {
                std::size_t comma = value.find(',', start);
                std::string tag = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                auto first = tag.find_first_not_of(' ');
                if (first != std::string::npos) {
                    tags.push_back(tag.substr(first, tag.find_last_not_of(' ') - first + 1));
                }
                if (comma == std::string::npos) {
                    break;
                }
                start = comma + 1;
            }
            values[field.name] = tags;
        } else {
            values[field.name] = value;
        }
    }
    return values;
}

}  // namespace deals
