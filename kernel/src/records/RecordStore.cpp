#include <tessera/kernel/records/RecordStore.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/records/FieldCodec.hpp>
#include <tessera/kernel/records/QueryCompiler.hpp>
#include <tessera/kernel/records/RecordImporter.hpp>
#include <tessera/kernel/records/RecordReader.hpp>
#include <tessera/kernel/records/SearchBacklog.hpp>
#include <tessera/kernel/records/SearchEntries.hpp>
#include <tessera/kernel/storage/Migrator.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/StorageError.hpp>
#include <tessera/sdk/Error.hpp>

#include "RecordErrors.hpp"

namespace tessera::kernel {

namespace {

using sdk::Action;
using sdk::PluginError;

/// The transaction a thread is in, so that hooks writing through the record API join it. Its
/// events wait in an EventBus::Transaction (written to the outbox with it, delivered in-process
/// after the commit).
struct OpenTransaction {
    Poco::Data::Session* session = nullptr;
};
thread_local OpenTransaction* tOpen = nullptr;

std::string now() {
    return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ");
}

std::string display(const nlohmann::json& v) {
    return FieldCodec::display(v);
}

}  // namespace

RecordStore::RecordStore(Database& db, std::shared_ptr<const Schema> schema, AccessControl& access,
                         SearchIndex& search, AuditLog& audit, HookRegistry& hooks,
                         EventBus& events)
    : db_(db),
      schemas_{schema},
      current_(schema.get()),
      access_(access),
      search_(search),
      audit_(audit),
      hooks_(hooks),
      events_(events),
      dialect_(db.backend()),
      searchBacklog_(std::make_unique<SearchBacklog>(db, search)),
      importer_(
          std::make_unique<RecordImporter>(db, *this, access, search, *searchBacklog_, events)) {}

RecordStore::~RecordStore() = default;

sdk::ImportResult RecordStore::importRows(const sdk::Caller& caller, const std::string& entity,
                                          const std::vector<sdk::Record>& rows) {
    RecordImporter::Report report = importer_->importRows(caller, entity, rows);
    return sdk::ImportResult{std::move(report.ids), std::move(report.errors)};
}

void RecordStore::setSchema(std::shared_ptr<const Schema> schema) {
    std::lock_guard lock(schemaMutex_);
    current_.store(schema.get());
    schemas_.push_back(std::move(schema));
}

template <class Fn>
auto RecordStore::inTransaction(Fn&& fn) {
    if (tOpen) {
        return fn(*tOpen->session);
    }
    OpenTransaction open;
    Poco::Data::Session session = db_.session();
    open.session = &session;
    tOpen = &open;
    struct Reset {
        ~Reset() { tOpen = nullptr; }
    } reset;
    EventBus::Transaction events(events_, session);
    auto result = db_.withTransaction(session, [&](Poco::Data::Session& s) { return fn(s); });
    tOpen = nullptr;
    events.committed();
    return result;
}

void RecordStore::runInTransaction(const std::function<void(Poco::Data::Session&)>& fn) {
    inTransaction([&](Poco::Data::Session& s) {
        fn(s);
        return 0;
    });
}

Poco::Data::Session RecordStore::readSession() {
    return tOpen ? *tOpen->session : db_.session();
}

void RecordStore::queueEvent(sdk::Event event) {
    events_.publish(event);
}

const EntityDef& RecordStore::entityOrThrow(const std::string& name) const {
    if (const EntityDef* e = current_.load()->entity(name)) {
        return *e;
    }
    throw PluginError(
        sdk::Error{"not_found", "there is no entity '" + name.substr(0, 64) + "'", {}});
}

std::optional<RecordStore::Stored> RecordStore::load(Poco::Data::Session& s, const EntityDef& e,
                                                     std::int64_t id, bool lock) {
    RecordReader reader(e, dialect_, {});
    std::string sql =
        "SELECT " + reader.selectList() + " FROM \"" + e.table + "\" t WHERE t.id = $1";
    if (lock && dialect_.postgres()) {
        sql += " FOR UPDATE";
    }
    SqlRows rows = Sql::query(db_, s, sql, {id});
    if (rows.empty()) {
        return std::nullopt;
    }
    return Stored::of(reader.decode(rows.rows.front()));
}

RecordStore::Stored RecordStore::Stored::of(sdk::Record record) {
    Stored stored;
    stored.owner = FieldCodec::optionalId(record["owner_id"]);
    stored.team = FieldCodec::optionalId(record["team_id"]);
    stored.deleted = !record["deleted_at"].is_null();
    stored.record = std::move(record);
    return stored;
}

void RecordStore::requireReadable(const EntityDef& e, const AccessContext& ctx, std::int64_t id,
                                  const Stored* stored, bool allowDeleted) const {
    if (!stored || (stored->deleted && !allowDeleted) ||
        !access_.allows(ctx, e.name, Action::Read, stored->owner, stored->team)) {
        notFound(e, id);
    }
}

RecordStore::Stored RecordStore::loadVisible(Poco::Data::Session& s, const EntityDef& e,
                                             const AccessContext& ctx, std::int64_t id, bool lock,
                                             bool allowDeleted) {
    auto stored = load(s, e, id, lock);
    requireReadable(e, ctx, id, stored ? &*stored : nullptr, allowDeleted);
    return *stored;
}

void RecordStore::forbidden(const EntityDef& e, const AccessContext& ctx, Action action,
                            const Stored* record) const {
    sdk::Explanation why =
        access_.explain(ctx, e.name, action, record ? record->owner : std::nullopt,
                        record ? record->team : std::nullopt);
    throw PluginError(sdk::Error{"forbidden", why.reason, {}});
}

std::map<std::string, std::string> RecordStore::checkWritable(const EntityDef& e,
                                                              const AccessContext& ctx,
                                                              const sdk::Record& input,
                                                              const sdk::Record* current,
                                                              bool computedByCaller) const {
    if (!input.is_object()) {
        throw PluginError(
            sdk::Error{"validation", "the values must be a JSON object of field names", {}});
    }
    std::map<std::string, std::string> errors;
    for (const auto& [name, value] : input.items()) {
        const FieldDef* f = e.field(name);
        FieldAccess access = f ? ctx.fieldAccess(e.name, name) : FieldAccess::Hidden;
        if (!f || access == FieldAccess::Hidden) {
            errors[name.substr(0, 64)] = "is not a field of " + e.label;
            continue;
        }
        if (f->system) {
            continue;  // id, version, timestamps: clients may echo them back; the kernel sets them
        }
        bool unchanged = current && current->contains(name) && (*current)[name] == value;
        if (((f->readonly && !computedByCaller) || access == FieldAccess::ReadOnly) && !unchanged) {
            errors[name] = "cannot be changed";
        }
    }
    return errors;
}

sdk::Record RecordStore::validate(Poco::Data::Session& s, const EntityDef& e,
                                  const AccessContext& ctx, const sdk::Record& record,
                                  std::int64_t selfId, std::map<std::string, std::string> errors,
                                  const sdk::Record* unchangedFrom,
                                  const VisibleReferences* known) {
    sdk::Record normalized = sdk::Record::object();
    for (const auto& f : e.fields) {
        if (f.system) {
            continue;
        }
        if (errors.contains(f.name)) {
            continue;
        }
        nlohmann::json value = record.contains(f.name) ? record[f.name] : nlohmann::json();
        FieldCodec::Normalized n = FieldCodec::normalize(f, value);
        if (!n.ok()) {
            errors[f.name] = n.error;
            continue;
        }
        if (n.value.is_null() && f.required) {
            errors[f.name] = "is required";
            continue;
        }
        normalized[f.name] = n.value;
        if (n.value.is_null() ||
            (unchangedFrom && unchangedFrom->value(f.name, nlohmann::json()) == n.value)) {
            continue;
        }
        if (f.unique) {
            std::vector<SqlValue> values = FieldCodec::toSql(f, n.value);
            SqlRows taken = Sql::query(db_, s,
                                       "SELECT id FROM \"" + e.table + "\" WHERE \"" + f.name +
                                           "\" = " + dialect_.bindExpression(f, "$1") +
                                           " AND deleted_at IS NULL AND id <> $2 LIMIT 1",
                                       {values.front(), selfId});
            if (!taken.empty()) {
                errors[f.name] = "'" + display(n.value).substr(0, 100) + "' is already used by " +
                                 e.label + " " + asString(taken.rows[0][0]);
            }
        }
        if (f.type == FieldType::Reference) {
            const EntityDef& target = current_.load()->require(f.target);
            auto batch = known ? known->find(f.name) : VisibleReferences::const_iterator{};
            bool visible = false;
            if (known && batch != known->end()) {
                visible = batch->second.contains(n.value.get<std::int64_t>());
            } else {
                auto referenced = load(s, target, n.value.get<std::int64_t>(), false);
                visible = referenced && !referenced->deleted &&
                          access_.allows(ctx, target.name, Action::Read, referenced->owner,
                                         referenced->team);
            }
            if (!visible) {
                errors[f.name] = "refers to " + target.label + " " + n.value.dump() +
                                 ", which does not exist or is not visible to you";
            }
        }
    }
    for (const char* standard : {"owner_id", "team_id"}) {
        if (normalized.contains(standard) && !normalized[standard].is_null() &&
            normalized[standard].get<std::int64_t>() <= 0) {
            errors[standard] =
                "must be the id of a " + std::string(standard[0] == 'o' ? "user" : "team");
        }
    }
    if (!errors.empty()) {
        validationFailed(e, std::move(errors));
    }
    return normalized;
}

sdk::Record RecordStore::visibleTo(const EntityDef& e, const AccessContext& ctx,
                                   const sdk::Record& record) const {
    if (ctx.unrestricted()) {
        return record;
    }
    sdk::Record out = sdk::Record::object();
    for (const auto& [name, value] : record.items()) {
        if (ctx.fieldAccess(e.name, name) != FieldAccess::Hidden) {
            out[name] = value;
        }
    }
    return out;
}

void RecordStore::indexRecord(Poco::Data::Session& s, const EntityDef& e,
                              const sdk::Record& record) {
    if (auto entry = searchEntryOf(e, record)) {
        search_.put(s, entry->entity, entry->id, entry->title, entry->body, entry->ownerId,
                    entry->teamId);
    }
}

sdk::Record RecordStore::create(const sdk::Caller& caller, const std::string& entity,
                                const sdk::Record& values) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    if (!ctx->unrestricted() && ctx->grant(e.name, Action::Create).level == ScopeLevel::None) {
        forbidden(e, *ctx, Action::Create, nullptr);
    }
    auto inputErrors = checkWritable(e, *ctx, values, nullptr);
    sdk::Record record = sdk::Record::object();
    for (const auto& f : e.fields) {
        if (!f.system && !f.defaultValue.is_null()) {
            record[f.name] = f.defaultValue;
        }
    }
    if (!caller.system) {
        record["owner_id"] = caller.userId;
        if (!ctx->teamIds.empty()) {
            record["team_id"] = ctx->teamIds.front();
        }
    }
    for (const auto& [name, value] : values.items()) {
        if (!inputErrors.contains(name) && !e.field(name)->system) {
            record[name] = value;
        }
    }
    return inTransaction([&](Poco::Data::Session& s) {
        const sdk::Record none = sdk::Record::object();
        sdk::HookEvent before{e.name, caller, 0, record, none};
        hooks_.run(sdk::HookPoint::BeforeCreate, before);
        sdk::Record normalized = validate(s, e, *ctx, record, 0, inputErrors);
        if (!access_.allows(*ctx, e.name, Action::Create,
                            FieldCodec::optionalId(normalized["owner_id"]),
                            FieldCodec::optionalId(normalized["team_id"]))) {
            Stored target{normalized, FieldCodec::optionalId(normalized["owner_id"]),
                          FieldCodec::optionalId(normalized["team_id"]), false};
            forbidden(e, *ctx, Action::Create, &target);
        }
        std::string stamp = now();
        std::string columns = "\"created_at\", \"updated_at\", \"created_by\", \"version\"";
        SqlParams params;
        std::string placeholders =
            dialect_.bindExpression(*e.field("created_at"), params.add(stamp)) + ", " +
            dialect_.bindExpression(*e.field("updated_at"), params.add(stamp)) + ", " +
            params.add(caller.system ? SqlValue{} : SqlValue{caller.userId}) + ", 1";
        for (const auto& f : e.fields) {
            if (f.system) {
                continue;
            }
            std::vector<SqlValue> values = FieldCodec::toSql(f, normalized[f.name]);
            columns += ", \"" + f.name + "\"";
            placeholders += ", " + dialect_.bindExpression(f, params.add(values[0]));
            if (f.type == FieldType::Money) {
                columns += ", \"" + f.name + "_currency\"";
                placeholders += ", " + params.add(values[1]);
            }
        }
        std::int64_t id = 0;
        try {
            id = asInt(Sql::scalar(db_, s,
                                   "INSERT INTO \"" + e.table + "\" (" + columns + ") VALUES (" +
                                       placeholders + ") RETURNING id",
                                   params.values()));
        } catch (const StorageError& error) {
            if (isUniqueViolation(error)) {
                validationFailed(
                    e, {{"record", "duplicates a unique value saved at the same moment"}});
            }
            throw;
        }
        sdk::Record stored = load(s, e, id, false)->record;
        nlohmann::json changes = AuditLog::diff(nlohmann::json::object(), stored);
        for (const char* skip : {"id", "created_at", "updated_at", "version", "created_by"}) {
            changes.erase(skip);
        }
        audit_.write(s, e.name, id, "create", caller.userId, changes);
        indexRecord(s, e, stored);
        sdk::HookEvent after{e.name, caller, id, stored, none};
        hooks_.run(sdk::HookPoint::AfterCreate, after);
        queueEvent(
            {"record.created",
             {{"entity", e.name}, {"id", id}, {"record", stored}, {"userId", caller.userId}}});
        return visibleTo(e, *ctx, stored);
    });
}

