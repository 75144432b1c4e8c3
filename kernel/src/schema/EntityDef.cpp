#include <tessera/kernel/schema/EntityDef.hpp>

namespace tessera::kernel {

const EnumOption* FieldDef::option(const std::string& value) const {
    for (const auto& o : options) {
        if (o.value == value) {
            return &o;
        }
    }
    return nullptr;
}

nlohmann::json FieldDef::toJson() const {
    nlohmann::json j = {{"type", std::string(toString(type))}, {"label", label},
                        {"required", required},                {"unique", unique},
                        {"indexed", indexed},                  {"readonly", readonly},
                        {"searchable", searchable},            {"audited", audited},
                        {"plugin", plugin}};
    if (system) {
        j["system"] = true;
    }
    if (personal) {
        j["personal"] = true;
    }
    if (!defaultValue.is_null()) {
        j["default"] = defaultValue;
    }
    if (maxLength) {
        j["maxLength"] = *maxLength;
    }
    if (min) {
        j["min"] = *min;
    }
    if (max) {
        j["max"] = *max;
    }
    if (!options.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& o : options) {
            list.push_back({{"value", o.value}, {"label", o.label}, {"data", o.data}});
        }
        j["options"] = list;
    }
    if (board) {
        j["board"] = true;
    }
    if (!target.empty()) {
        j["entity"] = target;
    }
    if (!patchedBy.empty()) {
        j["patchedBy"] = patchedBy;
    }
    return j;
}

nlohmann::json RelationDef::toJson() const {
    return {{"type", kind == Kind::HasMany ? "hasMany" : "manyToMany"},
            {"entity", target},
            {"foreign", foreign},
            {"label", label},
            {"plugin", plugin}};
}

const FieldDef* EntityDef::field(const std::string& fieldName) const {
    for (const auto& f : fields) {
        if (f.name == fieldName) {
            return &f;
        }
    }
    return nullptr;
}

FieldDef* EntityDef::field(const std::string& fieldName) {
    for (auto& f : fields) {
        if (f.name == fieldName) {
            return &f;
        }
    }
    return nullptr;
}

const RelationDef* EntityDef::relation(const std::string& relationName) const {
    for (const auto& r : relations) {
        if (r.name == relationName) {
            return &r;
        }
    }
    return nullptr;
}

std::vector<const FieldDef*> EntityDef::searchableFields() const {
    std::vector<const FieldDef*> found;
    for (const auto& f : fields) {
        if (f.searchable) {
            found.push_back(&f);
        }
    }
    return found;
}

nlohmann::json EntityDef::toJson() const {
    nlohmann::json fieldsJson = nlohmann::json::object();
    for (const auto& f : fields) {
        fieldsJson[f.name] = f.toJson();
    }
    nlohmann::json relationsJson = nlohmann::json::object();
    for (const auto& r : relations) {
        relationsJson[r.name] = r.toJson();
    }
    nlohmann::json j = {{"name", name},
                        {"label", label},
                        {"pluralLabel", pluralLabel},
                        {"slug", slug},
                        {"table", table},
                        {"titleField", titleField},
                        {"audited", audited},
                        {"plugin", plugin},
                        {"fields", fieldsJson},
                        {"relations", relationsJson}};
    if (!indexes.empty()) {
        j["indexes"] = indexes;
    }
    if (!layout.is_null()) {
        j["layout"] = layout;
    }
    return j;
}

const std::vector<std::string>& standardFieldNames() {
    static const std::vector<std::string> names = {"id",       "created_at", "updated_at",
                                                   "created_by", "owner_id", "team_id",
                                                   "version",  "deleted_at"};
    return names;
}

}  // namespace tessera::kernel
