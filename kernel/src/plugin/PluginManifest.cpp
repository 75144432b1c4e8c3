#include <tessera/kernel/plugin/PluginManifest.hpp>

#include <fstream>
#include <regex>
#include <set>

#include <tessera/kernel/acl/AclNames.hpp>

namespace tessera::kernel {

namespace {

class ManifestReader {
public:
    ManifestReader(const std::filesystem::path& file, const nlohmann::json& json)
        : file_(file), json_(json) {}

    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        throw ManifestError(file_.string() + ": key \"" + key + "\": " + what);
    }

    std::string requiredString(const std::string& key) const {
        if (!json_.contains(key)) {
            throw ManifestError(file_.string() + ": the required key \"" + key + "\" is missing");
        }
        return stringAt(json_, key, key);
    }

    std::string optionalString(const std::string& key) const {
        return json_.contains(key) ? stringAt(json_, key, key) : std::string{};
    }

    std::string stringAt(const nlohmann::json& object, const std::string& key,
                         const std::string& path) const {
        const auto& value = object.at(key);
        if (!value.is_string()) {
            fail(path, "must be a string, not " + std::string(value.type_name()));
        }
        return value.get<std::string>();
    }

    sdk::SemVer version(const std::string& text, const std::string& path) const {
        auto parsed = sdk::SemVer::parse(text);
        if (!parsed) {
            fail(path,
                 "'" + text + "' is not a version of the form MAJOR.MINOR.PATCH (e.g. 1.0.0)");
        }
        return *parsed;
    }

    /// Element `index` of the array `key`, checked to be an object holding `required`; `path`
    /// becomes "key[index]" for the caller's messages.
    const nlohmann::json& entryAt(const std::string& key, std::size_t index,
                                  std::initializer_list<const char*> required,
                                  std::string& path) const {
        path = key + "[" + std::to_string(index) + "]";
        const auto& entry = json_[key][index];
        if (!entry.is_object()) {
            std::string keys;
            for (const char* name : required) {
                keys += (keys.empty() ? "\"" : "\" and \"") + std::string(name);
            }
            fail(path, "must be an object with " + keys + "\"");
        }
        for (const char* name : required) {
            if (!entry.contains(name)) {
                fail(path + "." + name, "is missing");
            }
        }
        return entry;
    }

    const nlohmann::json& json() const { return json_; }

private:
    const std::filesystem::path& file_;
    const nlohmann::json& json_;
};

/// "permissions": [{"name": "<id>.<what>", "label": "...", "roles": ["manager"]}, ...].
std::vector<DeclaredPermission> readPermissions(const ManifestReader& reader,
                                                const std::string& pluginId) {
    const auto& list = reader.json()["permissions"];
    if (!list.is_array()) {
        reader.fail("permissions", "must be an array of {\"name\", \"label\", \"roles\"} objects");
    }
    std::vector<DeclaredPermission> permissions;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path;
        const auto& entry = reader.entryAt("permissions", i, {"name", "label"}, path);
        DeclaredPermission permission;
        permission.plugin = pluginId;
        permission.name = reader.stringAt(entry, "name", path + ".name");
        if (permission.name.rfind(pluginId + ".", 0) != 0 || !isPermissionName(permission.name)) {
            reader.fail(path + ".name", "'" + permission.name.substr(0, 128) +
                                            "' must be the plugin id, a dot and lowercase "
                                            "letters, digits, '_' or '-' (e.g. \"" +
                                            pluginId + ".manage\")");
        }
        if (!seen.insert(permission.name).second) {
            reader.fail(path + ".name", "'" + permission.name + "' is declared twice");
        }
        permission.label = reader.stringAt(entry, "label", path + ".label");
        if (permission.label.find_first_not_of(" \t") == std::string::npos ||
            permission.label.size() > 200) {
            reader.fail(path + ".label",
                        "must say in 1 to 200 characters what the permission allows");
        }
        if (entry.contains("roles")) {
            const auto& roles = entry["roles"];
            if (!roles.is_array()) {
                reader.fail(path + ".roles", "must be an array of role names (e.g. [\"manager\"])");
            }
            for (std::size_t r = 0; r < roles.size(); ++r) {
                std::string rolePath = path + ".roles[" + std::to_string(r) + "]";
                if (!roles[r].is_string() || !isRoleName(roles[r].get<std::string>())) {
                    reader.fail(rolePath,
                                "must be a role name such as \"manager\" (lowercase "
                                "letters, digits and _)");
                }
                permission.defaultRoles.push_back(roles[r].get<std::string>());
            }
        }
        permissions.push_back(std::move(permission));
    }
    return permissions;
}