sdk::Record RecordStore::get(const sdk::Caller& caller, const std::string& entity,
                             std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    Poco::Data::Session session = readSession();
    return visibleTo(e, *ctx, loadVisible(session, e, *ctx, id, false, false).record);
}

sdk::Record RecordStore::update(const sdk::Caller& caller, const std::string& entity,
                                std::int64_t id, std::int64_t version, const sdk::Record& changes) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    return inTransaction([&](Poco::Data::Session& s) {
        Stored current = loadVisible(s, e, *ctx, id, true, false);
        if (!access_.allows(*ctx, e.name, Action::Update, current.owner, current.team)) {
            forbidden(e, *ctx, Action::Update, &current);
        }
        std::int64_t currentVersion = current.record["version"].get<std::int64_t>();
        if (currentVersion != version) {
            std::map<std::string, std::string> fields;
            if (changes.is_object()) {
                for (const auto& [name, value] : changes.items()) {
                    if (current.record.contains(name) && current.record[name] != value &&
                        ctx->fieldAccess(e.name, name) != FieldAccess::Hidden) {
                        fields[name] =
                            "is now '" + display(current.record[name]).substr(0, 200) + "'";
                    }
                }
            }
            auto last = audit_.forRecord(s, e.name, id, 1);
            std::string who = last.empty() || last[0].userId == 0
                                  ? "another user"
                                  : "user " + std::to_string(last[0].userId);
            throw PluginError(sdk::Error{"conflict",
                                         e.label + " " + std::to_string(id) + " was changed by " +
                                             who + " since you opened it (you had version " +
                                             std::to_string(version) + ", it is now " +
                                             std::to_string(currentVersion) +
                                             "); review the current values and save again",
                                         std::move(fields)});
        }
        auto inputErrors = checkWritable(e, *ctx, changes, &current.record);
        sdk::Record record = current.record;
        for (const auto& [name, value] : changes.items()) {
            if (!inputErrors.contains(name) && !e.field(name)->system) {
                record[name] = value;
            }
        }
        sdk::HookEvent before{e.name, caller, id, record, current.record};
        hooks_.run(sdk::HookPoint::BeforeUpdate, before);
        sdk::Record normalized = validate(s, e, *ctx, record, id, inputErrors);
        std::optional<std::int64_t> owner = FieldCodec::optionalId(normalized["owner_id"]);
        std::optional<std::int64_t> team = FieldCodec::optionalId(normalized["team_id"]);
        if ((owner != current.owner || team != current.team) &&
            !access_.allows(*ctx, e.name, Action::Update, owner, team)) {
            Stored target{normalized, owner, team, false};
            forbidden(e, *ctx, Action::Update, &target);
        }
        nlohmann::json diff = AuditLog::diff(current.record, normalized);
        if (diff.empty()) {
            return visibleTo(e, *ctx, current.record);
        }
        writeUpdate(s, e, id, version, normalized, diff);
        sdk::Record stored = load(s, e, id, false)->record;
        audit_.write(s, e.name, id, "update", caller.userId, diff);
        indexRecord(s, e, stored);
        sdk::HookEvent after{e.name, caller, id, stored, current.record};
        hooks_.run(sdk::HookPoint::AfterUpdate, after);
        queueEvent({"record.updated",
                    {{"entity", e.name},
                     {"id", id},
                     {"changes", diff},
                     {"record", stored},
                     {"userId", caller.userId}}});
        return visibleTo(e, *ctx, stored);
    });
}

