#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tessera/sdk/Records.hpp>

namespace contacts {

/// A field a CSV column can fill, with the header words that suggest it.
struct ImportField {
    std::string name;  ///< the entity's field, or "company" / "full_name" for the derived ones
    std::string label;
    std::string type;  ///< the schema type ("text", "email", "enum", ...)
    std::size_t maxLength = 0;
    std::vector<std::string> options;   ///< for enums
    /// For enums whose options are records (lifecycle stages): read at each conversion.
    std::function<std::vector<std::string>()> liveOptions;
    std::vector<std::string> synonyms;  ///< header words, compared by headerKey()
};

/// A converted CSV row: the record values, and per column the message of each bad cell.
struct ConvertedRow {
    tessera::sdk::Record values = tessera::sdk::Record::object();
    std::string companyName;  ///< Contact rows: the company to link, by name
    std::map<std::size_t, std::string> cellErrors;
};

/// The importable fields of Contact and Company, types and options read from the plugin's
/// schema files so they never drift from the entities.
class ImportFields {
public:
    /// `lifecycleStages` gives the keys `lifecycle_stage` accepts (admins keep them as records),
    /// `initialStage` the one a row without a stage gets.
    ImportFields(const std::filesystem::path& pluginDirectory,
                 std::function<std::vector<std::string>()> lifecycleStages,
                 std::function<std::optional<std::string>()> initialStage);

    const std::vector<ImportField>& of(const std::string& entity) const;
    const ImportField* find(const std::string& entity, const std::string& name) const;
    /// Per column, the field its header suggests ("" for none); each field is suggested once.
    std::vector<std::string> suggest(const std::string& entity,
                                     const std::vector<std::string>& headers) const;
    /// The row's cells as record values under `mapping` (column -> field, "" to skip), with the
    /// values the entity's hooks would compute (full name, phone digits, domain), since the
    /// bulk path runs no hooks. Empty cells are left out.
    ConvertedRow convert(const std::string& entity, const std::vector<std::string>& mapping,
                         const std::vector<std::string>& cells) const;

    /// What a new record gets from the entity's hooks, which the bulk path does not run: the
    /// initial lifecycle stage. Read once per batch; fillInitialValues() sets what is missing.
    tessera::sdk::Record initialValues() const;
    static void fillInitialValues(tessera::sdk::Record& values,
                                  const tessera::sdk::Record& initial);

private:
    std::map<std::string, std::vector<ImportField>> fields_;
    std::function<std::optional<std::string>()> initialStage_;
};

/// A header in lower case without spaces or punctuation: "E-mail Address" -> "emailaddress".
std::string headerKey(const std::string& header);

/// The field the match key reads ("email", "domain", "external_id"), or "" for none.
std::string matchField(const std::string& matchKey);

}  // namespace contacts
