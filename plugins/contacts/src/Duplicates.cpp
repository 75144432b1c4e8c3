#include "Duplicates.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "Normalize.hpp"
#include "SimilarNames.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

/// Records read per name prefix: a word of the name, or its first three letters.
constexpr int kNamesPerPrefix = 50;

std::string text(const Record& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

class Collector {
public:
    Collector(std::string entity, const char* titleField, std::int64_t excludeId)
        : entity_(std::move(entity)), titleField_(titleField), excludeId_(excludeId) {}

    void add(const Record& row, int score, const std::string& reason) {
        std::int64_t id = row["id"].get<std::int64_t>();
        if (id == excludeId_) {
            return;
        }
        auto& candidate = found_[id];
        candidate.entity = entity_;
        candidate.id = id;
        candidate.title = text(row, titleField_);
        candidate.score = std::min(100, std::max(candidate.score, score) +
                                            (candidate.reasons.empty() ? 0 : 10));
        candidate.reasons.push_back(reason);
    }

    std::vector<DuplicateCandidate> best() const {
        std::vector<DuplicateCandidate> list;
        for (const auto& [id, candidate] : found_) {
            list.push_back(candidate);
        }
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            return a.score != b.score ? a.score > b.score : a.id < b.id;
        });
        return list;
    }

private:
    std::string entity_;
    const char* titleField_;
    std::int64_t excludeId_;
    std::map<std::int64_t, DuplicateCandidate> found_;
};

std::vector<Record> matching(Records& records, const Caller& caller, const std::string& entity,
                             Filter filter, int limit = 20) {
    Query query;
    query.entity = entity;
    query.filter = std::move(filter);
    query.limit = limit;
    return records.query(caller, query).rows;
}

/// The first `count` characters of UTF-8 text (never half of one).
std::string firstLetters(const std::string& word, std::size_t count) {
    std::size_t end = 0;
    for (std::size_t letters = 0; end < word.size() && letters < count; ++letters) {
        do {
            ++end;
        } while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
    }
    return word.substr(0, end);
}

/// The letters and digits of a name's words (accents kept), each at least two long.
std::vector<std::string> nameWords(const std::string& name) {
    std::vector<std::string> list;
    std::istringstream words(name);
    for (std::string word; words >> word && list.size() < 6;) {
        std::string kept;
        for (char c : word) {
            if (std::isalnum(static_cast<unsigned char>(c)) ||
                (static_cast<unsigned char>(c) & 0x80)) {
                kept += c;
            }
        }
        if (kept.size() >= 2) {
            list.push_back(firstLetters(kept, 60));
        }
    }
    return list;
}

/// The records worth comparing names with: the surname (or company name) starting with one
/// of the name's words or with its first three letters (the match is case-insensitive; accents
/// and typos past the third letter are left to nameMatch()). One query per prefix, each read in
/// the order of the field's index, so that a common prefix ("Sch", "Mül") costs as little as a
/// rare one: the whole word finds the same surname however common it is, the three letters a
/// sample of the names that start alike.
std::vector<Record> nameCandidates(Records& records, const Caller& caller,
                                   const std::string& entity, const std::string& name,
                                   bool company) {
    // Each word against the surname only (first names are too common to narrow anything, and
    // unindexed): a name typed in the other order still meets the surname.
    const char* field = company ? "name" : "last_name";
    std::set<std::int64_t> seen;
    std::vector<Record> rows;
    for (const auto& word : nameWords(name)) {
        std::set<std::string> prefixes = {word, firstLetters(word, 3)};
        for (const auto& prefix : prefixes) {
            Query query;
            query.entity = entity;
            query.filter = Filter::startsWith(field, prefix);
            query.sort = {{field}};
            query.limit = kNamesPerPrefix;
            for (auto& row : records.query(caller, query).rows) {
                if (seen.insert(row["id"].get<std::int64_t>()).second) {
                    rows.push_back(std::move(row));
                }
            }
        }
    }
    return rows;
}