void RecordStore::writeUpdate(Poco::Data::Session& s, const EntityDef& e, std::int64_t id,
                              std::int64_t version, const sdk::Record& normalized,
                              const nlohmann::json& diff) {
    SqlParams params;
    std::string sets = "\"version\" = \"version\" + 1, \"updated_at\" = " +
                       dialect_.bindExpression(*e.field("updated_at"), params.add(now()));
    for (const auto& [name, value] : diff.items()) {
        const FieldDef& f = *e.field(name);
        std::vector<SqlValue> values = FieldCodec::toSql(f, normalized[name]);
        sets += ", \"" + name + "\" = " + dialect_.bindExpression(f, params.add(values[0]));
        if (f.type == FieldType::Money) {
            sets += ", \"" + name + "_currency\" = " + params.add(values[1]);
        }
    }
    std::string idParam = params.add(id);
    std::string versionParam = params.add(version);
    std::size_t changed = 0;
    try {
        changed = Sql::execute(db_, s,
                               "UPDATE \"" + e.table + "\" SET " + sets + " WHERE id = " + idParam +
                                   " AND version = " + versionParam,
                               params.values());
    } catch (const StorageError& error) {
        if (isUniqueViolation(error)) {
            validationFailed(e, {{"record", "duplicates a unique value saved at the same moment"}});
        }
        throw;
    }
    if (changed == 0) {
        throw PluginError(sdk::Error{"conflict",
                                     e.label + " " + std::to_string(id) +
                                         " was changed by someone else while you saved; "
                                         "review the current values and save again",
                                     {}});
    }
}

