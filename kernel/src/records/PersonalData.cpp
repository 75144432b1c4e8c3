// The data export and the erasure of a person or organisation kept as a record.
#include <tessera/kernel/records/RecordStore.hpp>

#include <set>

#include <tessera/kernel/app/IsoTime.hpp>
#include <tessera/kernel/records/DataHandlerRegistry.hpp>
#include <tessera/kernel/records/FieldCodec.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

using sdk::PluginError;

constexpr const char* kErased = "[erased]";

nlohmann::json toJson(const sdk::AuditEntry& entry) {
    return {{"id", entry.id},         {"action", entry.action}, {"userId", entry.userId},
            {"at", entry.at},         {"changes", entry.changes}};
}

/// Every text value a field holds (a tag list holds several), longest first, so that a value
/// containing another is replaced whole.
std::vector<std::string> textValues(const nlohmann::json& value) {
    std::vector<std::string> out;
    if (value.is_string() && !value.get<std::string>().empty()) {
        out.push_back(value.get<std::string>());
    } else if (value.is_array()) {
        for (const auto& item : value) {
            if (item.is_string() && !item.get<std::string>().empty()) {
                out.push_back(item.get<std::string>());
            }
        }
    }
    return out;
}

bool isText(FieldType type) {
    return type == FieldType::Text || type == FieldType::LongText || type == FieldType::Email ||
           type == FieldType::Phone || type == FieldType::Url;
}

}  // namespace

nlohmann::json RecordStore::personalData(const sdk::Caller& caller, const std::string& entity,
                                         std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    Poco::Data::Session s = readSession();
    Stored stored = loadVisible(s, e, *ctx, id, false, true);
    if (!access_.allows(*ctx, e.name, sdk::Action::Export, stored.owner, stored.team)) {
        forbidden(e, *ctx, sdk::Action::Export, &stored);
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& entry : this->history(caller, e.name, id)) {
        history.push_back(toJson(entry));
    }
    nlohmann::json plugins = nlohmann::json::object();
    for (const auto& [plugin, handler] : dataHandlers_.personalDataHandlers(e.name)) {
        if (handler.exportData) {
            nlohmann::json share = handler.exportData({e.name, id, caller});
            if (!share.is_null()) {
                plugins[plugin] = std::move(share);
            }
        }
    }
    return {{"entity", e.name},
            {"id", id},
            {"exportedAt", isoNow()},
            {"record", visibleTo(e, *ctx, stored.record)},
            {"history", std::move(history)},
            {"plugins", std::move(plugins)}};
}

