#include "Merge.hpp"

#include <algorithm>

namespace contacts {

using namespace tessera::sdk;

namespace {

struct Mergeable {
    std::string entity;
    std::string slug;
    std::string titleField;
    std::vector<std::string> fields;
};

const std::vector<Mergeable>& mergeables() {
    static const std::vector<Mergeable> kAll = {
        {"Contact", "contacts", "full_name",
         {"salutation", "first_name", "last_name", "job_title", "company_id", "email", "phone",
          "mobile", "lifecycle_stage", "preferred_channel", "birthday", "linkedin", "city",
          "country", "consent_email", "consent_date", "consent_source", "tags", "notes"}},
        {"Company", "companies", "name",
         {"name", "domain", "company_type", "lifecycle_stage", "industry", "size", "employees",
          "annual_revenue", "phone", "email", "website", "linkedin", "parent_id", "city",
          "country", "tags", "notes"}}};
    return kAll;
}

const Mergeable& mergeableOf(const std::string& slug) {
    for (const auto& m : mergeables()) {
        if (m.slug == slug) {
            return m;
        }
    }
    throw PluginError("not_found", "only contacts and companies can be merged here");
}

std::int64_t idParam(const WebRequest& request, const std::string& name) {
    try {
        return std::stoll(request.param(name));
    } catch (const std::exception&) {
        throw PluginError("not_found", "no record has the number '" + request.param(name) + "'");
    }
}

std::string labelOf(const std::string& field) {
    std::string label = field.ends_with("_id") ? field.substr(0, field.size() - 3) : field;
    std::replace(label.begin(), label.end(), '_', ' ');
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    return label;
}

std::string shown(const nlohmann::json& value) {
    if (value.is_null()) {
        return "";
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            out += (out.empty() ? "" : ", ") + shown(item);
        }
        return out;
    }
    if (value.is_object() && value.contains("amount")) {
        return shown(value["amount"]) + " " + shown(value.value("currency", nlohmann::json()));
    }
    return value.dump();
}

/// Tags of both records, each once, the winner's first.
nlohmann::json unionOf(const nlohmann::json& a, const nlohmann::json& b) {
    nlohmann::json out = a.is_array() ? a : nlohmann::json::array();
    if (b.is_array()) {
        for (const auto& item : b) {
            if (std::find(out.begin(), out.end(), item) == out.end()) {
                out.push_back(item);
            }
        }
    }
    return out;
}

/// The loser of a merge with a record not saved yet: the values typed into a new record's form.
constexpr const char* kUnsaved = "new";

/// The typed values a new-record form sent along (`<prefix><field>` parameters), text only.
Record unsavedValues(const WebRequest& request, const Mergeable& m, bool fromForm) {
    Record values = Record::object();
    for (const auto& field : m.fields) {
        auto value = fromForm ? request.form("new_" + field) : request.query(field);
        if (value && !value->empty()) {
            values[field] = value->substr(0, 2000);
        }
    }
    return values;
}

WebResponse unsavedMergePage(const WebRequest& request, const Mergeable& m, std::int64_t winnerId,
                             const Record& winner) {
    Record typed = unsavedValues(request, m, false);
    if (typed.empty()) {
        throw PluginError(Error{"validation",
                                "there are no typed values to add",
                                {{m.titleField, "type the new record's values first"}}});
    }
    nlohmann::json rows = nlohmann::json::array();
    nlohmann::json carried = nlohmann::json::array();
    for (const auto& field : m.fields) {
        if (!typed.contains(field)) {
            continue;
        }
        nlohmann::json kept = winner.value(field, nlohmann::json());
        bool same = shown(kept) == shown(typed[field]);
        bool takeTyped = kept.is_null() || (kept.is_string() && kept.get<std::string>().empty());
        nlohmann::json row = {{"FIELD", field},        {"LABEL", labelOf(field)},
                              {"WINNER", shown(kept)}, {"LOSER", shown(typed[field])},
                              {"SAME", same},          {"DIFFERENT", !same}};
        if (!same) {
            row[takeTyped ? "PICK_LOSER" : "PICK_WINNER"] = true;
        }
        rows.push_back(std::move(row));
        carried.push_back({{"FIELD", field}, {"VALUE", shown(typed[field])}});
    }
    std::string winnerTitle = shown(winner.value(m.titleField, nlohmann::json()));
    return WebResponse::page("Add to " + winnerTitle, "contacts.merge.tpl",
                             {{"FIELD_ROW", rows},
                              {"UNSAVED", true},
                              {"TYPED", carried},
                              {"WINNER_TITLE", winnerTitle},
                              {"LOSER_TITLE", "the values you typed"},
                              {"WINNER_HREF", "/r/" + m.slug + "/" + std::to_string(winnerId)},
                              {"ACTION", "/p/contacts/merge/" + m.slug + "/" +
                                             std::to_string(winnerId) + "/" + kUnsaved},
                              {"CSRF", request.csrfToken()}},
                             {{"Home", "/"},
                              {"Duplicates", "/p/contacts/duplicates?entity=" + m.entity},
                              {"Merge", ""}});
}

/// Puts the chosen typed values into the existing record instead of creating a second one.
WebResponse mergeUnsaved(Records& records, const WebRequest& request, const Mergeable& m,
                         std::int64_t winnerId, const Record& winner) {
    Record typed = unsavedValues(request, m, true);
    Record values = Record::object();
    for (const auto& [field, value] : typed.items()) {
        nlohmann::json kept = winner.value(field, nlohmann::json());
        bool empty = kept.is_null() || (kept.is_string() && kept.get<std::string>().empty());
        std::string pick = request.form("pick_" + field).value_or(empty ? "loser" : "winner");
        if (pick == "loser") {
            values[field] = value;
        } else if (pick != "winner") {
            throw PluginError(Error{"validation",
                                    "choose whose value to keep",
                                    {{"pick_" + field, "must be winner or loser"}}});
        }
    }
    if (!values.empty()) {
        records.update(request.caller(), m.entity, winnerId, winner["version"].get<std::int64_t>(),
                       values);
    }
    return WebResponse::redirect(
        "/r/" + m.slug + "/" + std::to_string(winnerId),
        "Saved the details into the existing record; no second one was made.");
}

}  // namespace