nlohmann::json parseFile(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw ManifestError(file.string() + ": cannot be read");
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] "; the rest says where and why.
        if (auto bracket = what.find("] "); bracket != std::string::npos) {
            what = what.substr(bracket + 2);
        }
        throw ManifestError(file.string() + ": is not valid JSON: " + what);
    }
}

}  // namespace

bool PluginManifest::isValidId(const std::string& id) {
    static const std::regex pattern("[a-z][a-z0-9_.-]*");
    return id.size() <= 64 && std::regex_match(id, pattern);
}

PluginManifest PluginManifest::read(const std::filesystem::path& file) {
    nlohmann::json json = parseFile(file);
    if (!json.is_object()) {
        throw ManifestError(file.string() + ": must hold a JSON object, not " +
                            std::string(json.type_name()));
    }
    ManifestReader reader(file, json);
    PluginManifest m;
    m.file = file;
    m.id = reader.requiredString("id");
    if (!isValidId(m.id)) {
        reader.fail("id", "'" + m.id +
                              "' is not a valid plugin id (lowercase letters, digits, '.', '_' "
                              "and '-', starting with a letter, at most 64 characters)");
    }
    m.name = reader.requiredString("name");
    m.version = reader.version(reader.requiredString("version"), "version");
    m.compatVersion = json.contains("compatVersion")
                          ? reader.version(reader.stringAt(json, "compatVersion", "compatVersion"),
                                           "compatVersion")
                          : m.version;
    if (m.compatVersion > m.version) {
        reader.fail("compatVersion", "'" + m.compatVersion.toString() +
                                         "' is newer than \"version\" '" + m.version.toString() +
                                         "'");
    }
    std::string sdkRange = reader.requiredString("sdk");
    std::string rangeError;
    auto range = sdk::VersionRange::parse(sdkRange, &rangeError);
    if (!range) {
        reader.fail("sdk", rangeError);
    }
    m.sdk = *range;
    m.library = reader.requiredString("library");
    if (m.library.empty() || m.library.find('/') != std::string::npos ||
        m.library.find("..") != std::string::npos) {
        reader.fail("library", "'" + m.library +
                                   "' must be a plain library name without folders (e.g. "
                                   "\"tessera_deals\" for libtessera_deals.so)");
    }
    m.category = reader.optionalString("category");
    m.description = reader.optionalString("description");
    if (json.contains("autoInstall")) {
        if (!json["autoInstall"].is_boolean()) {
            reader.fail("autoInstall", "must be true or false");
        }
        m.autoInstall = json["autoInstall"].get<bool>();
    }
    if (json.contains("config")) {
        if (!json["config"].is_object()) {
            reader.fail("config", "must be an object");
        }
        m.config = json["config"];
    }
    if (json.contains("depends")) {
        const auto& depends = json["depends"];
        if (!depends.is_array()) {
            reader.fail("depends", "must be an array of {\"id\", \"version\", \"type\"} objects");
        }
        for (std::size_t i = 0; i < depends.size(); ++i) {
            std::string path;
            const auto& d = reader.entryAt("depends", i, {"id", "version"}, path);
            PluginDependency dependency;
            dependency.id = reader.stringAt(d, "id", path + ".id");
            if (!isValidId(dependency.id)) {
                reader.fail(path + ".id", "'" + dependency.id + "' is not a valid plugin id");
            }
            if (dependency.id == m.id) {
                reader.fail(path + ".id", "a plugin cannot depend on itself");
            }
            dependency.version =
                reader.version(reader.stringAt(d, "version", path + ".version"), path + ".version");
            if (d.contains("type")) {
                std::string type = reader.stringAt(d, "type", path + ".type");
                if (type != "required" && type != "optional") {
                    reader.fail(path + ".type",
                                "'" + type + "' is not a dependency type (required or optional)");
                }
                dependency.optional = type == "optional";
            }
            m.depends.push_back(std::move(dependency));
        }
    }
    if (json.contains("permissions")) {
        m.permissions = readPermissions(reader, m.id);
    }
    return m;
}

}  // namespace tessera::kernel
