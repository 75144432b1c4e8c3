#include <tessera/kernel/schema/EntityDefParser.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include <tessera/kernel/schema/Schema.hpp>

namespace tessera::kernel {

namespace {

const std::regex kEntityName("[A-Z][A-Za-z0-9]{0,62}");
const std::regex kFieldName("[a-z][a-z0-9_]{0,62}");
const std::regex kSlug("[a-z][a-z0-9-]{0,62}");

const std::set<std::string> kEntityKeys = {"name",       "label",       "pluralLabel", "slug",
                                           "titleField", "audited",     "menu",        "fields",
                                           "relations",  "description", "layout",      "indexes"};
const std::set<std::string> kExtensionKeys = {"fields", "relations", "patch"};
const std::set<std::string> kFieldKeys = {
    "type",      "label", "required", "unique", "indexed", "readonly", "searchable", "audited",
    "default",   "maxLength", "min",  "max",    "options", "board",    "entity",     "description", "personal"};
const std::set<std::string> kPatchableKeys = {"label",   "required", "indexed",    "readonly",
                                              "searchable", "audited", "default",  "maxLength",
                                              "min",     "max",      "options",    "board",
                                              "personal"};
const std::set<std::string> kRelationKeys = {"type", "entity", "foreign", "label"};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw SchemaError(where + ": " + what);
}

/// "indexes": a list of indexes, each the names of two or more of the entity's fields.
std::vector<std::vector<std::string>> compositeIndexes(const EntityDef& e, const nlohmann::json& d,
                                                       const std::string& where) {
    const std::string usage =
        "\"indexes\" is a list of indexes, each a list of two or more field names, e.g. "
        "[[\"record_entity\", \"record_id\", \"occurred_at\"]]";
    if (!d.is_array()) {
        fail(where, usage);
    }
    std::vector<std::vector<std::string>> indexes;
    for (const auto& index : d) {
        if (!index.is_array() || index.size() < 2) {
            fail(where, usage);
        }
        std::vector<std::string> fields;
        for (const auto& name : index) {
            if (!name.is_string() || !e.field(name.get<std::string>())) {
                fail(where, "\"indexes\": " + name.dump() + " is not one of its fields");
            }
            if (std::find(fields.begin(), fields.end(), name.get<std::string>()) != fields.end()) {
                fail(where, "\"indexes\": " + name.dump() + " appears twice in one index");
            }
            const FieldDef* field = e.field(name.get<std::string>());
            if (field->type == FieldType::MultiEnum || field->type == FieldType::Json ||
                field->type == FieldType::LongText) {
                fail(where, "\"indexes\": " + name.dump() +
                                " cannot be indexed (multienum, json and longtext fields)");
            }
            fields.push_back(name.get<std::string>());
        }
        indexes.push_back(std::move(fields));
    }
    return indexes;
}

std::string humanize(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (c == '_') {
            out += ' ';
        } else if (i > 0 && std::isupper(static_cast<unsigned char>(c))) {
            out += ' ';
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    if (!out.empty()) {
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    }
    return out;
}

std::string plural(const std::string& word) {
    if (word.ends_with("y") && word.size() > 1 &&
        std::string("aeiou").find(word[word.size() - 2]) == std::string::npos) {
        return word.substr(0, word.size() - 1) + "ies";
    }
    if (word.ends_with("s") || word.ends_with("x") || word.ends_with("ch") || word.ends_with("sh")) {
        return word + "es";
    }
    return word + "s";
}

void checkKeys(const nlohmann::json& object, const std::set<std::string>& allowed,
               const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        if (!allowed.contains(key)) {
            std::string list;
            for (const auto& k : allowed) {
                list += (list.empty() ? "" : ", ") + k;
            }
            fail(where, "unknown key \"" + key + "\" (allowed: " + list + ")");
        }
    }
}

bool boolKey(const nlohmann::json& j, const char* key, bool fallback, const std::string& where) {
    if (!j.contains(key)) {
        return fallback;
    }
    if (!j[key].is_boolean()) {
        fail(where, "\"" + std::string(key) + "\" must be true or false");
    }
    return j[key].get<bool>();
}

std::string stringKey(const nlohmann::json& j, const char* key, const std::string& fallback,
                      const std::string& where) {
    if (!j.contains(key)) {
        return fallback;
    }
    if (!j[key].is_string()) {
        fail(where, "\"" + std::string(key) + "\" must be a string");
    }
    return j[key].get<std::string>();
}

std::optional<double> numberKey(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) {
        return std::nullopt;
    }
    if (!j[key].is_number()) {
        fail(where, "\"" + std::string(key) + "\" must be a number");
    }
    return j[key].get<double>();
}

