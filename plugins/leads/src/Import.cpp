#include "Import.hpp"

#include <map>

#include "Csv.hpp"
#include "Multipart.hpp"
#include "Refuse.hpp"
#include "Values.hpp"

namespace leads {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kMaxRows = 5000;

/// A heading in lower case without spaces or punctuation: "E-mail Address" -> "emailaddress".
std::string headingKey(const std::string& heading) {
    std::string key;
    for (char c : lower(heading)) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            key += c;
        }
    }
    return key;
}

std::string fieldOf(const std::string& heading) {
    static const std::map<std::string, std::string> kHeadings = {
        {"firstname", "first_name"}, {"givenname", "first_name"}, {"lastname", "last_name"},
        {"surname", "last_name"}, {"familyname", "last_name"}, {"email", "email"}, {"emailaddress", "email"},
        {"phone", "phone"}, {"phonenumber", "phone"}, {"telephone", "phone"}, {"jobtitle", "job_title"},
        {"title", "job_title"}, {"position", "job_title"}, {"company", "company_name"},
        {"companyname", "company_name"}, {"organisation", "company_name"}, {"organization", "company_name"},
        {"website", "website"}, {"web", "website"}, {"url", "website"}, {"industry", "industry"},
        {"companysize", "company_size"}, {"employees", "company_size"}, {"headcount", "company_size"},
        {"country", "country"}, {"region", "region"}, {"territory", "region"}, {"source", "source"},
        {"leadsource", "source"}, {"utmsource", "utm_source"}, {"utmmedium", "utm_medium"},
        {"utmcampaign", "utm_campaign"}, {"status", "status"}, {"notes", "notes"}, {"comment", "notes"},
        {"nextfollowup", "next_follow_up"}};
    auto it = kHeadings.find(headingKey(heading));
    return it == kHeadings.end() ? std::string{} : it->second;
}

std::vector<Record> rowsOfCsv(const std::string& body, nlohmann::json& skipped) {
    auto table = readCsv(body);
    if (table.empty()) {
        refuse("file", "is empty: send a header row and one row per lead");
    }
    std::vector<std::string> fields;
    for (const auto& heading : table[0]) {
        fields.push_back(fieldOf(heading));
        if (fields.back().empty()) {
            skipped.push_back(heading.substr(0, 100));
        }
    }
    std::vector<Record> rows;
    for (std::size_t r = 1; r < table.size(); ++r) {
        Record values = Record::object();
        for (std::size_t c = 0; c < table[r].size() && c < fields.size(); ++c) {
            std::string cell = trim(table[r][c]);
            if (!fields[c].empty() && !cell.empty()) {
                values[fields[c]] = cell;
            }
        }
        if (values.contains("company_size")) {
            Record probe = {{"v", values["company_size"]}};
            if (auto size = number(probe, "v")) {
                values["company_size"] = static_cast<std::int64_t>(*size);
            }
        }
        rows.push_back(values);
    }
    return rows;
}

/// What an import did.
struct ImportReport {
    std::int64_t created = 0;
    nlohmann::json errors = nlohmann::json::array();  ///< [{"row", "message", "fields"}]
    nlohmann::json skipped = nlohmann::json::array();  ///< column headings no field takes
    std::int64_t operation = 0;
};

ImportReport importLeads(Records& records, const Caller& caller, const std::vector<Record>& rows,
                         nlohmann::json skipped) {
    if (rows.empty()) {
        refuse("file", "holds no leads: send a header row and one row per lead");
    }
    if (rows.size() > kMaxRows) {
        refuse("file", "has " + std::to_string(rows.size()) + " rows; send at most " + std::to_string(kMaxRows) +
                           " at a time");
    }
    ImportReport report;
    report.skipped = std::move(skipped);
    report.operation = records.beginOperation(caller, "Import of " + std::to_string(rows.size()) + " leads", "Lead", 0);
    records.withinOperation(report.operation, [&] {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            Record values = rows[i];
            if (!values.contains("source")) {
                values["source"] = "import";
            }
            if (!values.contains("owner_id")) {
                values["owner_id"] = nullptr;  // the assignment rules decide, else the importer keeps it
            }
            try {
                records.create(caller, "Lead", values);
                ++report.created;
            } catch (const PluginError& e) {
                if (e.error().code != "validation" && e.error().code != "forbidden") {
                    throw;
                }
                report.errors.push_back({{"row", i + 2}, {"message", e.error().message}, {"fields", e.error().fields}});
            }
        }
    });
    return report;
}