void RecordStore::erase(const sdk::Caller& caller, const std::string& entity, std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    runInTransaction([&](Poco::Data::Session& s) {
        Stored stored = loadVisible(s, e, *ctx, id, true, true);
        for (sdk::Action action : {sdk::Action::Update, sdk::Action::Delete}) {
            if (!access_.allows(*ctx, e.name, action, stored.owner, stored.team)) {
                forbidden(e, *ctx, action, &stored);
            }
        }
        // Plugins first: they may still read the record to find what they hold about it.
        for (const auto& [plugin, handler] : dataHandlers_.personalDataHandlers(e.name)) {
            if (handler.erase) {
                handler.erase({e.name, id, caller});
            }
        }
        std::set<std::string> personal;
        std::vector<std::string> values;
        SqlParams params;
        std::string sets;
        for (const auto& f : e.fields) {
            if (!f.personal) {
                continue;
            }
            personal.insert(f.name);
            for (auto& v : textValues(stored.record[f.name])) {
                values.push_back(std::move(v));
            }
            bool named = f.required || f.name == e.titleField;
            nlohmann::json blank = named && isText(f.type) ? nlohmann::json(kErased)
                                                           : nlohmann::json();
            std::vector<SqlValue> sql = FieldCodec::toSql(f, blank);
            sets += (sets.empty() ? "" : ", ") + ("\"" + f.name + "\" = ") +
                    dialect_.bindExpression(f, params.add(sql[0]));
            if (f.type == FieldType::Money) {
                sets += ", \"" + f.name + "_currency\" = " + params.add(sql[1]);
            }
        }
        if (!sets.empty()) {
            std::string idParam = params.add(id);
            Sql::execute(db_, s,
                         "UPDATE \"" + e.table + "\" SET " + sets +
                             ", version = version + 1 WHERE id = " + idParam,
                         params.values());
        }
        scrubHistory(s, e, id, personal);
        std::sort(values.begin(), values.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        scrubText(s, values);
        Stored erased = *load(s, e, id, false);
        if (erased.deleted) {
            search_.remove(s, e.name, id);
        } else {
            indexRecord(s, e, erased.record);
        }
        search_.forgetWords(s, values);
        nlohmann::json changes = nlohmann::json::object();
        for (const auto& field : personal) {
            changes[field] = nlohmann::json::array({kErased, kErased});
        }
        audit_.write(s, e.name, id, "erase", caller.userId, changes);
        queueEvent({"record.erased", {{"entity", e.name}, {"id", id}, {"userId", caller.userId}}});
    });
}

void RecordStore::scrubHistory(Poco::Data::Session& s, const EntityDef& e, std::int64_t id,
                               const std::set<std::string>& personal) {
    SqlRows rows = Sql::query(db_, s,
                              "SELECT id, changes FROM tessera_audit WHERE entity = $1 AND "
                              "record_id = $2",
                              {e.name, id});
    for (const auto& row : rows.rows) {
        auto changes = nlohmann::json::parse(asString(row[1]), nullptr, false);
        if (!changes.is_object()) {
            continue;
        }
        bool touched = false;
        for (auto& [field, pair] : changes.items()) {
            if (!personal.contains(field) || !pair.is_array()) {
                continue;
            }
            for (auto& value : pair) {
                if (!value.is_null()) {
                    value = kErased;
                    touched = true;
                }
            }
        }
        if (touched) {
            Sql::execute(db_, s, "UPDATE tessera_audit SET changes = $1 WHERE id = $2",
                         {changes.dump(), asInt(row[0])});
        }
    }
}

void RecordStore::scrubText(Poco::Data::Session& s, const std::vector<std::string>& values) {
    // Copies of the values outside the record: events waiting in or delivered from the outbox,
    // other records' history, queued mail (JSON), notifications (text). A short value is only
    // replaced where it is a whole JSON string, so that it cannot cut into other words.
    static const std::vector<std::string> kJson = {"tessera_audit.changes", "tessera_outbox.payload",
                                                   "tessera_mail_queue.message"};
    static const std::vector<std::string> kText = {"tessera_notifications.title",
                                                   "tessera_notifications.body"};
    std::set<std::string> present;
    for (const auto& where : {kJson, kText}) {
        for (const auto& column : where) {
            std::string table = column.substr(0, column.find('.'));
            std::string probe = dialect_.postgres()
                                    ? "SELECT 1 WHERE to_regclass($1) IS NOT NULL"
                                    : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1";
            if (!Sql::query(db_, s, probe, {table}).empty()) {
                present.insert(table);
            }
        }
    }
    auto replace = [&](const std::string& where, const std::string& from, const std::string& to) {
        auto dot = where.find('.');
        std::string table = where.substr(0, dot);
        if (!present.contains(table)) {
            return;  // a kernel service this deployment does not run
        }
        std::string column = where.substr(dot + 1);
        std::string find = dialect_.postgres() ? "strpos" : "instr";
        Sql::execute(db_, s,
                     "UPDATE " + table + " SET " + column + " = REPLACE(" + column +
                         ", $1, $2) WHERE " + find + "(" + column + ", $1) > 0",
                     {from, to});
    };
    for (const auto& value : values) {
        std::string quoted = nlohmann::json(value).dump();
        std::string escaped = quoted.substr(1, quoted.size() - 2);
        for (const auto& where : kJson) {
            replace(where, quoted, nlohmann::json(kErased).dump());
            if (value.size() >= 4) {
                replace(where, escaped, kErased);
            }
        }
        if (value.size() >= 3) {
            for (const auto& where : kText) {
                replace(where, value, kErased);
            }
        }
    }
}

}  // namespace tessera::kernel
