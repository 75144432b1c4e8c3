#include "ImportPages.hpp"

#include <algorithm>
#include <memory>

#include "IdList.hpp"
#include "ImportFields.hpp"
#include "ImportJob.hpp"
#include "ImportSource.hpp"
#include "Multipart.hpp"
#include "Normalize.hpp"
#include "Refuse.hpp"
#include "VCardImport.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kPreviewRows = 10;
constexpr std::int64_t kDefaultMaxBytes = 20 * 1024 * 1024;

const Permission& importPermission() {
    static const Permission kPermission = Permission::on("Contact", Action::Delete);
    return kPermission;
}

std::int64_t idParam(const WebRequest& request) {
    try {
        std::size_t used = 0;
        std::int64_t id = std::stoll(request.param("id"), &used);
        if (used == request.param("id").size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
    }
    throw PluginError("not_found", "no import has the number '" + request.param("id") + "'");
}

std::string lowerExtension(const std::string& name) {
    std::size_t dot = name.find_last_of('.');
    std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string sizeText(std::int64_t bytes) {
    return bytes >= 1024 * 1024 ? std::to_string(bytes / (1024 * 1024)) + " MiB"
                                : std::to_string(bytes / 1024) + " KiB";
}

/// `import_max_bytes` from the manifest (a number) or tessera.ini (text).
std::int64_t maxBytesOf(const nlohmann::json& config) {
    auto value = config.value("import_max_bytes", nlohmann::json(kDefaultMaxBytes));
    try {
        std::int64_t bytes =
            value.is_string() ? std::stoll(value.get<std::string>()) : value.get<std::int64_t>();
        if (bytes > 0) {
            return bytes;
        }
    } catch (const std::exception&) {
    }
    throw PluginError("config",
                      "plugin.contacts.import_max_bytes must be a positive number of bytes");
}

std::string hrefOf(std::int64_t id) {
    return "/p/contacts/import/" + std::to_string(id);
}

std::string integerText(const Record& record, const char* field) {
    const auto value = record.value(field, nlohmann::json());
    return value.is_number_integer() ? std::to_string(value.get<std::int64_t>()) : "0";
}

class ImportPages {
public:
    ImportPages(PluginContext& context, std::shared_ptr<const ImportFields> fields)
        : records_(context.records()),
          files_(context.files()),
          jobs_(context.jobs()),
          fields_(std::move(fields)),
          maxBytes_(maxBytesOf(context.config())) {}

    WebResponse index(const WebRequest& request) {
        Query query;
        query.entity = "ImportBatch";
        query.sort = {{"id", true}};
        query.limit = 20;
        nlohmann::json batches = nlohmann::json::array();
        for (const auto& batch : records_.query(request.caller(), query).rows) {
            batches.push_back({{"HREF", hrefOf(batch["id"].get<std::int64_t>())},
                               {"FILE", batch.value("file_name", "")},
                               {"TARGET", batch.value("target", "")},
                               {"STATUS", batch.value("status", "")},
                               {"CREATED", integerText(batch, "created_count")},
                               {"UPDATED", integerText(batch, "updated_count")},
                               {"FAILED", integerText(batch, "failed_count")},
                               {"AT", batch.value("created_at", "")}});
        }
        return WebResponse::page("Import", "contacts.import.tpl",
                                 {{"BATCH", batches},
                                  {"ANY", !batches.empty()},
                                  {"NONE", batches.empty()},
                                  {"MAX_SIZE", sizeText(maxBytes_)}},
                                 {{"Import", ""}});
    }

    WebResponse upload(const WebRequest& request) {
        auto parts = parseMultipart(request.header("content-type"), request.body());
        const FormPart* file = findPart(parts, "file");
        if (!file || !file->fileName || file->fileName->empty()) {
            refuse("file", "choose a file to import");
        }
        const FormPart* targetPart = findPart(parts, "target");
        std::string target = targetPart ? targetPart->data : "Contact";
        fields_->of(target);  // refuses anything but Contact and Company
        if (static_cast<std::int64_t>(file->data.size()) > maxBytes_) {
            refuse("file", "the file is " + sizeText(static_cast<std::int64_t>(file->data.size())) +
                               "; an import takes at most " + sizeText(maxBytes_) +
                               ": split it into smaller files");
        }
        std::string name = *file->fileName;
        std::string ext = lowerExtension(name);
        std::string source = "csv";
        std::string text = file->data;
        if (ext == "vcf" || ext == "vcard") {
            if (target != "Contact") {
                refuse("target", "a vCard holds contacts: import it as contacts");
            }
            source = "vcard";
            text = vcardsToCsv(text);
        } else if (ext != "csv" && ext != "txt") {
            refuse("file", "'" + name.substr(0, 100) +
                               "' is not a CSV or vCard file: export your data as CSV (UTF-8) "
                               "or vCard and upload that");
        }
        CsvTable table = readCsvTable(text, 1);
        Record batch = records_.create(request.caller(), "ImportBatch",
                                       {{"file_name", name.substr(0, 200)},
                                        {"target", target},
                                        {"source", source},
                                        {"separator", std::string(1, table.separator)},
                                        {"mapping", fields_->suggest(target, table.headers)},
                                        {"match_key", target == "Contact" ? "email" : "domain"}});
        std::int64_t id = batch["id"].get<std::int64_t>();
        std::string stored =
            source == "vcard" ? name + ".csv" : (ext == "csv" ? name : name + ".csv");
        FileInfo info;
        try {
            info = files_.attach(request.caller(), "ImportBatch", id, stored, "text/csv", text);
        } catch (const PluginError&) {
            records_.remove(Caller::systemCaller(), "ImportBatch", id);  // no batch without a file
            throw;
        }
        records_.update(request.caller(), "ImportBatch", id, batch["version"].get<std::int64_t>(),
                        {{"file_id", info.id}});
        return WebResponse::redirect(hrefOf(id), "Uploaded. Check how the columns are mapped.");
    }

    WebResponse show(const WebRequest& request) {
        Record batch = records_.get(request.caller(), "ImportBatch", idParam(request));
        return batch.value("status", "") == "draft" ? mappingPage(request, batch)
                                                    : statusPage(request, batch);
    }

    WebResponse saveMapping(const WebRequest& request) {
        std::int64_t id = idParam(request);
        Record batch = records_.get(request.caller(), "ImportBatch", id);
        if (batch.value("status", "") != "draft") {
            throw PluginError("conflict", "this import has already started");
        }
        std::string target = batch.value("target", "Contact");
        CsvTable table = tableOf(request.caller(), batch, 0);
        std::string action = request.form("action").value_or("preview");
        std::vector<std::string> mapping;
        std::string matchKey = request.form("match_key").value_or("none");
        if (action == "apply_template") {
            std::vector<std::int64_t> templateId =
                idList(request.form("template_id").value_or(""), "template_id");
            if (templateId.size() != 1) {
                refuse("template_id", "choose a saved mapping");
            }
            Record templ = records_.get(request.caller(), "ImportTemplate", templateId.front());
            mapping = fromTemplate(templ, table.headers);
            matchKey = templ.value("match_key", "none");
        } else {
            for (std::size_t i = 0; i < table.headers.size(); ++i) {
                std::string field = request.form("map_" + std::to_string(i)).value_or("");
                if (!field.empty() && !fields_->find(target, field)) {
                    refuse("map_" + std::to_string(i),
                           "'" + field.substr(0, 60) + "' is not a field of " + target);
                }
                mapping.push_back(field);
            }
        }
        if (matchKey != "none" && matchKey != "email" && matchKey != "external_id" &&
            !(matchKey == "domain" && target == "Company")) {
            refuse("match_key", "match on e-mail, external id" +
                                    std::string(target == "Company" ? ", domain" : "") +
                                    " or nothing");
        }
        Record changes = {{"mapping", mapping}, {"match_key", matchKey}};
        std::string templateName = trim(request.form("template_name").value_or(""));
        if (!templateName.empty()) {
            nlohmann::json byHeader = nlohmann::json::object();
            for (std::size_t i = 0; i < mapping.size(); ++i) {
                if (!mapping[i].empty()) {
                    byHeader[table.headers[i]] = mapping[i];
                }
            }
            records_.create(request.caller(), "ImportTemplate",
                            {{"name", templateName},
                             {"target", target},
                             {"mapping", byHeader},
                             {"match_key", matchKey}});
        }
        if (action == "start") {
            // One transaction: the run is queued with the commit, so it never sees a draft.
            records_.transaction([&] {
                changes["status"] = "queued";
                changes["total_rows"] = static_cast<std::int64_t>(table.rows.size());
                changes["job_run_id"] = jobs_.enqueue("contacts.import", {{"batch", id}});
                records_.update(request.caller(), "ImportBatch", id,
                                batch["version"].get<std::int64_t>(), changes);
            });
            return WebResponse::redirect(hrefOf(id), "The import was started.");
        }
        records_.update(request.caller(), "ImportBatch", id, batch["version"].get<std::int64_t>(),
                        changes);
        return WebResponse::redirect(hrefOf(id), templateName.empty()
                                                     ? "The mapping was saved."
                                                     : "The mapping was saved as a template.");
    }

    WebResponse status(const WebRequest& request) {
        Record batch = records_.get(request.caller(), "ImportBatch", idParam(request));
        auto [done, total] = progressOf(batch);
        return WebResponse::json(
            {{"id", batch["id"]},
             {"status", batch.value("status", "")},
             {"done", done},
             {"total", total},
             {"created", batch.value("created_count", 0)},
             {"updated", batch.value("updated_count", 0)},
             {"failed", batch.value("failed_count", 0)},
             {"operation", batch.value("operation_id", nlohmann::json())},
             {"errors",
              batch.value("error_file_id", nlohmann::json()).is_number_integer()
                  ? nlohmann::json(hrefOf(batch["id"].get<std::int64_t>()) + "/errors.csv")
                  : nlohmann::json()}});
    }

    WebResponse errors(const WebRequest& request) {
        Record batch = records_.get(request.caller(), "ImportBatch", idParam(request));
        auto file = batch.value("error_file_id", nlohmann::json());
        if (!file.is_number_integer()) {
            throw PluginError("not_found", "this import has no errors to report");
        }
        WebResponse response = WebResponse::raw(
            "text/csv; charset=utf-8", files_.read(request.caller(), file.get<std::int64_t>()));
        response.headers.emplace_back(
            "Content-Disposition",
            "attachment; filename=\"import-" + batch["id"].dump() + "-errors.csv\"");
        return response;
    }

    WebResponse undo(const WebRequest& request) {
        std::int64_t id = idParam(request);
        Record batch = records_.get(request.caller(), "ImportBatch", id);
        std::string state = batch.value("status", "");
        if ((state == "queued" || state == "running") && lostRun(batch)) {
            state = "failed";
        }
        auto operation = batch.value("operation_id", nlohmann::json());
        if ((state != "done" && state != "failed") || !operation.is_number_integer()) {
            throw PluginError("conflict", state == "undone" ? "this import was already rolled back"
                                                            : "this import has not run yet");
        }
        records_.undoOperation(request.caller(), operation.get<std::int64_t>());
        Record current = records_.get(Caller::systemCaller(), "ImportBatch", id);
        records_.update(Caller::systemCaller(), "ImportBatch", id,
                        current["version"].get<std::int64_t>(), {{"status", "undone"}});
        return WebResponse::redirect(hrefOf(id),
                                     "The import was rolled back: what it created is "
                                     "in the trash, what it changed is as it was.");
    }

private:
    CsvTable tableOf(const Caller& caller, const Record& batch, std::size_t maxRows) {
        auto file = batch.value("file_id", nlohmann::json());
        if (!file.is_number_integer()) {
            throw PluginError("not_found", "the file of this import is missing");
        }
        std::string separator = batch.value("separator", ",");
        return readCsvTable(files_.read(caller, file.get<std::int64_t>()), maxRows,
                            separator.empty() ? ',' : separator[0]);
    }

    std::vector<std::string> fromTemplate(const Record& templ,
                                          const std::vector<std::string>& headers) {
        std::vector<std::string> mapping(headers.size());
        const nlohmann::json byHeader = templ.value("mapping", nlohmann::json::object());
        for (std::size_t i = 0; i < headers.size(); ++i) {
            for (const auto& [header, field] : byHeader.items()) {
                if (headerKey(header) == headerKey(headers[i]) && field.is_string()) {
                    mapping[i] = field.get<std::string>();
                }
            }
        }
        return mapping;
    }

    std::pair<std::int64_t, std::int64_t> progressOf(const Record& batch) {
        std::int64_t total = batch.value("total_rows", std::int64_t{0});
        std::string state = batch.value("status", "");
        if (state == "done" || state == "undone") {
            return {total, total};
        }
        auto run = batch.value("job_run_id", nlohmann::json());
        if (run.is_number_integer()) {
            JobRunStatus status = jobs_.status(run.get<std::int64_t>());
            return {status.done, status.total > 0 ? status.total : total};
        }
        return {0, total};
    }

    /// Why the batch's job run ended without finishing the batch, if it did.
    std::optional<std::string> lostRun(const Record& batch) {
        auto run = batch.value("job_run_id", nlohmann::json());
        if (!run.is_number_integer()) {
            return std::nullopt;
        }
        JobRunStatus status = jobs_.status(run.get<std::int64_t>());
        if (status.state != "failed" && status.state != "stopped") {
            return std::nullopt;
        }
        return status.error.empty() ? "its job run " + status.state : status.error;
    }

    WebResponse mappingPage(const WebRequest& request, const Record& batch) {
        std::string target = batch.value("target", "Contact");
        CsvTable table = tableOf(request.caller(), batch, 0);
        std::vector<std::string> mapping = mappingOf(batch, table.headers.size());
        nlohmann::json columns = nlohmann::json::array();
        for (std::size_t i = 0; i < table.headers.size(); ++i) {
            nlohmann::json options = nlohmann::json::array();
            for (const auto& f : fields_->of(target)) {
                options.push_back(
                    {{"VALUE", f.name}, {"LABEL", f.label}, {"SELECTED", f.name == mapping[i]}});
            }
            std::string sample;
            for (const auto& row : table.rows) {
                if (i < row.size() && !trim(row[i]).empty()) {
                    sample = row[i].substr(0, 80);
                    break;
                }
            }
            columns.push_back(
                {{"INDEX", std::to_string(i)},
                 {"HEADER", table.headers[i].empty() ? "(no name)" : table.headers[i]},
                 {"SAMPLE", sample},
                 {"OPTION", options}});
        }
        std::string matchKey = batch.value("match_key", "none");
        nlohmann::json matches = nlohmann::json::array();
        std::vector<std::pair<std::string, std::string>> keys = {
            {"email", "E-mail (update the existing record)"},
            {"external_id", "External id (update the existing record)"}};
        if (target == "Company") {
            keys.insert(keys.begin(), {"domain", "Domain (update the existing company)"});
        }
        keys.push_back({"none", "Nothing: always create new records"});
        for (const auto& [value, label] : keys) {
            matches.push_back(
                {{"VALUE", value}, {"LABEL", label}, {"SELECTED", value == matchKey}});
        }
        Query templatesQuery;
        templatesQuery.entity = "ImportTemplate";
        templatesQuery.filter = Filter::eq("target", target);
        templatesQuery.sort = {{"name", false}};
        templatesQuery.limit = 100;
        nlohmann::json templates = nlohmann::json::array();
        for (const auto& t : records_.query(request.caller(), templatesQuery).rows) {
            templates.push_back({{"ID", t["id"].dump()}, {"NAME", t.value("name", "")}});
        }
        nlohmann::json head = nlohmann::json::array();
        std::vector<std::size_t> shown;
        for (std::size_t i = 0; i < mapping.size(); ++i) {
            if (!mapping[i].empty()) {
                shown.push_back(i);
                head.push_back({{"FIELD", fields_->find(target, mapping[i])->label}});
            }
        }
        nlohmann::json preview = nlohmann::json::array();
        for (std::size_t r = 0; r < table.rows.size() && r < kPreviewRows; ++r) {
            ConvertedRow converted = fields_->convert(target, mapping, table.rows[r]);
            nlohmann::json cells = nlohmann::json::array();
            for (std::size_t i : shown) {
                auto error = converted.cellErrors.find(i);
                bool bad = error != converted.cellErrors.end();
                cells.push_back({{"VALUE", i < table.rows[r].size() ? table.rows[r][i] : ""},
                                 {"BAD", bad},
                                 {"ERROR", bad ? error->second : ""}});
            }
            preview.push_back({{"ROW", std::to_string(r + 2)}, {"CELL", cells}});
        }
        std::int64_t id = batch["id"].get<std::int64_t>();
        return WebResponse::page(
            "Map the columns", "contacts.import_map.tpl",
            {{"FILE", batch.value("file_name", "")},
             {"TARGET_LABEL", target == "Contact" ? "contacts" : "companies"},
             {"ROWS", std::to_string(table.rows.size())},
             {"ACTION", hrefOf(id) + "/mapping"},
             {"COLUMN", columns},
             {"MATCH", matches},
             {"TEMPLATES", !templates.empty()},
             {"TEMPLATE", templates},
             {"PREVIEW_HEAD", head},
             {"PREVIEW_ROW", preview}},
            {{"Import", "/p/contacts/import"}, {batch.value("file_name", ""), ""}});
    }

    WebResponse statusPage(const WebRequest&, const Record& batch) {
        std::int64_t id = batch["id"].get<std::int64_t>();
        std::string state = batch.value("status", "");
        std::string message = batch.value("message", nlohmann::json()).is_string()
                                  ? batch["message"].get<std::string>()
                                  : "";
        auto [done, total] = progressOf(batch);
        bool running = state == "queued" || state == "running";
        if (running) {
            // A run that died (the server stopped mid-import) is not retried: say so.
            if (auto lost = lostRun(batch)) {
                state = "failed";
                running = false;
                message = "The import stopped: " + *lost + ". What it wrote can be rolled back.";
            }
        }
        bool undoable = (state == "done" || state == "failed") &&
                        batch.value("operation_id", nlohmann::json()).is_number_integer();
        nlohmann::json data = {{"FILE", batch.value("file_name", "")},
                               {"STATUS", state},
                               {"RUNNING", running},
                               {"DONE", std::to_string(done)},
                               {"TOTAL", std::to_string(std::max<std::int64_t>(total, 1))},
                               {"CREATED", integerText(batch, "created_count")},
                               {"UPDATED", integerText(batch, "updated_count")},
                               {"FAILED", integerText(batch, "failed_count")},
                               {"TARGET", batch.value("target", "")},
                               {"MESSAGE", message},
                               {"HAS_MESSAGE", !message.empty()}};
        if (batch.value("error_file_id", nlohmann::json()).is_number_integer()) {
            data["ERRORS_HREF"] = hrefOf(id) + "/errors.csv";
            data["HAS_ERRORS"] = true;
        }
        if (undoable) {
            data["UNDO"] = hrefOf(id) + "/undo";
            data["CAN_UNDO"] = true;
        }
        WebResponse response = WebResponse::page(
            "Import of " + batch.value("file_name", ""), "contacts.import_batch.tpl", data,
            {{"Import", "/p/contacts/import"}, {batch.value("file_name", ""), ""}});
        if (running) {
            response.headers.emplace_back("Refresh", "2");
        }
        return response;
    }

    Records& records_;
    FileService& files_;
    JobService& jobs_;
    std::shared_ptr<const ImportFields> fields_;
    std::int64_t maxBytes_;
};

}  // namespace

void addImport(PluginContext& context, std::shared_ptr<LifecycleStages> stages) {
    auto fields = std::make_shared<const ImportFields>(
        context.directory(), [stages] { return stages->keys(); },
        [stages] { return stages->defaultKey(); });
    auto pages = std::make_shared<ImportPages>(context, fields);
    addImportJob(context, fields);
    auto route = [&context, pages](const std::string& method, const std::string& pattern,
                                   WebResponse (ImportPages::*handler)(const WebRequest&)) {
        context.addRoute(
            {method, pattern, importPermission(),
             [pages, handler](const WebRequest& request) { return ((*pages).*handler)(request); }});
    };
    route("GET", "/p/contacts/import", &ImportPages::index);
    route("POST", "/p/contacts/import", &ImportPages::upload);
    route("GET", "/p/contacts/import/{id}", &ImportPages::show);
    route("POST", "/p/contacts/import/{id}/mapping", &ImportPages::saveMapping);
    route("GET", "/p/contacts/import/{id}/status", &ImportPages::status);
    route("GET", "/p/contacts/import/{id}/errors.csv", &ImportPages::errors);
    route("POST", "/p/contacts/import/{id}/undo", &ImportPages::undo);
    context.addMenuItem({"Import", "/p/contacts/import", importPermission(), 60, "Customers"});
}

}  // namespace contacts