void addMergePages(PluginContext& context) {
    Records& records = context.records();
    const std::string pattern = "/p/contacts/merge/{entity}/{winner}/{loser}";

    context.addRoute({"GET", pattern, Permission::signedIn(), [&records](const WebRequest& request) {
        const Mergeable& m = mergeableOf(request.param("entity"));
        std::int64_t winnerId = idParam(request, "winner");
        Record winner = records.get(request.caller(), m.entity, winnerId);
        if (request.param("loser") == kUnsaved) {
            return unsavedMergePage(request, m, winnerId, winner);
        }
        std::int64_t loserId = idParam(request, "loser");
        Record loser = records.get(request.caller(), m.entity, loserId);
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& field : m.fields) {
            nlohmann::json a = winner.value(field, nlohmann::json());
            nlohmann::json b = loser.value(field, nlohmann::json());
            bool same = a == b;
            nlohmann::json row = {{"FIELD", field},
                                  {"LABEL", labelOf(field)},
                                  {"WINNER", shown(a)},
                                  {"LOSER", shown(b)},
                                  {"SAME", same},
                                  {"DIFFERENT", !same}};
            if (!same) {
                bool takeLoser = a.is_null() || (a.is_string() && a.get<std::string>().empty());
                row[takeLoser ? "PICK_LOSER" : "PICK_WINNER"] = true;
                row["TAGS"] = b.is_array();
            }
            rows.push_back(std::move(row));
        }
        std::string base = "/p/contacts/merge/" + m.slug + "/";
        std::string winnerTitle = shown(winner.value(m.titleField, nlohmann::json()));
        return WebResponse::page(
            "Merge " + m.slug, "contacts.merge.tpl",
            {{"FIELD_ROW", rows},
             {"MERGING", true},
             {"WINNER_TITLE", winnerTitle},
             {"LOSER_TITLE", shown(loser.value(m.titleField, nlohmann::json()))},
             {"WINNER_HREF", "/r/" + m.slug + "/" + std::to_string(winnerId)},
             {"LOSER_HREF", "/r/" + m.slug + "/" + std::to_string(loserId)},
             {"ACTION", base + std::to_string(winnerId) + "/" + std::to_string(loserId)},
             {"SWAP", base + std::to_string(loserId) + "/" + std::to_string(winnerId)},
             {"CSRF", request.csrfToken()}},
            {{"Home", "/"},
             {"Duplicates", "/p/contacts/duplicates?entity=" + m.entity},
             {"Merge", ""}});
    }});

    context.addRoute({"POST", pattern, Permission::signedIn(), [&records](const WebRequest& request) {
        const Mergeable& m = mergeableOf(request.param("entity"));
        std::int64_t winnerId = idParam(request, "winner");
        Record winner = records.get(request.caller(), m.entity, winnerId);
        if (request.param("loser") == kUnsaved) {
            return mergeUnsaved(records, request, m, winnerId, winner);
        }
        std::int64_t loserId = idParam(request, "loser");
        Record loser = records.get(request.caller(), m.entity, loserId);
        Record values = Record::object();
        for (const auto& field : m.fields) {
            nlohmann::json kept = winner.value(field, nlohmann::json());
            bool empty = kept.is_null() || (kept.is_string() && kept.get<std::string>().empty());
            // Without a choice, as the page suggests: the winner's value unless it is empty.
            std::string pick = request.form("pick_" + field).value_or(empty ? "loser" : "winner");
            if (pick == "loser") {
                values[field] = loser.value(field, nlohmann::json());
            } else if (pick == "both") {
                values[field] = unionOf(winner.value(field, nlohmann::json()),
                                        loser.value(field, nlohmann::json()));
            } else if (pick != "winner") {
                throw PluginError(Error{"validation", "choose whose value to keep",
                                        {{"pick_" + field, "must be winner, loser or both"}}});
            }
        }
        OperationInfo operation = records.merge(request.caller(), m.entity, winnerId, loserId, values);
        return WebResponse::redirect("/r/" + m.slug + "/" + std::to_string(winnerId),
                                     operation.label + ": done. Undo it from the history below.");
    }});
}

}  // namespace contacts
