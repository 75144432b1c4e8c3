// Records::updateRows: the bulk path for changes, as importRows() is for new records.
#include <tessera/kernel/records/RecordStore.hpp>

#include <tessera/kernel/app/IsoTime.hpp>
#include <tessera/kernel/records/FieldCodec.hpp>
#include <tessera/kernel/records/RecordImporter.hpp>
#include <tessera/kernel/records/SearchBacklog.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

/// The row's messages: per field when the error names fields, else under `fallback`.
std::map<std::string, std::string> rowErrors(const sdk::PluginError& error,
                                             const std::string& fallback) {
    if (!error.error().fields.empty()) {
        return error.error().fields;
    }
    return {{fallback, error.error().message}};
}

}  // namespace

sdk::ImportResult RecordStore::updateRows(const sdk::Caller& caller, const std::string& entity,
                                          const std::vector<sdk::RowUpdate>& rows) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    const bool deferSearch =
        rows.size() >= RecordImporter::kDeferSearchAfter && searchBacklog_->deferring();
    sdk::ImportResult result;
    std::vector<std::int64_t> changedIds;
    runInTransaction([&](Poco::Data::Session& s) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const sdk::RowUpdate& row = rows[i];
            try {
                Stored current = loadVisible(s, e, *ctx, row.id, true, false);
                if (!access_.allows(*ctx, e.name, sdk::Action::Update, current.owner,
                                    current.team)) {
                    forbidden(e, *ctx, sdk::Action::Update, &current);
                }
                std::int64_t version = current.record["version"].get<std::int64_t>();
                if (version != row.version) {
                    result.errors[i]["version"] = "is now " + std::to_string(version) + ", not " +
                                                  std::to_string(row.version) +
                                                  ": the record changed since it was read";
                    continue;
                }
                auto inputErrors = checkWritable(e, *ctx, row.changes, &current.record, true);
                sdk::Record record = current.record;
                for (const auto& [name, value] : row.changes.items()) {
                    if (!inputErrors.contains(name) && !e.field(name)->system) {
                        record[name] = value;
                    }
                }
                sdk::Record normalized =
                    validate(s, e, *ctx, record, row.id, inputErrors, &current.record);
                auto owner = FieldCodec::optionalId(normalized["owner_id"]);
                auto team = FieldCodec::optionalId(normalized["team_id"]);
                if ((owner != current.owner || team != current.team) &&
                    !access_.allows(*ctx, e.name, sdk::Action::Update, owner, team)) {
                    Stored target{normalized, owner, team, false};
                    forbidden(e, *ctx, sdk::Action::Update, &target);
                }
                nlohmann::json diff = AuditLog::diff(current.record, normalized);
                if (!diff.empty()) {
                    writeUpdate(s, e, row.id, version, normalized, diff);
                    audit_.write(s, e.name, row.id, "update", caller.userId, diff);
                    sdk::Record stored = current.record;
                    for (const auto& [name, value] : diff.items()) {
                        stored[name] = normalized[name];
                    }
                    stored["version"] = version + 1;
                    stored["updated_at"] = isoNow();
                    if (!deferSearch) {
                        indexRecord(s, e, stored);
                    }
                    changedIds.push_back(row.id);
                }
                result.ids.push_back(row.id);
            } catch (const sdk::PluginError& error) {
                if (error.error().code == "not_found") {
                    result.errors[i] = rowErrors(error, "id");
                } else if (error.error().code == "validation" ||
                           error.error().code == "forbidden" || error.error().code == "conflict") {
                    result.errors[i] = rowErrors(error, "record");
                } else {
                    throw;
                }
            }
        }
        if (deferSearch && !changedIds.empty()) {
            searchBacklog_->add(s, e.name, changedIds);
        }
        if (!changedIds.empty()) {
            queueEvent({"record.updated_many",
                        {{"entity", e.name}, {"ids", changedIds}, {"userId", caller.userId}}});
        }
    });
    if (deferSearch && !changedIds.empty()) {
        searchBacklog_->notifyAdded();
    }
    return result;
}

}  // namespace tessera::kernel