std::vector<EnumOption> parseOptions(const nlohmann::json& list, const std::string& where) {
    if (!list.is_array()) {
        fail(where, "\"options\" must be an array of values or {\"value\", \"label\", \"data\"}");
    }
    std::vector<EnumOption> options;
    std::set<std::string> seen;
    for (const auto& item : list) {
        EnumOption option;
        if (item.is_string()) {
            option.value = item.get<std::string>();
        } else if (item.is_object() && item.contains("value") && item["value"].is_string()) {
            option.value = item["value"].get<std::string>();
            option.label = stringKey(item, "label", "", where);
            if (item.contains("data")) {
                option.data = item["data"];
            }
        } else {
            fail(where, "each option must be a string or an object with a string \"value\"");
        }
        if (option.value.empty() || option.value.size() > 100) {
            fail(where, "option values must have 1 to 100 characters");
        }
        if (!seen.insert(option.value).second) {
            fail(where, "option '" + option.value + "' appears twice");
        }
        if (option.label.empty()) {
            option.label = humanize(option.value);
        }
        options.push_back(std::move(option));
    }
    return options;
}

FieldDef standardField(const std::string& name, FieldType type, bool system, bool indexed) {
    FieldDef f;
    f.name = name;
    f.type = type;
    f.label = humanize(name == "id" ? "ID" : name);
    f.system = system;
    f.readonly = system;
    f.indexed = indexed;
    f.audited = !system;
    f.plugin = "kernel";
    return f;
}

std::vector<FieldDef> standardFields() {
    FieldDef owner = standardField("owner_id", FieldType::Integer, false, true);
    owner.label = "Owner";
    FieldDef team = standardField("team_id", FieldType::Integer, false, true);
    team.label = "Team";
    FieldDef createdBy = standardField("created_by", FieldType::Integer, true, false);
    createdBy.label = "Created by";
    return {standardField("id", FieldType::Integer, true, false),
            standardField("created_at", FieldType::DateTime, true, false),
            standardField("updated_at", FieldType::DateTime, true, true),
            createdBy,
            owner,
            team,
            standardField("version", FieldType::Integer, true, false),
            standardField("deleted_at", FieldType::DateTime, true, true)};
}

void applyFieldKeys(FieldDef& f, const nlohmann::json& d, const std::string& where) {
    f.label = stringKey(d, "label", f.label, where);
    f.required = boolKey(d, "required", f.required, where);
    f.indexed = boolKey(d, "indexed", f.indexed, where);
    f.readonly = boolKey(d, "readonly", f.readonly, where);
    f.searchable = boolKey(d, "searchable", f.searchable, where);
    f.audited = boolKey(d, "audited", f.audited, where);
    f.board = boolKey(d, "board", f.board, where);
    f.personal = boolKey(d, "personal", f.personal, where);
    if (d.contains("default")) {
        f.defaultValue = d["default"];
    }
    if (auto n = numberKey(d, "maxLength", where)) {
        if (*n < 1 || *n > 1000000) {
            fail(where, "\"maxLength\" must be between 1 and 1000000");
        }
        f.maxLength = static_cast<int>(*n);
    }
    if (auto n = numberKey(d, "min", where)) {
        f.min = n;
    }
    if (auto n = numberKey(d, "max", where)) {
        f.max = n;
    }
    if (d.contains("options")) {
        f.options = parseOptions(d["options"], where);
    }
}

