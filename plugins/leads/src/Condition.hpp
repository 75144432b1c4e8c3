#pragma once

#include <string>

#include <tessera/sdk/Query.hpp>

namespace leads {

/// "field operator value" as admins write it in scoring and assignment rules
/// (`company_size gt 100`, `industry eq Technology`). Numbers compare as numbers when both sides
/// are numbers, text compares ignoring case.
struct Condition {
    std::string field;  ///< empty: matches every lead
    std::string op = "eq";
    std::string value;

    static Condition of(const tessera::sdk::Record& rule);
    bool matches(const tessera::sdk::Record& lead) const;
    /// "company_size > 100", for explanations.
    std::string describe() const;
};

/// The lead fields a rule may test, so a typo is refused when the rule is saved.
bool isRuleField(const std::string& field);

}  // namespace leads