WebResponse reportPage(const ImportReport& report, const std::string& csrf) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& error : report.errors) {
        if (errors.size() < 200) {
            errors.push_back({{"ROW", error["row"]}, {"MESSAGE", error["message"]}});
        }
    }
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& heading : report.skipped) {
        skipped.push_back({{"HEADING", heading}});
    }
    WebResponse page = WebResponse::page("Lead import", "leads.import.tpl",
                                         {{"DONE", true},
                                          {"CREATED", report.created},
                                          {"FAILED", report.errors.size()},
                                          {"HAS_ERRORS", !report.errors.empty()},
                                          {"ERROR", errors},
                                          {"HAS_SKIPPED", !report.skipped.empty()},
                                          {"SKIPPED", skipped},
                                          {"OPERATION", report.operation},
                                          {"CAN_UNDO", report.created > 0},
                                          {"CSRF", csrf}},
                                         {{"Home", "/"}, {"Leads", "/p/leads/list"}, {"Import", ""}});
    page.status = report.created > 0 ? 200 : 422;
    return page;
}

}  // namespace

void addImport(PluginContext& context) {
    Records& records = context.records();
    context.addRoute({"POST", "/api/v1/p/leads/import", Permission::on("Lead", Action::Create),
                      [&records](const WebRequest& request) {
                          nlohmann::json skipped = nlohmann::json::array();
                          std::vector<Record> rows;
                          auto json = nlohmann::json::parse(request.body(), nullptr, false);
                          if (json.is_object() && json.contains("rows") && json["rows"].is_array()) {
                              for (const auto& row : json["rows"]) {
                                  rows.push_back(row.is_object() ? row : Record::object());
                              }
                          } else {
                              rows = rowsOfCsv(request.body(), skipped);
                          }
                          ImportReport report = importLeads(records, request.caller(), rows, skipped);
                          return WebResponse::json({{"created", report.created},
                                                    {"failed", report.errors.size()},
                                                    {"errors", report.errors},
                                                    {"skipped_columns", report.skipped},
                                                    {"operation", report.operation}},
                                                   report.created > 0 ? 201 : 422);
                      }});
    context.addRoute({"GET", "/p/leads/import", Permission::on("Lead", Action::Create),
                      [](const WebRequest& request) {
                          return WebResponse::page("Lead import", "leads.import.tpl",
                                                   {{"CSRF", request.csrfToken()}, {"MAX_ROWS", static_cast<std::int64_t>(kMaxRows)}},
                                                   {{"Home", "/"}, {"Leads", "/p/leads/list"}, {"Import", ""}});
                      }});
    context.addRoute({"POST", "/p/leads/import", Permission::on("Lead", Action::Create),
                      [&records](const WebRequest& request) {
                          auto file = multipartFile(request.header("content-type"), request.body(), "file");
                          if (!file || file->empty()) {
                              refuse("file", "choose a CSV file of leads");
                          }
                          if (file->find('\0') != std::string::npos) {
                              refuse("file", "is not a text file: save the sheet as CSV first");
                          }
                          nlohmann::json skipped = nlohmann::json::array();
                          auto rows = rowsOfCsv(*file, skipped);
                          return reportPage(importLeads(records, request.caller(), rows, skipped), request.csrfToken());
                      }});
    context.addRoute({"POST", "/p/leads/import/{operation}/undo", Permission::on("Lead", Action::Create),
                      [&records](const WebRequest& request) {
                          std::int64_t operation = 0;
                          try {
                              operation = std::stoll(request.param("operation"));
                          } catch (const std::exception&) {
                              throw PluginError("not_found", "there is no such import");
                          }
                          records.undoOperation(request.caller(), operation);
                          return WebResponse::redirect("/p/leads/list", "The import was undone: its leads are in the trash.");
                      }});
    context.addMenuItem({"Import leads", "/p/leads/import", Permission::on("Lead", Action::Create), 30, "Leads"});
}

}  // namespace leads