void checkField(const FieldDef& f, const std::string& where) {
    if ((f.type == FieldType::Enum) && f.options.empty()) {
        fail(where, "an enum field needs \"options\"");
    }
    if (!f.options.empty() && f.type != FieldType::Enum && f.type != FieldType::MultiEnum) {
        fail(where, "\"options\" only apply to enum and multienum fields");
    }
    if (f.board && f.type != FieldType::Enum) {
        fail(where, "\"board\" only applies to enum fields");
    }
    if (f.type == FieldType::Reference && f.target.empty()) {
        fail(where, "a reference field needs \"entity\": the entity it points to");
    }
    if (f.unique && (f.type == FieldType::LongText || f.type == FieldType::Json ||
                     f.type == FieldType::MultiEnum)) {
        fail(where, "a " + std::string(toString(f.type)) + " field cannot be unique");
    }
    if (f.min && f.max && *f.min > *f.max) {
        fail(where, "\"min\" is greater than \"max\"");
    }
    if (!f.defaultValue.is_null() && f.type == FieldType::Enum &&
        (!f.defaultValue.is_string() || !f.option(f.defaultValue.get<std::string>()))) {
        fail(where, "the \"default\" is not one of the options");
    }
}

RelationDef parseRelation(const std::string& entity, const std::string& name,
                          const nlohmann::json& d, const std::string& plugin) {
    std::string where = "plugin '" + plugin + "', entity " + entity + ", relation '" + name + "'";
    if (!std::regex_match(name, kFieldName)) {
        fail(where, "a relation name is lowercase snake_case ([a-z][a-z0-9_]*)");
    }
    if (!d.is_object()) {
        fail(where, "must be an object with \"type\", \"entity\" and \"foreign\"");
    }
    checkKeys(d, kRelationKeys, where);
    RelationDef r;
    r.name = name;
    r.plugin = plugin;
    std::string type = stringKey(d, "type", "", where);
    if (type == "hasMany") {
        r.kind = RelationDef::Kind::HasMany;
    } else if (type == "manyToMany") {
        r.kind = RelationDef::Kind::ManyToMany;
    } else {
        fail(where, "\"type\" must be hasMany or manyToMany");
    }
    r.target = stringKey(d, "entity", "", where);
    r.foreign = stringKey(d, "foreign", "", where);
    if (r.target.empty() || r.foreign.empty()) {
        fail(where, "needs \"entity\" and \"foreign\"");
    }
    r.label = stringKey(d, "label", humanize(name), where);
    return r;
}

void addFields(EntityDef& e, const nlohmann::json& fields, const std::string& plugin) {
    std::string where = "plugin '" + plugin + "', entity " + e.name;
    if (!fields.is_object()) {
        fail(where, "\"fields\" must be an object of field name to definition");
    }
    for (const auto& [name, definition] : fields.items()) {
        if (const FieldDef* existing = e.field(name)) {
            fail(where, "field '" + name + "' is already declared by plugin '" + existing->plugin +
                            "' (change it with a \"patch\" entry instead)");
        }
        e.fields.push_back(EntityDefParser::parseField(e.name, name, definition, plugin));
    }
}

void addRelations(EntityDef& e, const nlohmann::json& relations, const std::string& plugin) {
    if (!relations.is_object()) {
        fail("plugin '" + plugin + "', entity " + e.name, "\"relations\" must be an object");
    }
    for (const auto& [name, definition] : relations.items()) {
        if (const RelationDef* existing = e.relation(name)) {
            fail("plugin '" + plugin + "', entity " + e.name,
                 "relation '" + name + "' is already declared by plugin '" + existing->plugin + "'");
        }
        if (e.field(name)) {
            fail("plugin '" + plugin + "', entity " + e.name,
                 "relation '" + name + "' has the name of a field");
        }
        e.relations.push_back(parseRelation(e.name, name, definition, plugin));
    }
}

}  // namespace