void RecordStore::remove(const sdk::Caller& caller, const std::string& entity, std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    inTransaction([&](Poco::Data::Session& s) {
        Stored current = loadVisible(s, e, *ctx, id, true, false);
        if (!access_.allows(*ctx, e.name, Action::Delete, current.owner, current.team)) {
            forbidden(e, *ctx, Action::Delete, &current);
        }
        sdk::Record record = current.record;
        sdk::HookEvent before{e.name, caller, id, record, current.record};
        hooks_.run(sdk::HookPoint::BeforeDelete, before);
        std::string stamp = now();
        Sql::execute(db_, s,
                     "UPDATE \"" + e.table + "\" SET deleted_at = " +
                         dialect_.bindExpression(*e.field("deleted_at"), "$1") +
                         ", version = version + 1 WHERE id = $2",
                     {stamp, id});
        search_.remove(s, e.name, id);
        audit_.write(s, e.name, id, "delete", caller.userId,
                     {{"deleted_at", nlohmann::json::array({nullptr, stamp})}});
        sdk::HookEvent after{e.name, caller, id, record, current.record};
        hooks_.run(sdk::HookPoint::AfterDelete, after);
        queueEvent({"record.deleted", {{"entity", e.name}, {"id", id}, {"userId", caller.userId}}});
        return 0;
    });
}

