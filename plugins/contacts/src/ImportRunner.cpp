#include "ImportRunner.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <tessera/sdk/Error.hpp>

#include "ContactHooks.hpp"
#include "Csv.hpp"

namespace contacts {

using namespace tessera::sdk;

namespace {

constexpr std::size_t kCreateChunk = 5000;
constexpr std::size_t kLookupChunk = 1000;
constexpr std::size_t kUpdateChunk = 2000;

struct Pending {
    std::size_t index = 0;  ///< into spec.rows
    Record values;
    std::string company;
    std::string key;
};

struct Existing {
    std::int64_t id = 0;
    std::int64_t version = 0;
};

std::string textOf(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_null() ? std::string{} : value.dump();
}

class Importer {
public:
    Importer(Records& records, const Caller& caller, const ImportFields& fields,
             const ImportSpec& spec, const ImportProgress& progress)
        : records_(records),
          caller_(caller),
          fields_(fields),
          spec_(spec),
          progress_(progress),
          keyField_(matchField(spec.matchKey)) {}

    ImportOutcome run() {
        checkMatchKey();
        std::vector<Pending> pending = convertRows();
        std::map<std::string, std::vector<Existing>> existing = findExisting(pending);
        std::map<std::string, std::int64_t> companies = companiesOf(pending);
        std::vector<Pending> creates;
        std::vector<std::pair<Pending, Existing>> updates;
        for (auto& p : pending) {
            if (!p.company.empty()) {
                auto it = companies.find(p.company);
                if (it == companies.end()) {
                    fail(p.index, "company", "the company could not be created");
                    continue;
                }
                p.values["company_id"] = it->second;
            }
            auto found = p.key.empty() ? existing.end() : existing.find(p.key);
            if (found == existing.end()) {
                creates.push_back(std::move(p));
            } else if (found->second.size() > 1) {
                std::string ids;
                for (const auto& e : found->second) {
                    ids += (ids.empty() ? "" : ", ") + std::to_string(e.id);
                }
                fail(p.index, keyField_,
                     "matches " + std::to_string(found->second.size()) + " existing records (" +
                         ids + "): merge them first");
            } else {
                updates.emplace_back(std::move(p), found->second.front());
            }
        }
        create(creates);
        update(updates);
        std::stable_sort(outcome_.errors.begin(), outcome_.errors.end(),
                         [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
        report();
        return std::move(outcome_);
    }

private:
    void checkMatchKey() {
        if (keyField_.empty()) {
            return;
        }
        bool allowed = keyField_ == "email" || keyField_ == "external_id" ||
                       (keyField_ == "domain" && spec_.entity == "Company");
        if (!allowed) {
            throw PluginError(Error{"validation",
                                    "contacts cannot be matched on their domain",
                                    {{"match_key", "choose e-mail, external id or none"}}});
        }
        bool mapped = std::any_of(spec_.mapping.begin(), spec_.mapping.end(), [&](const auto& f) {
            return f == keyField_ || (keyField_ == "domain" && (f == "website" || f == "email"));
        });
        if (!mapped) {
            throw PluginError(
                Error{"validation",
                      "no column is mapped to the match key " + keyField_,
                      {{"match_key", "map a column to " + keyField_ + " or match on nothing"}}});
        }
    }

    std::vector<Pending> convertRows() {
        std::vector<Pending> pending;
        std::map<std::string, std::size_t> firstRow;
        for (std::size_t i = 0; i < spec_.rows.size(); ++i) {
            ConvertedRow row = fields_.convert(spec_.entity, spec_.mapping, spec_.rows[i]);
            if (!row.cellErrors.empty()) {
                for (const auto& [column, message] : row.cellErrors) {
                    outcome_.errors.push_back(
                        {i + 2, headerOf(column), cellOf(i, column), message});
                }
                ++outcome_.failed;
                continue;
            }
            std::string key = keyField_.empty()
                                  ? std::string{}
                                  : textOf(row.values.value(keyField_, nlohmann::json()));
            if (!key.empty()) {
                auto [it, first] = firstRow.try_emplace(key, i);
                if (!first) {
                    fail(i, keyField_,
                         "'" + key + "' also appears in row " + std::to_string(it->second + 2) +
                             "; only the first is imported");
                    continue;
                }
            }
            pending.push_back({i, std::move(row.values), std::move(row.companyName), key});
        }
        return pending;
    }

    /// Every query of `entity` whose `field` is one of `values`, page by page.
    template <class Visit>
    void lookup(const std::string& entity, const std::string& field,
                const std::vector<std::string>& values, Visit visit) {
        for (std::size_t start = 0; start < values.size(); start += kLookupChunk) {
            nlohmann::json chunk = nlohmann::json::array();
            for (std::size_t k = start; k < std::min(values.size(), start + kLookupChunk); ++k) {
                chunk.push_back(values[k]);
            }
            Query query;
            query.entity = entity;
            query.filter = Filter::in(field, chunk);
            query.fields = {"id", "version", field};
            query.limit = 1000;
            do {
                Page page = records_.query(caller_, query);
                for (const auto& row : page.rows) {
                    visit(row);
                }
                query.after = page.nextCursor;
            } while (!query.after.empty());
        }
    }

    std::map<std::string, std::vector<Existing>> findExisting(const std::vector<Pending>& pending) {
        std::map<std::string, std::vector<Existing>> existing;
        std::vector<std::string> keys;
        for (const auto& p : pending) {
            if (!p.key.empty()) {
                keys.push_back(p.key);
            }
        }
        lookup(spec_.entity, keyField_, keys, [&](const Record& row) {
            existing[textOf(row.value(keyField_, nlohmann::json()))].push_back(
                {row["id"].get<std::int64_t>(), row.value("version", std::int64_t{1})});
        });
        return existing;
    }

    /// Contact rows name their company: an existing one of that name (the oldest), else a new
    /// one made in the same operation.
    std::map<std::string, std::int64_t> companiesOf(const std::vector<Pending>& pending) {
        std::set<std::string> names;
        for (const auto& p : pending) {
            if (!p.company.empty()) {
                names.insert(p.company);
            }
        }
        std::map<std::string, std::int64_t> ids;
        lookup("Company", "name", {names.begin(), names.end()}, [&](const Record& row) {
            ids.try_emplace(row.value("name", ""), row["id"].get<std::int64_t>());
        });
        std::vector<std::string> missing;
        std::vector<Record> rows;
        const Record initial = fields_.initialValues();
        for (const auto& name : names) {
            if (!ids.contains(name)) {
                missing.push_back(name);
                rows.push_back({{"name", name}});
                ImportFields::fillInitialValues(rows.back(), initial);
            }
        }
        if (rows.empty()) {
            return ids;
        }
        ImportResult made = records_.importRows(caller_, "Company", rows);
        std::size_t next = 0;
        for (std::size_t i = 0; i < missing.size(); ++i) {
            if (!made.errors.contains(i)) {
                ids[missing[i]] = made.ids.at(next++);
            }
        }
        outcome_.companiesCreated = static_cast<std::int64_t>(next);
        return ids;
    }

    void create(std::vector<Pending>& creates) {
        for (std::size_t start = 0; start < creates.size(); start += kCreateChunk) {
            std::size_t end = std::min(creates.size(), start + kCreateChunk);
            std::vector<Record> rows;
            rows.reserve(end - start);
            const Record initial = fields_.initialValues();
            for (std::size_t k = start; k < end; ++k) {
                ImportFields::fillInitialValues(creates[k].values, initial);
                rows.push_back(std::move(creates[k].values));
            }
            ImportResult result = records_.importRows(caller_, spec_.entity, rows);
            for (const auto& [index, fieldErrors] : result.errors) {
                std::size_t row = creates[start + index].index;
                for (const auto& [field, message] : fieldErrors) {
                    addError(row, field, textOf(rows[index].value(field, nlohmann::json())),
                             message);
                }
                ++outcome_.failed;
            }
            outcome_.created += static_cast<std::int64_t>(result.ids.size());
            report();
        }
    }

    /// Updates through the bulk path, kUpdateChunk rows at a time: each record's current values
    /// are read, the row's values laid over them and prepared as the hooks would prepare them,
    /// and only what changed is written; lifecycle stage changes are recorded as the hooks
    /// record them.
    void update(std::vector<std::pair<Pending, Existing>>& updates) {
        for (std::size_t start = 0; start < updates.size(); start += kUpdateChunk) {
            std::size_t end = std::min(updates.size(), start + kUpdateChunk);
            std::map<std::int64_t, Record> current = currentRecords(updates, start, end);
            std::vector<RowUpdate> rows;
            std::vector<std::size_t> updateOf;
            std::vector<std::optional<Record>> stageChanges;
            for (std::size_t k = start; k < end; ++k) {
                const auto& [p, existing] = updates[k];
                auto stored = current.find(existing.id);
                if (stored == current.end()) {
                    fail(p.index, keyField_, "the matching record was deleted meanwhile");
                    continue;
                }
                Record merged = stored->second;
                for (const auto& [field, value] : p.values.items()) {
                    merged[field] = value;
                }
                HookEvent event{spec_.entity, caller_, existing.id, merged, stored->second};
                try {
                    prepareRecord(records_, event);
                } catch (const PluginError& e) {
                    reportErrors(p, e.error().fields);
                    continue;
                }
                Record changes = Record::object();
                for (const auto& [field, value] : merged.items()) {
                    if (stored->second.value(field, nlohmann::json()) != value) {
                        changes[field] = value;
                    }
                }
                rows.push_back({existing.id, existing.version, std::move(changes)});
                updateOf.push_back(k);
                stageChanges.push_back(stageChangeOf(event));
            }
            ImportResult result = records_.updateRows(caller_, spec_.entity, rows);
            std::vector<Record> history;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                auto failed = result.errors.find(i);
                if (failed != result.errors.end()) {
                    reportErrors(updates[updateOf[i]].first, failed->second);
                } else if (stageChanges[i]) {
                    history.push_back(std::move(*stageChanges[i]));
                }
            }
            outcome_.updated += static_cast<std::int64_t>(result.ids.size());
            if (!history.empty()) {
                records_.importRows(Caller::systemCaller(), "StageChange", history);
            }
            report();
        }
    }

    std::map<std::int64_t, Record> currentRecords(
        const std::vector<std::pair<Pending, Existing>>& updates, std::size_t start,
        std::size_t end) {
        std::map<std::int64_t, Record> current;
        for (std::size_t first = start; first < end; first += kLookupChunk) {
            nlohmann::json ids = nlohmann::json::array();
            for (std::size_t k = first; k < std::min(end, first + kLookupChunk); ++k) {
                ids.push_back(updates[k].second.id);
            }
            Query query;
            query.entity = spec_.entity;
            query.filter = Filter::in("id", ids);
            query.limit = 1000;
            for (auto& record : queryAll(records_, caller_, query)) {
                current.emplace(record["id"].get<std::int64_t>(), std::move(record));
            }
        }
        return current;
    }

    /// A row's errors under the columns of their fields; one about the whole record (not
    /// visible, not the caller's to change) under the match key's column.
    void reportErrors(const Pending& p, const std::map<std::string, std::string>& fields) {
        for (const auto& [field, message] : fields) {
            if (field == "record" || field == "id") {
                addError(p.index, keyField_, p.key, message);
            } else {
                addError(p.index, field, textOf(p.values.value(field, nlohmann::json())), message);
            }
        }
        ++outcome_.failed;
    }

    void report() {
        if (progress_) {
            progress_(outcome_.created + outcome_.updated + outcome_.failed,
                      static_cast<std::int64_t>(spec_.rows.size()));
        }
    }

    void fail(std::size_t row, const std::string& field, const std::string& message) {
        addError(row, field, "", message);
        ++outcome_.failed;
    }

    /// An error on a field, reported under the column mapped to it.
    void addError(std::size_t row, const std::string& field, const std::string& value,
                  const std::string& message) {
        std::size_t column = columnOf(field);
        outcome_.errors.push_back(
            {row + 2, column < spec_.headers.size() ? spec_.headers[column] : field,
             column < spec_.headers.size() ? cellOf(row, column) : value, message});
    }

    std::size_t columnOf(const std::string& field) const {
        std::string wanted = field == "company_id" ? "company" : field;
        for (std::size_t i = 0; i < spec_.mapping.size(); ++i) {
            if (spec_.mapping[i] == wanted) {
                return i;
            }
        }
        if (wanted == "first_name" || wanted == "last_name" || wanted == "full_name") {
            for (std::size_t i = 0; i < spec_.mapping.size(); ++i) {
                if (spec_.mapping[i] == "full_name") {
                    return i;
                }
            }
        }
        return spec_.headers.size();
    }

    std::string headerOf(std::size_t column) const {
        return column < spec_.headers.size() ? spec_.headers[column] : "";
    }

    std::string cellOf(std::size_t row, std::size_t column) const {
        const auto& cells = spec_.rows[row];
        return column < cells.size() ? cells[column] : "";
    }

    Records& records_;
    const Caller& caller_;
    const ImportFields& fields_;
    const ImportSpec& spec_;
    const ImportProgress& progress_;
    std::string keyField_;
    ImportOutcome outcome_;
};

}  // namespace

ImportOutcome runImport(Records& records, const Caller& caller, const ImportFields& fields,
                        const ImportSpec& spec, const ImportProgress& progress) {
    return Importer(records, caller, fields, spec, progress).run();
}

std::string errorReportCsv(const std::vector<ImportError>& errors) {
    std::string out = csvLine({"Row", "Column", "Value", "Message"});
    for (const auto& e : errors) {
        out += csvLine({std::to_string(e.row), e.column, e.value, e.message});
    }
    return out;
}

}  // namespace contacts