std::string EntityDefParser::snakeCase(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (i > 0) {
                out += '_';
            }
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

FieldDef EntityDefParser::parseField(const std::string& entity, const std::string& name,
                                     const nlohmann::json& d, const std::string& plugin) {
    std::string where = "plugin '" + plugin + "', entity " + entity + ", field '" + name + "'";
    if (!std::regex_match(name, kFieldName)) {
        fail(where, "a field name is lowercase snake_case ([a-z][a-z0-9_]*, at most 63 characters)");
    }
    if (name.ends_with("_currency")) {
        fail(where, "names ending in _currency are kept for money fields' currency columns");
    }
    if (!d.is_object()) {
        fail(where, "must be an object with at least \"type\"");
    }
    checkKeys(d, kFieldKeys, where);
    FieldDef f;
    f.name = name;
    f.plugin = plugin;
    f.label = humanize(name);
    std::string type = stringKey(d, "type", "", where);
    auto parsed = parseFieldType(type);
    if (!parsed) {
        fail(where, "\"type\": '" + type + "' is not a field type (" + fieldTypeNames() + ")");
    }
    f.type = *parsed;
    f.target = stringKey(d, "entity", "", where);
    if (!f.target.empty() && f.type != FieldType::Reference) {
        fail(where, "\"entity\" only applies to reference fields");
    }
    if (f.type == FieldType::Text || f.type == FieldType::Email || f.type == FieldType::Url) {
        f.maxLength = f.type == FieldType::Url ? 2048 : 255;
    } else if (f.type == FieldType::Phone) {
        f.maxLength = 50;
    }
    if (f.type == FieldType::Reference) {
        f.indexed = true;
    }
    f.unique = boolKey(d, "unique", false, where);
    applyFieldKeys(f, d, where);
    checkField(f, where);
    return f;
}

EntityDef EntityDefParser::parseEntity(const nlohmann::json& d, const std::string& plugin) {
    if (!d.is_object()) {
        fail("plugin '" + plugin + "'", "an entity definition must be a JSON object");
    }
    std::string name = d.value("name", "");
    std::string where = "plugin '" + plugin + "', entity " + (name.empty() ? "(no name)" : name);
    if (!std::regex_match(name, kEntityName)) {
        fail(where, "\"name\" must be PascalCase ([A-Z][A-Za-z0-9]*), e.g. \"SalesOrder\"");
    }
    checkKeys(d, kEntityKeys, where);
    EntityDef e;
    e.name = name;
    e.plugin = plugin;
    e.table = snakeCase(name);
    e.label = stringKey(d, "label", humanize(name), where);
    e.pluralLabel = stringKey(d, "pluralLabel", plural(e.label), where);
    std::string defaultSlug = plural(e.table);
    std::replace(defaultSlug.begin(), defaultSlug.end(), '_', '-');
    e.slug = stringKey(d, "slug", defaultSlug, where);
    if (!std::regex_match(e.slug, kSlug)) {
        fail(where, "\"slug\": '" + e.slug + "' must be lowercase letters, digits and '-'");
    }
    e.audited = boolKey(d, "audited", true, where);
    e.inMenu = boolKey(d, "menu", true, where);
    e.fields = standardFields();
    if (d.contains("fields")) {
        addFields(e, d["fields"], plugin);
    }
    if (d.contains("relations")) {
        addRelations(e, d["relations"], plugin);
    }
    e.titleField = stringKey(d, "titleField", "", where);
    if (e.titleField.empty()) {
        for (const char* candidate : {"name", "title", "subject"}) {
            if (e.field(candidate)) {
                e.titleField = candidate;
                break;
            }
        }
        if (e.titleField.empty()) {
            e.titleField = "id";
        }
    } else if (!e.field(e.titleField)) {
        fail(where, "\"titleField\": '" + e.titleField + "' is not one of its fields");
    }
    if (d.contains("indexes")) {
        e.indexes = compositeIndexes(e, d["indexes"], where);
    }
    if (d.contains("layout") && !d["layout"].is_null()) {
        try {
            checkLayout(e, d["layout"]);
        } catch (const LayoutError& error) {
            throw LayoutError(where + ", layout: " + error.what());
        }
        e.layout = d["layout"];
    }
    return e;
}

void EntityDefParser::checkLayout(const EntityDef& entity, const nlohmann::json& layout) {
    auto bad = [](const std::string& what) { throw LayoutError(what); };
    auto checkField = [&](const nlohmann::json& name, const std::string& part) {
        if (!name.is_string()) {
            bad(part + ": field names are strings");
        }
        std::string field = name.get<std::string>();
        if (!entity.field(field)) {
            bad(part + ": there is no field '" + field + "' in " + entity.name);
        }
    };
    if (!layout.is_object()) {
        bad("a layout is a JSON object with \"list\", \"detail\" and \"form\"");
    }
    for (const auto& [key, part] : layout.items()) {
        if (key != "list" && key != "detail" && key != "form") {
            bad("unknown key \"" + key + "\" (allowed: detail, form, list)");
        }
        if (!part.is_object()) {
            bad("\"" + key + "\" must be a JSON object");
        }
        if (key == "list") {
            for (const auto& [listKey, value] : part.items()) {
                if (listKey == "columns") {
                    if (!value.is_array() || value.empty()) {
                        bad("list.columns: give a non-empty list of field names");
                    }
                    for (const auto& name : value) {
                        checkField(name, "list.columns");
                    }
                } else if (listKey == "sort") {
                    if (!value.is_string()) {
                        bad("list.sort: give a field name, with '-' in front for descending");
                    }
                    std::string sort = value.get<std::string>();
                    checkField(sort.starts_with('-') ? sort.substr(1) : sort, "list.sort");
                } else {
                    bad("list: unknown key \"" + listKey + "\" (allowed: columns, sort)");
                }
            }
            continue;
        }
        for (const auto& [groupsKey, groups] : part.items()) {
            if (groupsKey != "groups") {
                bad(key + ": unknown key \"" + groupsKey + "\" (allowed: groups)");
            }
            if (!groups.is_array()) {
                bad(key + ".groups: give a list of {\"label\", \"fields\"}");
            }
            for (const auto& group : groups) {
                if (!group.is_object() || !group.contains("label") || !group["label"].is_string() ||
                    !group.contains("fields") || !group["fields"].is_array()) {
                    bad(key + ".groups: each group is {\"label\": \"...\", \"fields\": [...]}");
                }
                for (const auto& [groupKey, unused] : group.items()) {
                    if (groupKey != "label" && groupKey != "fields") {
                        bad(key + ".groups: unknown key \"" + groupKey +
                            "\" (allowed: fields, label)");
                    }
                }
                for (const auto& name : group["fields"]) {
                    checkField(name,
                               key + ".groups[\"" + group["label"].get<std::string>() + "\"]");
                }
            }
        }
    }
}

void EntityDefParser::applyExtension(EntityDef& e, const nlohmann::json& d,
                                     const std::string& plugin) {
    std::string where = "plugin '" + plugin + "', extension of " + e.name;
    if (!d.is_object()) {
        fail(where, "an extension must be a JSON object with \"fields\", \"relations\" or \"patch\"");
    }
    checkKeys(d, kExtensionKeys, where);
    if (d.contains("fields")) {
        addFields(e, d["fields"], plugin);
    }
    if (d.contains("relations")) {
        addRelations(e, d["relations"], plugin);
    }
    if (d.contains("patch")) {
        if (!d["patch"].is_object()) {
            fail(where, "\"patch\" must be an object of field name to changed keys");
        }
        for (const auto& [name, changes] : d["patch"].items()) {
            FieldDef* f = e.field(name);
            std::string fieldWhere = where + ", patch of field '" + name + "'";
            if (!f) {
                fail(fieldWhere, "entity " + e.name + " has no field '" + name + "'");
            }
            if (f->system) {
                fail(fieldWhere, "the kernel's standard fields cannot be patched");
            }
            if (!changes.is_object()) {
                fail(fieldWhere, "must be an object");
            }
            checkKeys(changes, kPatchableKeys, fieldWhere);
            applyFieldKeys(*f, changes, fieldWhere);
            checkField(*f, fieldWhere);
            f->patchedBy.push_back(plugin);
        }
    }
}

}  // namespace tessera::kernel