sdk::Record RecordStore::restore(const sdk::Caller& caller, const std::string& entity,
                                 std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    return inTransaction([&](Poco::Data::Session& s) {
        Stored current = loadVisible(s, e, *ctx, id, true, true);
        if (!current.deleted) {
            throw PluginError(sdk::Error{
                "conflict", e.label + " " + std::to_string(id) + " is not in the trash", {}});
        }
        if (!access_.allows(*ctx, e.name, Action::Delete, current.owner, current.team)) {
            forbidden(e, *ctx, Action::Delete, &current);
        }
        sdk::Record record = current.record;
        sdk::HookEvent before{e.name, caller, id, record, current.record};
        hooks_.run(sdk::HookPoint::BeforeRestore, before);
        try {
            Sql::execute(db_, s,
                         "UPDATE \"" + e.table +
                             "\" SET deleted_at = NULL, version = version + 1 WHERE id = $1",
                         {id});
        } catch (const StorageError& error) {
            if (isUniqueViolation(error)) {
                throw PluginError(sdk::Error{
                    "conflict",
                    e.label + " " + std::to_string(id) +
                        " cannot be restored: another record now uses one of its unique values",
                    {}});
            }
            throw;
        }
        sdk::Record stored = load(s, e, id, false)->record;
        audit_.write(
            s, e.name, id, "restore", caller.userId,
            {{"deleted_at", nlohmann::json::array({current.record["deleted_at"], nullptr})}});
        indexRecord(s, e, stored);
        sdk::HookEvent after{e.name, caller, id, stored, current.record};
        hooks_.run(sdk::HookPoint::AfterRestore, after);
        queueEvent(
            {"record.restored", {{"entity", e.name}, {"id", id}, {"userId", caller.userId}}});
        return visibleTo(e, *ctx, stored);
    });
}

