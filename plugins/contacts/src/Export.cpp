#include "Export.hpp"

#include <map>
#include <set>

#include "Csv.hpp"
#include "IdList.hpp"
#include "Refuse.hpp"
#include "Segments.hpp"
#include "Xlsx.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kMaxRows = 100000;

struct Column {
    std::string field;
    std::string header;
};

const std::vector<Column>& columnsOf(const std::string& entity) {
    static const std::vector<Column> kContact = {{"id", "Id"},
                                                 {"first_name", "First name"},
                                                 {"last_name", "Last name"},
                                                 {"full_name", "Full name"},
                                                 {"job_title", "Job title"},
                                                 {"company_id", "Company"},
                                                 {"email", "Email"},
                                                 {"phone", "Phone"},
                                                 {"mobile", "Mobile"},
                                                 {"lifecycle_stage", "Lifecycle stage"},
                                                 {"city", "City"},
                                                 {"country", "Country"},
                                                 {"birthday", "Birthday"},
                                                 {"consent_email", "E-mail consent"},
                                                 {"tags", "Tags"},
                                                 {"external_id", "External id"},
                                                 {"created_at", "Created"}};
    static const std::vector<Column> kCompany = {{"id", "Id"},
                                                 {"name", "Name"},
                                                 {"domain", "Domain"},
                                                 {"company_type", "Type"},
                                                 {"lifecycle_stage", "Lifecycle stage"},
                                                 {"industry", "Industry"},
                                                 {"size", "Company size"},
                                                 {"employees", "Employees"},
                                                 {"annual_revenue", "Annual revenue"},
                                                 {"phone", "Phone"},
                                                 {"email", "Email"},
                                                 {"website", "Website"},
                                                 {"city", "City"},
                                                 {"country", "Country"},
                                                 {"tags", "Tags"},
                                                 {"external_id", "External id"},
                                                 {"created_at", "Created"}};
    if (entity == "Contact") {
        return kContact;
    }
    if (entity == "Company") {
        return kCompany;
    }
    throw PluginError(Error{"validation",
                            "only contacts and companies can be exported here",
                            {{"entity", "choose Contact or Company"}}});
}

/// A cell as the spreadsheet gets it: numbers stay numbers, lists are joined, money is its
/// amount.
nlohmann::json cellOf(const nlohmann::json& value) {
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            out += (out.empty() ? "" : ", ") +
                   (item.is_string() ? item.get<std::string>() : item.dump());
        }
        return out;
    }
    if (value.is_object()) {
        return value.contains("amount") ? cellOf(value["amount"]) : nlohmann::json(value.dump());
    }
    return value;
}

std::string textOf(const nlohmann::json& cell) {
    if (cell.is_string()) {
        return cell.get<std::string>();
    }
    if (cell.is_boolean()) {
        return cell.get<bool>() ? "yes" : "no";
    }
    return cell.is_null() ? std::string{} : cell.dump();
}

class Exporter {
public:
    explicit Exporter(Records& records) : records_(records) {}

