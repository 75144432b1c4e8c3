#include <algorithm>
#include <regex>

#include <ctemplate/template.h>

#include <tessera/kernel/http/HttpError.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/SqlParams.hpp>

#include "AdminSupport.hpp"

namespace tessera::kernel::detail {

namespace {

constexpr std::int64_t kPageSize = 50;
const char* const kAuditActions[] = {"create", "update", "delete", "restore", "purge"};

/// The search as the query string gives it, checked.
struct AuditFilter {
    std::string entity;
    std::string record;
    std::string user;
    std::string action;
    std::string from;
    std::string to;
    std::int64_t before = 0;  ///< keyset: entries with a smaller id
};

std::string query(const HttpRequest& request, const std::string& name, std::size_t maxLength) {
    std::string value = request.queryValue(name).value_or("");
    if (value.size() > maxLength) {
        throw HttpError(400, "bad_query",
                        name + ": use at most " + std::to_string(maxLength) + " characters");
    }
    return value;
}

void checkDate(const std::string& name, const std::string& value) {
    static const std::regex pattern("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");
    if (!value.empty() && !std::regex_match(value, pattern)) {
        throw HttpError(400, "bad_query",
                        name + ": '" + value + "' is not a date; write it as YYYY-MM-DD");
    }
}

AuditFilter readFilter(PageSupport& pages, const HttpRequest& request) {
    AuditFilter filter;
    filter.entity = query(request, "entity", 63);
    filter.record = query(request, "record", 19);
    filter.user = query(request, "user", 64);
    filter.action = query(request, "action", 16);
    filter.from = query(request, "from", 10);
    filter.to = query(request, "to", 10);
    std::string before = query(request, "before", 19);
    if (!filter.entity.empty() && !pages.app().records().schema().entity(filter.entity)) {
        throw HttpError(400, "bad_query",
                        "entity: '" + filter.entity + "' is not an entity; pick one from the list");
    }
    if (!filter.record.empty()) {
        parseId(filter.record, "record");
    }
    if (!filter.action.empty() && std::find(std::begin(kAuditActions), std::end(kAuditActions),
                                            filter.action) == std::end(kAuditActions)) {
        throw HttpError(400, "bad_query",
                        "action: '" + filter.action +
                            "' is not an action; pick create, update, delete, restore or purge");
    }
    checkDate("from", filter.from);
    checkDate("to", filter.to);
    if (!before.empty()) {
        filter.before = parseId(before, "before");
    }
    return filter;
}

std::string valueText(const nlohmann::json& value, bool isUser,
                      const std::map<std::int64_t, std::string>& logins) {
    if (value.is_null()) {
        return "(empty)";
    }
    if (isUser && value.is_number_integer()) {
        auto it = logins.find(value.get<std::int64_t>());
        if (it != logins.end()) {
            return it->second;
        }
    }
    return value.is_string() ? value.get<std::string>() : value.dump();
}

/// "2026-11-25T01:02:03Z" as "2026-11-25 01:02:03".
std::string timeText(std::string at) {
    if (at.size() == 20 && at[10] == 'T' && at.back() == 'Z') {
        at[10] = ' ';
        at.pop_back();
    }
    return at;
}

std::string searchHref(const AuditFilter& filter, std::int64_t before) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"entity", filter.entity},
                                      {"record", filter.record},
                                      {"user", filter.user},
                                      {"action", filter.action},
                                      {"from", filter.from},
                                      {"to", filter.to}}) {
        if (!value.empty()) {
            pairs.emplace_back(name, value);
        }
    }
    if (before > 0) {
        pairs.emplace_back("before", std::to_string(before));
    }
    return "/admin/audit" + (pairs.empty() ? "" : "?" + FormData::encode(pairs));
}

