#include "Import.hpp"

#include <map>

#include "Csv.hpp"
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
                          if (rows.size() > kMaxRows) {
                              refuse("file", "has " + std::to_string(rows.size()) + " rows; send at most " +
                                                 std::to_string(kMaxRows) + " at a time");
                          }
                          Caller caller = request.caller();
                          std::int64_t operation =
                              records.beginOperation(caller, "Import of " + std::to_string(rows.size()) + " leads", "Lead", 0);
                          std::int64_t created = 0;
                          nlohmann::json errors = nlohmann::json::array();
                          records.withinOperation(operation, [&] {
                              for (std::size_t i = 0; i < rows.size(); ++i) {
                                  Record values = rows[i];
                                  if (!values.contains("source")) {
                                      values["source"] = "import";
                                  }
                                  if (!values.contains("owner_id")) {
                                      values["owner_id"] = nullptr;  // the assignment rules decide
                                  }
                                  try {
                                      records.create(caller, "Lead", values);
                                      ++created;
                                  } catch (const PluginError& e) {
                                      if (e.error().code != "validation" && e.error().code != "forbidden") {
                                          throw;
                                      }
                                      errors.push_back({{"row", i + 2}, {"message", e.error().message}, {"fields", e.error().fields}});
                                  }
                              }
                          });
                          return WebResponse::json({{"created", created},
                                                    {"failed", errors.size()},
                                                    {"errors", errors},
                                                    {"skipped_columns", skipped},
                                                    {"operation", operation}},
                                                   created > 0 ? 201 : 422);
                      }});
}

}  // namespace leads
