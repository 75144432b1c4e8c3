#include <tessera/kernel/app/InstalledVersions.hpp>

#include <fstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace tessera::kernel {

InstalledVersions::InstalledVersions(std::filesystem::path file) : file_(std::move(file)) {
    std::ifstream in(file_);
    if (!in) {
        return;
    }
    try {
        nlohmann::json json = nlohmann::json::parse(in);
        for (const auto& [id, version] : json.items()) {
            if (version.is_string()) {
                versions_[id] = version.get<std::string>();
            }
        }
    } catch (const nlohmann::json::exception& e) {
        spdlog::warn("{} is not valid JSON ({}); installed versions start afresh", file_.string(),
                     e.what());
    }
}

std::string InstalledVersions::versionOf(const std::string& id) const {
    auto it = versions_.find(id);
    return it == versions_.end() ? std::string{} : it->second;
}

std::vector<std::string> InstalledVersions::record(const PluginManager& plugins) {
    std::vector<std::string> changes;
    for (const PluginSpec* spec : plugins.plugins()) {
        if (spec->state != PluginState::Running) {
            continue;
        }
        std::string now = spec->manifest.version.toString();
        std::string before = versionOf(spec->id());
        if (before == now) {
            continue;
        }
        changes.push_back(before.empty() ? spec->id() + " installed " + now
                                         : spec->id() + " " + before + " -> " + now);
        versions_[spec->id()] = now;
    }
    if (changes.empty()) {
        return changes;
    }
    std::filesystem::create_directories(file_.parent_path().empty() ? "." : file_.parent_path());
    auto temporary = file_;
    temporary += ".tmp";
    {
        std::ofstream out(temporary);
        out << nlohmann::json(versions_).dump(2) << "\n";
    }
    std::filesystem::rename(temporary, file_);
    for (const auto& change : changes) {
        spdlog::info("plugin {}", change);
    }
    return changes;
}

}  // namespace tessera::kernel
