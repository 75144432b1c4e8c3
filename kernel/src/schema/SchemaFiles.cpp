#include <tessera/kernel/schema/SchemaFiles.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <vector>

#include <tessera/kernel/schema/EntityDefParser.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

std::vector<std::filesystem::path> jsonFilesIn(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(folder)) {
        return files;
    }
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

nlohmann::json readJson(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw sdk::PluginError("schema", file.string() + ": cannot be read");
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw sdk::PluginError("schema", file.string() + ": is not valid JSON (" +
                                             std::string(e.what()) + ")");
    }
}

}  // namespace

void readSchemaFiles(const std::filesystem::path& pluginDirectory, sdk::SchemaBuilder& builder) {
    std::map<std::string, std::filesystem::path> layouts;
    for (const auto& file : jsonFilesIn(pluginDirectory / "layouts")) {
        layouts[file.stem().string()] = file;
    }
    for (const auto& file : jsonFilesIn(pluginDirectory / "schema" / "entities")) {
        nlohmann::json definition = readJson(file);
        if (definition.is_object() && !definition.contains("name")) {
            definition["name"] = file.stem().string();
        }
        auto layout = definition.is_object() && definition["name"].is_string()
                          ? layouts.find(definition["name"].get<std::string>())
                          : layouts.end();
        if (layout == layouts.end()) {
            builder.entity(definition);
            continue;
        }
        if (definition.contains("layout")) {
            throw sdk::PluginError("schema", layout->second.string() +
                                                 ": the entity's own file already has a "
                                                 "\"layout\"; keep one of them");
        }
        definition["layout"] = readJson(layout->second);
        try {
            builder.entity(definition);
        } catch (const LayoutError& e) {
            throw sdk::PluginError("schema", layout->second.string() + ": " + e.what());
        }
        layouts.erase(layout);
    }
    if (!layouts.empty()) {
        throw sdk::PluginError("schema", layouts.begin()->second.string() +
                                             ": the plugin declares no entity '" +
                                             layouts.begin()->first +
                                             "' in schema/entities/; name the file after one");
    }
    for (const auto& file : jsonFilesIn(pluginDirectory / "schema" / "extends")) {
        // <owner>.<Entity>.json: the owner id may itself contain dots, the entity may not.
        std::string stem = file.stem().string();
        auto dot = stem.rfind('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == stem.size()) {
            throw sdk::PluginError("schema", file.string() +
                                                 ": an extension file is named "
                                                 "<owner-plugin>.<Entity>.json");
        }
        builder.extend(stem.substr(0, dot), stem.substr(dot + 1), readJson(file));
    }
}

}  // namespace tessera::kernel
