#pragma once

// The deal fields a stage may ask for when a deal moves, as inputs the kanban shows in place
// and values read back from the move form.
#include <string>
#include <vector>

#include <tessera/sdk/Web.hpp>

namespace deals {

struct MoveField {
    std::string name;
    std::string label;
    std::string kind;  ///< money, date, text, longtext, enum, tags, reference
    std::vector<std::pair<std::string, std::string>> options;  ///< value, label for enum
};

/// The inputs for every requirable field, in a stable order.
const std::vector<MoveField>& moveFields();
const MoveField* moveField(const std::string& name);

/// Template rows (NAME, LABEL and one of IS_MONEY/IS_DATE/IS_TEXT/IS_LONGTEXT/IS_ENUM/IS_TAGS/
/// IS_REFERENCE with OPTION rows) for the listed fields.
nlohmann::json moveInputs(const std::vector<std::string>& fields, const std::string& currency,
                          const std::string& idPrefix);

/// The values a move form filled in for requirable fields; empty inputs are left out.
tessera::sdk::Record movedValues(const tessera::sdk::WebRequest& request);

}  // namespace deals