void auditPage(PageSupport& pages, HttpRequest& request, HttpResponse& response) {
    WebApplication& app = pages.app();
    AuditFilter filter = readFilter(pages, request);
    AdminDirectory directory(app.db());
    auto logins = directory.logins();

    std::string where = "1=1";
    SqlParams params;
    bool nothing = false;
    if (!filter.entity.empty()) {
        where += " AND entity = " + params.add(filter.entity);
    }
    if (!filter.record.empty()) {
        where += " AND record_id = " + params.add(parseId(filter.record, "record"));
    }
    if (!filter.user.empty()) {
        auto id = app.access().userIdByLogin(filter.user);
        nothing = !id && filter.user != "system";
        where += " AND user_id = " + params.add(id.value_or(0));
    }
    if (!filter.action.empty()) {
        where += " AND action = " + params.add(filter.action);
    }
    // `at` is ISO 8601 text ("2026-11-25T01:02:03Z"), so dates compare as text: every time of
    // the day `to` sorts below "<to>U", as 'T' < 'U'.
    if (!filter.from.empty()) {
        where += " AND at >= " + params.add(filter.from);
    }
    if (!filter.to.empty()) {
        where += " AND at < " + params.add(filter.to + "U");
    }
    if (filter.before > 0) {
        where += " AND id < " + params.add(filter.before);
    }
    std::string limit = params.add(kPageSize + 1);

    SqlRows rows;
    if (!nothing) {
        Poco::Data::Session session = app.db().session();
        rows = Sql::query(app.db(), session,
                          "SELECT id, entity, record_id, action, user_id, at, changes FROM "
                          "tessera_audit WHERE " +
                              where + " ORDER BY id DESC LIMIT " + limit,
                          params.values());
    }

    ctemplate::TemplateDictionary dict("admin_audit");
    const Schema& schema = app.records().schema();
    for (const auto& [name, entity] : schema.entities()) {
        auto* option = dict.AddSectionDictionary("ENTITY");
        option->SetValue("NAME", name);
        option->SetValue("LABEL", entity.label);
        if (name == filter.entity) {
            option->ShowSection("SELECTED");
        }
    }
    for (const char* action : kAuditActions) {
        auto* option = dict.AddSectionDictionary("ACTION");
        option->SetValue("NAME", action);
        if (filter.action == action) {
            option->ShowSection("SELECTED");
        }
    }
    dict.SetValue("RECORD", filter.record);
    dict.SetValue("USER", filter.user);
    dict.SetValue("FROM", filter.from);
    dict.SetValue("TO", filter.to);

    std::size_t shown = std::min<std::size_t>(rows.size(), kPageSize);
    std::int64_t lastId = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& row = rows.rows[i];
        lastId = asInt(row[0]);
        std::string entityName = asString(row[1]);
        std::int64_t recordId = asInt(row[2]);
        std::int64_t userId = asInt(row[4]);
        auto* entry = dict.AddSectionDictionary("ENTRY");
        entry->SetValue("AT", timeText(asString(row[5])));
        auto login = logins.find(userId);
        entry->SetValue("WHO", userId == 0             ? std::string("system")
                               : login != logins.end() ? login->second
                                                       : "user #" + std::to_string(userId));
        entry->SetValue("ACTION_NAME", asString(row[3]));
        const EntityDef* entity = schema.entity(entityName);
        std::string recordText =
            (entity ? entity->label : entityName) + " #" + std::to_string(recordId);
        entry->SetValue("RECORD_TEXT", recordText);
        if (entity && asString(row[3]) != "purge") {
            entry->SetValueAndShowSection(
                "HREF", "/r/" + entity->slug + "/" + std::to_string(recordId), "LINK");
        } else {
            entry->ShowSection("PLAIN");
        }
        auto changes = nlohmann::json::parse(asString(row[6]), nullptr, false);
        if (changes.is_object()) {
            for (const auto& [field, change] : changes.items()) {
                if (!change.is_array() || change.size() != 2) {
                    continue;
                }
                const FieldDef* def = entity ? entity->field(field) : nullptr;
                auto* item = entry->AddSectionDictionary("CHANGE");
                item->SetValue("FIELD", def && !def->label.empty() ? def->label : field);
                bool isUser = field == "owner_id" || field == "created_by";
                item->SetValue("OLD", valueText(change[0], isUser, logins));
                item->SetValue("NEW", valueText(change[1], isUser, logins));
            }
        }
    }
    if (shown == 0) {
        dict.ShowSection("EMPTY");
    }
    if (filter.before > 0) {
        dict.SetValueAndShowSection("FIRST_HREF", searchHref(filter, 0), "FIRST");
    }
    if (rows.size() > shown) {
        dict.SetValueAndShowSection("OLDER_HREF", searchHref(filter, lastId), "OLDER");
    }
    adminRespond(pages, request, response, "Audit log", "admin_audit.tpl", dict,
                 {{"Audit log", ""}});
}

}  // namespace

void installAuditPages(WebApplication& app, const std::shared_ptr<PageSupport>& pages) {
    PageSupport* p = pages.get();
    app.router().add("GET", "/admin/audit", RouteAccess::Public,
                     adminPage(pages, [p](HttpRequest& request, HttpResponse& response) {
                         auditPage(*p, request, response);
                     }));
}

}  // namespace tessera::kernel::detail