void RecordStore::purge(const sdk::Caller& caller, const std::string& entity, std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    if (!ctx->unrestricted()) {
        throw PluginError(
            sdk::Error{"forbidden", "only administrators can delete records for good", {}});
    }
    inTransaction([&](Poco::Data::Session& s) {
        auto current = load(s, e, id, true);
        if (!current) {
            notFound(e, id);
        }
        for (const auto& relation : e.relations) {
            if (relation.kind == RelationDef::Kind::ManyToMany) {
                bool left = Migrator::isLeftSide(e, relation);
                Sql::execute(db_, s,
                             "DELETE FROM \"" + Migrator::linkTable(e, relation) + "\" WHERE " +
                                 (left ? "left_id" : "right_id") + " = $1",
                             {id});
            }
        }
        Sql::execute(db_, s, "DELETE FROM \"" + e.table + "\" WHERE id = $1", {id});
        search_.remove(s, e.name, id);
        nlohmann::json lastValues = nlohmann::json::object();
        for (const auto& [field, value] : current->record.items()) {
            if (!value.is_null()) {
                lastValues[field] = nlohmann::json::array({value, nullptr});
            }
        }
        audit_.write(s, e.name, id, "purge", caller.userId, lastValues);
        queueEvent({"record.purged", {{"entity", e.name}, {"id", id}, {"userId", caller.userId}}});
        return 0;
    });
}

std::vector<std::string> RecordStore::readConditions(const EntityDef& e, const AccessContext& ctx,
                                                     Action action, const std::string& text,
                                                     SqlParams& params) const {
    std::vector<std::string> conditions;
    conditions.push_back(
        access_.scopeCondition(ctx, e.name, action, "t.owner_id", "t.team_id", params));
    if (!text.empty()) {
        if (text.size() > 500 || !FieldCodec::validUtf8(text)) {
            throw PluginError(sdk::Error{"validation",
                                         "search: give at most 500 characters of text",
                                         {{"search", "is too long or not text"}}});
        }
        conditions.push_back(search_.matchCondition(e.name, "t.id", text, params));
    }
    return conditions;
}

sdk::Page RecordStore::query(const sdk::Caller& caller, const sdk::Query& q) {
    const EntityDef& e = entityOrThrow(q.entity);
    auto ctx = access_.contextFor(caller);
    Action action = q.forExport ? Action::Export : Action::Read;
    if (q.limit < 1 || q.limit > QueryCompiler::kMaxLimit) {
        throw PluginError(
            sdk::Error{"validation",
                       "limit: a page holds 1 to 1000 rows, not " + std::to_string(q.limit),
                       {{"limit", "a page holds 1 to 1000 rows, not " + std::to_string(q.limit)}}});
    }
    sdk::Query probe = q;
    ++probe.limit;  // one more row says whether there is a next page
    QueryCompiler compiler(e, dialect_, *ctx);
    auto select = compiler.page(probe, [&](SqlParams& params) {
        return readConditions(e, *ctx, action, q.search, params);
    });
    Poco::Data::Session session = readSession();
    SqlRows rows = Sql::query(db_, session, select.sql, select.params);
    sdk::Page page;
    for (const auto& row : rows.rows) {
        if (static_cast<int>(page.rows.size()) == q.limit) {
            page.nextCursor = QueryCompiler::cursorAfter(page.rows.back(), select.sort);
            break;
        }
        page.rows.push_back(select.reader.decode(row));
    }
    return page;
}

std::int64_t RecordStore::count(const sdk::Caller& caller, const sdk::Query& q) {
    const EntityDef& e = entityOrThrow(q.entity);
    auto ctx = access_.contextFor(caller);
    Action action = q.forExport ? Action::Export : Action::Read;
    QueryCompiler compiler(e, dialect_, *ctx);
    auto [sql, params] = compiler.count(
        q, [&](SqlParams& p) { return readConditions(e, *ctx, action, q.search, p); });
    Poco::Data::Session session = readSession();
    return asInt(Sql::scalar(db_, session, sql, params));
}