std::string urlEncoded(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

/// Where to merge a form's record with a candidate: the typed values into the candidate for a
/// new record, the two records for a saved one.
std::string mergeHrefFromForm(const std::string& slug, std::int64_t candidate, std::int64_t editing,
                              const Record& values) {
    std::string base = "/p/contacts/merge/" + slug + "/" + std::to_string(candidate) + "/";
    if (editing != 0) {
        return base + std::to_string(editing);
    }
    std::string query;
    for (const char* field : {"first_name", "last_name", "name", "email", "phone", "mobile",
                              "domain", "website", "job_title", "city", "country", "linkedin"}) {
        std::string value = trim(text(values, field));
        if (!value.empty()) {
            query += (query.empty() ? "" : "&") + std::string(field) + "=" + urlEncoded(value);
        }
    }
    return base + "new?" + query;
}

bool hasLookupValues(const Record& values) {
    for (const char* field :
         {"first_name", "last_name", "name", "email", "phone", "mobile", "domain", "website"}) {
        if (!trim(text(values, field)).empty()) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::vector<DuplicateCandidate> findDuplicates(Records& records, const Caller& caller,
                                               const std::string& entity, const Record& values,
                                               std::int64_t excludeId) {
    bool company = entity == "Company";
    Collector found(entity, company ? "name" : "full_name", excludeId);
    std::string email = normalizeEmail(text(values, "email"));
    if (!email.empty()) {
        for (const auto& row : matching(records, caller, entity, Filter::eq("email", email))) {
            found.add(row, 95, "same e-mail address");
        }
    }
    std::string phone = normalizePhone(text(values, "phone"));
    if (phone.empty()) {
        phone = normalizePhone(text(values, "mobile"));
    }
    if (!phone.empty()) {
        for (const auto& row : matching(records, caller, entity, Filter::eq("phone_key", phone))) {
            found.add(row, 80, "same phone number");
        }
    }
    if (company) {
        std::string domain = domainOf(text(values, "domain"));
        if (domain.empty()) {
            domain = domainOf(text(values, "website"));
        }
        if (!domain.empty()) {
            for (const auto& row : matching(records, caller, entity, Filter::eq("domain", domain))) {
                found.add(row, 90, "same web domain");
            }
        }
    }
    std::string name = company ? text(values, "name")
                               : trim(text(values, "first_name") + " " + text(values, "last_name"));
    if (!name.empty()) {
        for (const auto& row : nameCandidates(records, caller, entity, name, company)) {
            double match = nameMatch(name, text(row, company ? "name" : "full_name"), company);
            if (match >= kSimilarNames) {
                found.add(row, similarNameScore(match), "similar name");
            }
        }
    }
    return found.best();
}

nlohmann::json candidatesJson(const std::vector<DuplicateCandidate>& candidates) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : candidates) {
        list.push_back({{"entity", c.entity},
                        {"id", c.id},
                        {"title", c.title},
                        {"score", c.score},
                        {"reasons", c.reasons}});
    }
    return list;
}

void addDuplicatePages(PluginContext& context) {
    Records& records = context.records();
    context.addRoute(
        {"POST", "/api/v1/p/contacts/duplicates", Permission::signedIn(),
         [&records](const WebRequest& request) {
             auto body = nlohmann::json::parse(request.body(), nullptr, false);
             if (!body.is_object()) {
                 throw PluginError(Error{"validation",
                                         "send a JSON object with \"entity\" and the values",
                                         {{"entity", "required"}}});
             }
             std::string entity = body.value("entity", "");
             if (entity != "Contact" && entity != "Company") {
                 throw PluginError(Error{"validation", "entity must be Contact or Company",
                                         {{"entity", "must be Contact or Company"}}});
             }
             Record values = body.value("values", nlohmann::json::object());
             std::int64_t exclude = body.value("excludeId", std::int64_t{0});
             return WebResponse::json(
                 {{"candidates",
                   candidatesJson(findDuplicates(records, request.caller(), entity, values,
                                                 exclude))}});
         }});

    for (const char* entity : {"Contact", "Company"}) {
        std::string slug = std::string(entity) == "Contact" ? "contacts" : "companies";
        context.addPanel(
            {Slot::DetailMain, entity, Permission::signedIn(), 5,
             [&records, entity = std::string(entity),
              slug](const PanelContext& panel) -> std::optional<PanelContent> {
                 auto candidates =
                     findDuplicates(records, panel.caller, entity, *panel.record, panel.id);
                 if (candidates.empty()) {
                     return std::nullopt;
                 }
                 nlohmann::json rows = nlohmann::json::array();
                 for (const auto& c : candidates) {
                     std::string reasons;
                     for (const auto& r : c.reasons) {
                         reasons += (reasons.empty() ? "" : ", ") + r;
                     }
                     rows.push_back({{"TITLE", c.title},
                                     {"HREF", "/r/" + slug + "/" + std::to_string(c.id)},
                                     {"MERGE", "/p/contacts/merge/" + slug + "/" +
                                                   std::to_string(panel.id) + "/" +
                                                   std::to_string(c.id)},
                                     {"SCORE", c.score},
                                     {"REASONS", reasons}});
                 }
                 return PanelContent{"Possible duplicates", "contacts.duplicates_panel.tpl",
                                     {{"CANDIDATE", rows}}};
             }});
    }

    // The warning above the new and edit forms: filled here when the form comes back refused,
    // and by static/duplicate-check.js while typing.
    for (const char* entity : {"Contact", "Company"}) {
        bool company = std::string(entity) == "Company";
        context.addPanel(
            {Slot::Form, entity, Permission::signedIn(), 10,
             [&records, entity = std::string(entity),
              company](const PanelContext& panel) -> std::optional<PanelContent> {
                 std::string slug = company ? "companies" : "contacts";
                 const Record& values = panel.record ? *panel.record : Record::object();
                 nlohmann::json rows = nlohmann::json::array();
                 if (hasLookupValues(values)) {
                     for (const auto& c :
                          findDuplicates(records, panel.caller, entity, values, panel.id)) {
                         std::string reasons;
                         for (const auto& r : c.reasons) {
                             reasons += (reasons.empty() ? "" : ", ") + r;
                         }
                         rows.push_back({{"TITLE", c.title},
                                         {"HREF", "/r/" + slug + "/" + std::to_string(c.id)},
                                         {"MERGE", mergeHrefFromForm(slug, c.id, panel.id, values)},
                                         {"MERGE_LABEL", panel.id ? "Merge into this one"
                                                                  : "Add to this one instead"},
                                         {"SCORE", c.score},
                                         {"REASONS", reasons}});
                         if (rows.size() == 5) {
                             break;
                         }
                     }
                 }
                 return PanelContent{"Possible duplicates",
                                     "contacts.duplicate_check.tpl",
                                     {{"ENTITY", entity},
                                      {"SLUG", slug},
                                      {"NOUN", company ? "company" : "contact"},
                                      {"EXCLUDE", panel.id},
                                      {"CANDIDATE", rows},
                                      {"EMPTY", rows.empty()}}};
             }});
    }

    context.addRoute(
        {"GET", "/p/contacts/duplicates", Permission::on("Contact", Action::Read),
         [&records](const WebRequest& request) {
             std::string entity = request.query("entity").value_or("Contact");
             if (entity != "Contact" && entity != "Company") {
                 throw PluginError("validation", "entity must be Contact or Company");
             }
             bool company = entity == "Company";
             std::string slug = company ? "companies" : "contacts";
             // Candidate pairs share an exact key: e-mail, phone digits or (companies) domain.
             std::vector<std::pair<std::string, std::string>> keys = {
                 {"email", "same e-mail address"}, {"phone_key", "same phone number"}};
             if (company) {
                 keys.emplace_back("domain", "same web domain");
             }
             nlohmann::json groups = nlohmann::json::array();
             std::set<std::pair<std::int64_t, std::int64_t>> listed;  // pairs already in a group
             for (const auto& [field, reason] : keys) {
                 AggregateQuery counts;
                 counts.entity = entity;
                 counts.groupBy = field;
                 counts.filter = Filter::isNotNull(field);
                 for (const auto& row : records.aggregate(request.caller(), counts)) {
                     if (row.count < 2 || row.group.is_null() || groups.size() >= 200) {
                         continue;
                     }
                     auto same = matching(records, request.caller(), entity,
                                          Filter::eq(field, row.group), 10);
                     for (const auto& a : same) {
                         for (const auto& b : same) {
                             listed.insert(
                                 {a["id"].get<std::int64_t>(), b["id"].get<std::int64_t>()});
                         }
                     }
                     nlohmann::json members = nlohmann::json::array();
                     for (const auto& member : same) {
                         nlohmann::json row = {
                             {"TITLE", text(member, company ? "name" : "full_name")},
                             {"HREF", "/r/" + slug + "/" + member["id"].dump()}};
                         if (!members.empty()) {
                             row["MERGE"] = "/p/contacts/merge/" + slug + "/" +
                                            same.front()["id"].dump() + "/" + member["id"].dump();
                         }
                         members.push_back(std::move(row));
                     }
                     groups.push_back({{"REASON", reason},
                                       {"KEY", row.group.is_string() ? row.group.get<std::string>()
                                                                     : row.group.dump()},
                                       {"COUNT", row.count},
                                       {"MEMBER", members}});
                 }
             }
             nlohmann::json similar = nlohmann::json::array();
             for (const auto& pair : similarNamePairs(records, request.caller(), entity, 300)) {
                 if (listed.contains({pair.firstId, pair.secondId}) || similar.size() >= 100) {
                     continue;
                 }
                 std::string first = std::to_string(pair.firstId);
                 std::string second = std::to_string(pair.secondId);
                 similar.push_back(
                     {{"FIRST", pair.firstTitle},
                      {"FIRST_HREF", "/r/" + slug + "/" + first},
                      {"SECOND", pair.secondTitle},
                      {"SECOND_HREF", "/r/" + slug + "/" + second},
                      {"SCORE", similarNameScore(pair.match)},
                      {"MERGE", "/p/contacts/merge/" + slug + "/" + first + "/" + second}});
             }
             return WebResponse::page("Duplicates", "contacts.duplicates.tpl",
                                      {{"GROUP", groups},
                                       {"SIMILAR", similar},
                                       {"HAS_SIMILAR", !similar.empty()},
                                       {"NONE", groups.empty() && similar.empty()},
                                       {"ENTITY_LABEL", company ? "companies" : "contacts"},
                                       {"CONTACTS", !company},
                                       {"COMPANIES", company}},
                                      {{"Home", "/"}, {"Duplicates", ""}});
         }});
    context.addMenuItem({"Duplicates", "/p/contacts/duplicates",
                         Permission::on("Contact", Action::Read), 30, "Customers"});
}

}  // namespace contacts
