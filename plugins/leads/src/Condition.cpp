#include "Condition.hpp"

#include <array>
#include <map>

#include "Values.hpp"

namespace leads {

using tessera::sdk::Record;

namespace {

constexpr std::array kRuleFields = {
    "first_name", "last_name",  "email",      "phone",      "job_title",    "company_name",
    "company_domain", "website", "industry",  "company_size", "country",    "region",
    "source",     "campaign_id", "utm_source", "utm_medium", "utm_campaign", "status", "notes"};

std::optional<double> numberOf(const std::string& value) {
    Record holder = {{"v", value}};
    return number(holder, "v");
}

}  // namespace

Condition Condition::of(const Record& rule) {
    Condition condition;
    condition.field = trim(text(rule, "field"));
    condition.op = text(rule, "operator").empty() ? "eq" : text(rule, "operator");
    condition.value = trim(text(rule, "value"));
    return condition;
}

bool Condition::matches(const Record& lead) const {
    if (field.empty()) {
        return true;
    }
    std::string actual = trim(text(lead, field));
    if (op == "is_set") {
        return !actual.empty();
    }
    if (op == "is_not_set") {
        return actual.empty();
    }
    if (actual.empty()) {
        return op == "ne" && !value.empty();
    }
    if (op == "contains") {
        return lower(actual).find(lower(value)) != std::string::npos;
    }
    auto left = number(lead, field);
    auto right = numberOf(value);
    if (left && right) {
        if (op == "eq") return *left == *right;
        if (op == "ne") return *left != *right;
        if (op == "gt") return *left > *right;
        if (op == "gte") return *left >= *right;
        if (op == "lt") return *left < *right;
        if (op == "lte") return *left <= *right;
        return false;
    }
    int order = lower(actual).compare(lower(value));
    if (op == "eq") return order == 0;
    if (op == "ne") return order != 0;
    if (op == "gt") return order > 0;
    if (op == "gte") return order >= 0;
    if (op == "lt") return order < 0;
    if (op == "lte") return order <= 0;
    return false;
}

std::string Condition::describe() const {
    static const std::map<std::string, std::string> kSymbols = {
        {"eq", "="}, {"ne", "≠"}, {"gt", ">"}, {"gte", "≥"}, {"lt", "<"}, {"lte", "≤"},
        {"contains", "contains"}, {"is_set", "is set"}, {"is_not_set", "is not set"}};
    if (field.empty()) {
        return "every lead";
    }
    auto symbol = kSymbols.find(op);
    std::string text = field + " " + (symbol == kSymbols.end() ? op : symbol->second);
    if (op != "is_set" && op != "is_not_set") {
        text += " " + value;
    }
    return text;
}

bool isRuleField(const std::string& field) {
    for (const char* known : kRuleFields) {
        if (field == known) {
            return true;
        }
    }
    return false;
}

}  // namespace leads
