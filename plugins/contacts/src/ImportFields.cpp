#include "ImportFields.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

#include <tessera/sdk/Error.hpp>

#include "Normalize.hpp"

namespace contacts {

using tessera::sdk::Record;

namespace {

struct Suggestion {
    const char* field;
    std::vector<std::string> synonyms;
};

const std::vector<Suggestion>& contactSuggestions() {
    static const std::vector<Suggestion> kAll = {
        {"first_name", {"First name", "Firstname", "Given name", "Forename", "First"}},
        {"last_name", {"Last name", "Lastname", "Surname", "Family name", "Last"}},
        {"full_name", {"Name", "Full name", "Contact name", "Contact", "Display name"}},
        {"salutation", {"Salutation", "Prefix", "Title prefix"}},
        {"email",
         {"Email", "E-mail", "Email address", "E-mail address", "Mail", "Work email",
          "Primary email"}},
        {"phone",
         {"Phone", "Phone number", "Telephone", "Tel", "Work phone", "Business phone",
          "Office phone"}},
        {"mobile", {"Mobile", "Mobile phone", "Mobile number", "Cell", "Cell phone"}},
        {"job_title", {"Job title", "Title", "Position", "Role", "Job"}},
        {"company",
         {"Company", "Company name", "Organization", "Organisation", "Account", "Account name",
          "Employer"}},
        {"birthday", {"Birthday", "Date of birth", "Birth date", "DOB"}},
        {"linkedin", {"LinkedIn", "LinkedIn URL", "LinkedIn profile"}},
        {"city", {"City", "Town"}},
        {"country", {"Country"}},
        {"lifecycle_stage", {"Lifecycle stage", "Stage", "Lifecycle"}},
        {"preferred_channel", {"Preferred channel", "Channel"}},
        {"consent_email", {"E-mail consent", "Email consent", "Opt in", "Newsletter"}},
        {"consent_source", {"Consent source"}},
        {"tags", {"Tags", "Labels", "Categories"}},
        {"notes", {"Notes", "Note", "Comments", "Comment", "Description"}},
        {"external_id", {"External id", "Id", "Record id", "Contact id"}}};
    return kAll;
}

const std::vector<Suggestion>& companySuggestions() {
    static const std::vector<Suggestion> kAll = {
        {"name",
         {"Name", "Company", "Company name", "Organization", "Organisation", "Account",
          "Account name"}},
        {"domain", {"Domain", "Company domain", "Domain name"}},
        {"website", {"Website", "Web site", "Web", "URL", "Homepage"}},
        {"company_type", {"Type", "Company type"}},
        {"lifecycle_stage", {"Lifecycle stage", "Stage", "Lifecycle"}},
        {"industry", {"Industry", "Sector"}},
        {"size", {"Company size", "Size"}},
        {"employees", {"Employees", "Number of employees", "Headcount"}},
        {"phone", {"Phone", "Phone number", "Telephone", "Tel"}},
        {"email", {"Email", "E-mail", "Email address", "E-mail address"}},
        {"linkedin", {"LinkedIn", "LinkedIn URL"}},
        {"city", {"City", "Town"}},
        {"country", {"Country"}},
        {"tags", {"Tags", "Labels", "Categories"}},
        {"notes", {"Notes", "Note", "Comments", "Description"}},
        {"external_id", {"External id", "Id", "Record id", "Company id"}}};
    return kAll;
}

nlohmann::json schemaOf(const std::filesystem::path& directory, const std::string& entity) {
    std::ifstream in(directory / "schema" / "entities" / (entity + ".json"));
    if (!in) {
        throw std::runtime_error("the schema of " + entity + " is missing from " +
                                 directory.string());
    }
    return nlohmann::json::parse(in);
}

std::string labelOf(const std::string& field) {
    std::string label = field;
    std::replace(label.begin(), label.end(), '_', ' ');
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    return label;
}

std::vector<ImportField> fieldsOf(const std::filesystem::path& directory, const std::string& entity,
                                  const std::vector<Suggestion>& suggestions) {
    nlohmann::json schema = schemaOf(directory, entity)["fields"];
    std::vector<ImportField> fields;
    for (const auto& s : suggestions) {
        ImportField f;
        f.name = s.field;
        f.synonyms = s.synonyms;
        if (f.name == "company") {
            f.label = "Company (by name)";
            f.type = "text";
            f.maxLength = 200;
        } else if (f.name == "full_name" && entity == "Contact") {
            f.label = "Full name (split into first and last)";
            f.type = "text";
            f.maxLength = 200;
        } else {
            const nlohmann::json& def = schema.at(f.name);
            f.label = def.value("label", labelOf(f.name));
            f.type = def.value("type", "text");
            f.maxLength = def.value("maxLength", f.type == "text" ? 255 : 0);
            if (def.contains("options")) {
                f.options = def["options"].get<std::vector<std::string>>();
            }
        }
        fields.push_back(std::move(f));
    }
    return fields;
}

std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool looksLikeEmail(const std::string& email) {
    std::size_t at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos ||
        email.find_first_of(" \t,;<>()[]\\\"") != std::string::npos) {
        return false;
    }
    std::size_t dot = email.find('.', at + 2);
    return dot != std::string::npos && dot + 1 < email.size() && email.back() != '.';
}

bool validDate(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
           !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

/// YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY as YYYY-MM-DD; "" when none of them.
std::string isoDate(const std::string& text) {
    int y = 0;
    int m = 0;
    int d = 0;
    char a = 0;
    char b = 0;
    char rest = 0;
    if (std::sscanf(text.c_str(), "%4d%c%2d%c%2d%c", &y, &a, &m, &b, &d, &rest) == 5 && a == b &&
        (a == '-' || a == '/') && text.size() <= 10) {
    } else if (std::sscanf(text.c_str(), "%2d.%2d.%4d%c", &d, &m, &y, &rest) == 3) {
    } else {
        return {};
    }
    if (!validDate(y, m, d)) {
        return {};
    }
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

/// The cell as the field's value, or a message saying why it cannot be.
struct Cell {
    nlohmann::json value;
    std::string error;
};

Cell convertCell(const ImportField& f, const std::string& cell) {
    const std::string& t = f.type;
    if (t == "text" || t == "longtext" || t == "phone") {
        if (f.maxLength && characters(cell) > f.maxLength) {
            return {{}, "is longer than " + std::to_string(f.maxLength) + " characters"};
        }
        if (t == "phone" && normalizePhone(cell).empty()) {
            return {{}, "'" + cell + "' is not a phone number (it needs at least 5 digits)"};
        }
        return {cell, {}};
    }
    if (t == "email") {
        std::string email = normalizeEmail(cell);
        if (!looksLikeEmail(email)) {
            return {{}, "'" + cell + "' is not an e-mail address"};
        }
        return {email, {}};
    }
    if (t == "enum") {
        const std::vector<std::string> options = f.liveOptions ? f.liveOptions() : f.options;
        for (const auto& option : options) {
            if (lower(option) == lower(cell)) {
                return {option, {}};
            }
        }
        std::string list;
        for (const auto& option : options) {
            list += (list.empty() ? "" : ", ") + option;
        }
        return {{}, "'" + cell + "' is not one of " + list};
    }
    if (t == "boolean") {
        std::string v = lower(cell);
        if (v == "yes" || v == "y" || v == "true" || v == "1" || v == "x") {
            return {true, {}};
        }
        if (v == "no" || v == "n" || v == "false" || v == "0") {
            return {false, {}};
        }
        return {{}, "'" + cell + "' is not yes or no"};
    }
    if (t == "integer") {
        if (cell.size() > 15 || cell.find_first_not_of("0123456789") != std::string::npos) {
            return {{}, "'" + cell + "' is not a whole number"};
        }
        return {std::stoll(cell), {}};
    }
    if (t == "date") {
        std::string date = isoDate(cell);
        if (date.empty()) {
            return {{}, "'" + cell + "' is not a date (YYYY-MM-DD or DD.MM.YYYY)"};
        }
        return {date, {}};
    }
    if (t == "url") {
        std::string url = cell.find("://") == std::string::npos ? "https://" + cell : cell;
        if (!(url.starts_with("http://") || url.starts_with("https://")) ||
            url.find_first_of(" \t") != std::string::npos || domainOf(url).empty()) {
            return {{}, "'" + cell + "' is not a web address"};
        }
        return {url, {}};
    }
    if (t == "tags") {
        nlohmann::json tags = nlohmann::json::array();
        std::string current;
        for (char c : cell + ",") {
            if (c == ',' || c == ';' || c == '|') {
                std::string tag = trim(current);
                if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) {
                    tags.push_back(tag);
                }
                current.clear();
            } else {
                current += c;
            }
        }
        return {tags, {}};
    }
    return {{}, "cannot be imported"};
}

void splitFullName(Record& values, const std::string& full) {
    std::size_t space = full.find_last_of(' ');
    if (space == std::string::npos) {
        values.emplace("last_name", full);
        return;
    }
    values.emplace("first_name", trim(full.substr(0, space)));
    values.emplace("last_name", trim(full.substr(space + 1)));
}

std::string text(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// What the contact and company hooks compute on create().
void computeDerived(const std::string& entity, Record& values) {
    std::string phone = text(values, "phone");
    std::string key = normalizePhone(phone.empty() ? text(values, "mobile") : phone);
    if (!key.empty()) {
        values["phone_key"] = key;
    }
    if (entity == "Contact") {
        std::string first = text(values, "first_name");
        std::string last = text(values, "last_name");
        values["full_name"] = first.empty() ? last : (last.empty() ? first : first + " " + last);
        return;
    }
    std::string domain = domainOf(text(values, "domain"));
    if (domain.empty()) {
        domain = domainOf(text(values, "website"));
    }
    if (domain.empty()) {
        domain = companyDomainOfEmail(text(values, "email"));
    }
    if (!domain.empty()) {
        values["domain"] = domain;
    } else {
        values.erase("domain");
    }
}

}  // namespace

std::string headerKey(const std::string& header) {
    std::string key;
    for (unsigned char c : header) {
        if (std::isalnum(c)) {
            key += static_cast<char>(std::tolower(c));
        }
    }
    return key;
}

std::string matchField(const std::string& matchKey) {
    return matchKey == "none" ? std::string{} : matchKey;
}

ImportFields::ImportFields(const std::filesystem::path& directory,
                           std::function<std::vector<std::string>()> lifecycleStages,
                           std::function<std::optional<std::string>()> initialStage)
    : initialStage_(std::move(initialStage)) {
    fields_["Contact"] = fieldsOf(directory, "Contact", contactSuggestions());
    fields_["Company"] = fieldsOf(directory, "Company", companySuggestions());
    for (auto& [entity, fields] : fields_) {
        for (auto& f : fields) {
            if (f.name == "lifecycle_stage") {
                f.type = "enum";
                f.liveOptions = lifecycleStages;
            }
        }
    }
}

const std::vector<ImportField>& ImportFields::of(const std::string& entity) const {
    auto it = fields_.find(entity);
    if (it == fields_.end()) {
        throw tessera::sdk::PluginError(
            tessera::sdk::Error{"validation",
                                "only contacts and companies can be imported",
                                {{"target", "choose Contact or Company"}}});
    }
    return it->second;
}

const ImportField* ImportFields::find(const std::string& entity, const std::string& name) const {
    for (const auto& f : of(entity)) {
        if (f.name == name) {
            return &f;
        }
    }
    return nullptr;
}

std::vector<std::string> ImportFields::suggest(const std::string& entity,
                                               const std::vector<std::string>& headers) const {
    std::vector<std::string> mapping(headers.size());
    std::set<std::string> taken;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        std::string key = headerKey(headers[i]);
        for (const auto& f : of(entity)) {
            bool matches = headerKey(f.name) == key ||
                           std::any_of(f.synonyms.begin(), f.synonyms.end(),
                                       [&](const std::string& s) { return headerKey(s) == key; });
            if (matches && !key.empty() && taken.insert(f.name).second) {
                mapping[i] = f.name;
                break;
            }
        }
    }
    return mapping;
}

ConvertedRow ImportFields::convert(const std::string& entity,
                                   const std::vector<std::string>& mapping,
                                   const std::vector<std::string>& cells) const {
    ConvertedRow row;
    std::string fullName;
    for (std::size_t i = 0; i < mapping.size() && i < cells.size(); ++i) {
        std::string cell = trim(cells[i]);
        if (mapping[i].empty() || cell.empty()) {
            continue;
        }
        const ImportField* f = find(entity, mapping[i]);
        if (!f) {
            continue;
        }
        Cell converted = convertCell(*f, cell);
        if (!converted.error.empty()) {
            row.cellErrors[i] = converted.error;
        } else if (f->name == "company") {
            row.companyName = cell;
        } else if (f->name == "full_name" && entity == "Contact") {
            fullName = cell;
        } else {
            row.values[f->name] = std::move(converted.value);
        }
    }
    if (!fullName.empty() && !row.values.contains("last_name")) {
        splitFullName(row.values, fullName);
    }
    computeDerived(entity, row.values);
    return row;
}

Record ImportFields::initialValues() const {
    Record initial = Record::object();
    if (initialStage_) {
        if (auto stage = initialStage_()) {
            initial["lifecycle_stage"] = *stage;
        }
    }
    return initial;
}

void ImportFields::fillInitialValues(Record& values, const Record& initial) {
    for (const auto& [field, value] : initial.items()) {
        if (!values.contains(field)) {
            values[field] = value;
        }
    }
}

}  // namespace contacts