std::vector<sdk::AggregateRow> RecordStore::aggregate(const sdk::Caller& caller,
                                                      const sdk::AggregateQuery& q) {
    const EntityDef& e = entityOrThrow(q.entity);
    auto ctx = access_.contextFor(caller);
    QueryCompiler compiler(e, dialect_, *ctx);
    auto [sql, params] = compiler.aggregate(
        q, [&](SqlParams& p) { return readConditions(e, *ctx, Action::Read, "", p); });
    Poco::Data::Session session = readSession();
    std::vector<sdk::AggregateRow> result;
    const FieldDef* group = q.groupBy.empty() ? nullptr : e.field(q.groupBy);
    for (const auto& row : Sql::query(db_, session, sql, params).rows) {
        sdk::AggregateRow r;
        if (group && q.bucket == sdk::DateBucket::None) {
            r.group = FieldCodec::fromSql(*group, row[0], nullptr);
        } else if (group) {
            r.group = isNull(row[0]) ? nlohmann::json(nullptr) : nlohmann::json(asString(row[0]));
        }
        r.count = asInt(row[1]);
        r.value = q.fn == sdk::AggregateFn::Count ? static_cast<double>(r.count)
                                                  : (isNull(row[2]) ? 0.0 : asDouble(row[2]));
        result.push_back(std::move(r));
    }
    return result;
}

std::vector<sdk::SearchHit> RecordStore::search(const sdk::Caller& caller, const std::string& text,
                                                int limit) {
    auto ctx = access_.contextFor(caller);
    if (text.size() > 500 || !FieldCodec::validUtf8(text)) {
        throw PluginError(sdk::Error{"validation",
                                     "search: give at most 500 characters of text",
                                     {{"q", "is too long or not text"}}});
    }
    SqlParams params;
    std::vector<SearchVisibility> visible;
    for (const auto& [name, entity] : current_.load()->entities()) {
        if (!ctx->unrestricted() && ctx->grant(name, Action::Read).level == ScopeLevel::None) {
            continue;
        }
        visible.push_back({name, access_.scopeCondition(*ctx, name, Action::Read, "si.owner_id",
                                                        "si.team_id", params)});
    }
    Poco::Data::Session session = readSession();
    return search_.search(session, text, limit, visible, params);
}

sdk::Explanation RecordStore::explain(const sdk::Caller& caller, const std::string& entity,
                                      std::int64_t id, Action action) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    if (action == Action::Create && id == 0) {
        return access_.explain(*ctx, e.name, action, std::nullopt, std::nullopt);
    }
    Poco::Data::Session session = readSession();
    auto stored = load(session, e, id, false);
    if (!stored) {
        notFound(e, id);
    }
    return access_.explain(*ctx, e.name, action, stored->owner, stored->team);
}

std::vector<sdk::AuditEntry> RecordStore::history(const sdk::Caller& caller,
                                                  const std::string& entity, std::int64_t id) {
    const EntityDef& e = entityOrThrow(entity);
    auto ctx = access_.contextFor(caller);
    Poco::Data::Session session = readSession();
    loadVisible(session, e, *ctx, id, false, true);
    auto entries = audit_.forRecord(session, e.name, id);
    if (!ctx->unrestricted()) {
        for (auto& entry : entries) {
            for (auto it = entry.changes.begin(); it != entry.changes.end();) {
                if (ctx->fieldAccess(e.name, it.key()) == FieldAccess::Hidden) {
                    it = entry.changes.erase(it);
                } else {
                    ++it;
                }
            }
        }
    }
    return entries;
}

void RecordStore::reindex(const std::string& entity) {
    const EntityDef& e = entityOrThrow(entity);
    Poco::Data::Session session = db_.session();
    db_.withTransaction(session, [&](Poco::Data::Session& s) {
        search_.clear(s, e.name);
        RecordReader reader(e, dialect_, {});
        SqlRows rows = Sql::query(db_, s,
                                  "SELECT " + reader.selectList() + " FROM \"" + e.table +
                                      "\" t WHERE t.deleted_at IS NULL");
        for (const auto& row : rows.rows) {
            indexRecord(s, e, reader.decode(row));
        }
    });
}

}  // namespace tessera::kernel
