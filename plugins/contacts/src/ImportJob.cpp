#include "ImportJob.hpp"

#include "ImportRunner.hpp"
#include "ImportSource.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

/// Batch bookkeeping is written as the system, outside the import's operation, so undoing the
/// import leaves the batch's record of it alone.
void saveBatch(Records& records, std::int64_t id, const Record& changes) {
    Caller system = Caller::systemCaller();
    Record batch = records.get(system, "ImportBatch", id);
    records.update(system, "ImportBatch", id, batch["version"].get<std::int64_t>(), changes);
}

void runBatch(JobRun& run, FileService& files, const ImportFields& fields) {
    Records& records = run.records();
    std::int64_t id = run.arguments().value("batch", std::int64_t{0});
    Record batch = records.get(Caller::systemCaller(), "ImportBatch", id);
    if (batch.value("status", "") != "queued") {
        return;
    }
    Caller caller = Caller::user(batch.value("owner_id", nlohmann::json()).is_number_integer()
                                     ? batch["owner_id"].get<std::int64_t>()
                                     : batch.value("created_by", std::int64_t{0}));
    saveBatch(records, id, {{"status", "running"}});
    try {
        std::string separator = batch.value("separator", ",");
        CsvTable table = readCsvTable(files.read(caller, batch["file_id"].get<std::int64_t>()), 0,
                                      separator.empty() ? ',' : separator[0]);
        ImportSpec spec{batch.value("target", "Contact"),
                        std::move(table.headers),
                        std::move(table.rows),
                        {},
                        batch.value("match_key", "none")};
        spec.mapping = mappingOf(batch, spec.headers.size());
        std::int64_t operation = records.beginOperation(
            caller, "Import " + batch.value("file_name", ""), spec.entity, 0);
        saveBatch(records, id,
                  {{"operation_id", operation},
                   {"total_rows", static_cast<std::int64_t>(spec.rows.size())}});
        ImportOutcome outcome;
        records.withinOperation(operation, [&] {
            outcome = runImport(
                records, caller, fields, spec,
                [&run](std::int64_t done, std::int64_t total) { run.progress(done, total); });
        });
        Record changes = {{"status", "done"},
                          {"created_count", outcome.created},
                          {"updated_count", outcome.updated},
                          {"failed_count", outcome.failed}};
        if (outcome.companiesCreated > 0) {
            changes["message"] = std::to_string(outcome.companiesCreated) +
                                 " companies named in the file were created.";
        }
        if (!outcome.errors.empty()) {
            FileInfo report = files.attach(caller, "ImportBatch", id,
                                           "import-" + std::to_string(id) + "-errors.csv",
                                           "text/csv", errorReportCsv(outcome.errors));
            changes["error_file_id"] = report.id;
        }
        saveBatch(records, id, changes);
    } catch (const std::exception& e) {
        // Not rethrown: a retry would import the rows written so far a second time.
        saveBatch(
            records, id,
            {{"status", "failed"}, {"message", std::string("The import stopped: ") + e.what()}});
    }
}

}  // namespace

std::vector<std::string> mappingOf(const Record& batch, std::size_t columns) {
    std::vector<std::string> mapping(columns);
    const nlohmann::json stored = batch.value("mapping", nlohmann::json());
    if (stored.is_array()) {
        for (std::size_t i = 0; i < columns && i < stored.size(); ++i) {
            if (stored[i].is_string()) {
                mapping[i] = stored[i].get<std::string>();
            }
        }
    }
    return mapping;
}

void addImportJob(PluginContext& context, std::shared_ptr<const ImportFields> fields) {
    FileService& files = context.files();
    context.addJob({"contacts.import", "Import contacts or companies", "",
                    std::chrono::seconds(600), 1,
                    [&files, fields](JobRun& run) { runBatch(run, files, *fields); }});
}

}  // namespace contacts