    std::vector<std::vector<nlohmann::json>> rows(const WebRequest& request,
                                                  const std::string& entity) {
        Query query;
        query.entity = entity;
        if (auto segment = request.query("segment")) {
            std::vector<std::int64_t> segmentIds = idList(*segment, "segment");
            if (segmentIds.size() != 1) {
                refuse("segment", "segment must be one record number");
            }
            std::int64_t segmentId = segmentIds.front();
            Segments segments(records_);
            if (segments.target(request.caller(), segmentId) != entity) {
                throw PluginError(Error{"validation",
                                        "this segment holds other records",
                                        {{"segment", "choose a segment of " + entity}}});
            }
            query = segments.membersQuery(request.caller(), segmentId);
        } else if (auto ids = request.query("ids")) {
            query.filter = Filter::in("id", idList(*ids, "ids"));
        }
        query.forExport = true;
        query.limit = 1000;
        query.sort = {{"id", false}};
        std::vector<Record> records;
        do {
            Page page = records_.query(request.caller(), query);
            records.insert(records.end(), page.rows.begin(), page.rows.end());
            query.after = page.nextCursor;
        } while (!query.after.empty() && records.size() < kMaxRows);
        std::map<std::int64_t, std::string> companies = companyNames(request.caller(), records);
        std::vector<std::vector<nlohmann::json>> out;
        out.reserve(records.size());
        for (const auto& record : records) {
            std::vector<nlohmann::json> row;
            for (const auto& column : columnsOf(entity)) {
                nlohmann::json value = record.value(column.field, nlohmann::json());
                if (column.field == "company_id" && value.is_number_integer()) {
                    auto it = companies.find(value.get<std::int64_t>());
                    value = it == companies.end() ? nlohmann::json() : nlohmann::json(it->second);
                }
                row.push_back(cellOf(value));
            }
            out.push_back(std::move(row));
        }
        return out;
    }

private:
    std::map<std::int64_t, std::string> companyNames(const Caller& caller,
                                                     const std::vector<Record>& records) {
        std::set<std::int64_t> ids;
        for (const auto& r : records) {
            if (r.value("company_id", nlohmann::json()).is_number_integer()) {
                ids.insert(r["company_id"].get<std::int64_t>());
            }
        }
        std::map<std::int64_t, std::string> names;
        std::vector<std::int64_t> all(ids.begin(), ids.end());
        for (std::size_t start = 0; start < all.size(); start += 1000) {
            Query query;
            query.entity = "Company";
            query.filter = Filter::in(
                "id", std::vector<std::int64_t>(all.begin() + static_cast<std::ptrdiff_t>(start),
                                                all.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                  all.size(), start + 1000))));
            query.fields = {"id", "name"};
            query.limit = 1000;
            for (const auto& row : records_.query(caller, query).rows) {
                names[row["id"].get<std::int64_t>()] = row.value("name", "");
            }
        }
        return names;
    }

    Records& records_;
};

WebResponse download(std::string contentType, std::string body, const std::string& fileName) {
    WebResponse response = WebResponse::raw(std::move(contentType), std::move(body));
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + fileName + "\"");
    response.headers.emplace_back("Cache-Control", "private, no-store");
    return response;
}

std::string entityOf(const WebRequest& request) {
    std::string entity = request.query("entity").value_or("Contact");
    columnsOf(entity);
    return entity;
}

std::vector<std::string> headersOf(const std::string& entity) {
    std::vector<std::string> headers;
    for (const auto& column : columnsOf(entity)) {
        headers.push_back(column.header);
    }
    return headers;
}

std::string baseName(const std::string& entity) {
    return entity == "Contact" ? "contacts" : "companies";
}

}  // namespace

void addExport(PluginContext& context) {
    Records& records = context.records();
    // A segment's page offers its members as a spreadsheet.
    context.addPanel({Slot::DetailActions, "Segment", Permission::on("Contact", Action::Export), 20,
                      [](const PanelContext& panel) -> std::optional<PanelContent> {
                          std::string target =
                              panel.record ? panel.record->value("target", "Contact") : "Contact";
                          std::string query =
                              "?entity=" + target + "&segment=" + std::to_string(panel.id);
                          return PanelContent{"",
                                              "contacts.export_action.tpl",
                                              {{"CSV", "/p/contacts/export.csv" + query},
                                               {"XLSX", "/p/contacts/export.xlsx" + query}}};
                      }});
    context.addRoute({"GET", "/p/contacts/export.csv", Permission::on("Contact", Action::Export),
                      [&records](const WebRequest& request) {
                          std::string entity = entityOf(request);
                          std::string body = "\xEF\xBB\xBF" + csvLine(headersOf(entity));
                          for (const auto& row : Exporter(records).rows(request, entity)) {
                              std::vector<std::string> cells;
                              for (const auto& cell : row) {
                                  cells.push_back(textOf(cell));
                              }
                              body += csvLine(cells);
                          }
                          return download("text/csv; charset=utf-8", std::move(body),
                                          baseName(entity) + ".csv");
                      }});
    context.addRoute(
        {"GET", "/p/contacts/export.xlsx", Permission::on("Contact", Action::Export),
         [&records](const WebRequest& request) {
             std::string entity = entityOf(request);
             std::string bytes = xlsxOf(entity == "Contact" ? "Contacts" : "Companies",
                                        headersOf(entity), Exporter(records).rows(request, entity));
             return download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             std::move(bytes), baseName(entity) + ".xlsx");
         }});
}

}  // namespace contacts
