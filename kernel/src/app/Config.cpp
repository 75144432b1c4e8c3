#include <tessera/kernel/app/Config.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/MapConfiguration.h>

#include <tessera/kernel/app/UsageError.hpp>

extern char** environ;

namespace tessera::kernel {

namespace {

/// Every documented key with its default, so an environment variable can be matched to a key
/// whatever mix of dots and underscores the key has.
const std::vector<std::pair<std::string, std::string>> kDefaults = {
    {"db.url", "sqlite:var/tessera.db"},
    {"server.bind", "127.0.0.1"},
    {"server.port", "8080"},
    {"server.threads", "64"},
    {"server.secure", "false"},
    {"plugins.path", "build/plugins"},
    {"plugins.enabled", ""},
    {"plugins.on_error", "fail"},
    {"files.path", "var/files"},
    {"var.path", "var"},
    {"log.level", "info"},
    {"log.file", ""},
    {"theme", "default"},
};

std::string envNameFor(const std::string& key) {
    std::string name = "TESSERA_";
    for (char c : key) {
        name += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(c));
    }
    return name;
}

void addEnvironment(Poco::Util::MapConfiguration& layer, const Poco::Util::AbstractConfiguration& known) {
    std::map<std::string, std::string> byEnvName;
    for (const auto& [key, value] : kDefaults) {
        byEnvName[envNameFor(key)] = key;
    }
    std::function<void(const std::string&)> collect = [&](const std::string& prefix) {
        Poco::Util::AbstractConfiguration::Keys keys;
        known.keys(prefix, keys);
        for (const auto& k : keys) {
            std::string full = prefix.empty() ? k : prefix + "." + k;
            if (known.hasOption(full)) {
                byEnvName[envNameFor(full)] = full;
            }
            collect(full);
        }
    };
    collect("");
    for (char** e = environ; e && *e; ++e) {
        std::string entry(*e);
        auto eq = entry.find('=');
        if (eq == std::string::npos || !entry.starts_with("TESSERA_")) {
            continue;
        }
        std::string name = entry.substr(0, eq);
        auto it = byEnvName.find(name);
        std::string key;
        if (it != byEnvName.end()) {
            key = it->second;
        } else {
            key = name.substr(8);
            std::transform(key.begin(), key.end(), key.begin(),
                           [](unsigned char c) { return c == '_' ? '.' : std::tolower(c); });
        }
        layer.setString(key, entry.substr(eq + 1));
    }
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

}  // namespace

Config Config::load(const std::optional<std::filesystem::path>& file,
                    const std::vector<std::string>& sets) {
    Config config;
    // In a LayeredConfiguration a lower priority number wins.
    config.layers_ = new Poco::Util::LayeredConfiguration;

    Poco::AutoPtr<Poco::Util::MapConfiguration> defaults = new Poco::Util::MapConfiguration;
    for (const auto& [key, value] : kDefaults) {
        defaults->setString(key, value);
    }
    config.layers_->add(defaults, 0);

    std::optional<std::filesystem::path> path = file;
    if (!path && std::filesystem::exists("config/tessera.ini")) {
        path = "config/tessera.ini";
    }
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini;
    if (path) {
        if (!std::filesystem::is_regular_file(*path)) {
            throw UsageError("config file '" + path->string() +
                             "' does not exist (give --config FILE with an existing file)");
        }
        try {
            ini = new Poco::Util::IniFileConfiguration(path->string());
        } catch (const Poco::Exception& e) {
            throw UsageError("config file '" + path->string() + "' cannot be read: " +
                             e.displayText());
        }
        config.layers_->add(ini, -10);
        config.file_ = path;
    }

    Poco::AutoPtr<Poco::Util::MapConfiguration> environment = new Poco::Util::MapConfiguration;
    addEnvironment(*environment, *config.layers_);
    config.layers_->add(environment, -20);

    Poco::AutoPtr<Poco::Util::MapConfiguration> overrides = new Poco::Util::MapConfiguration;
    for (const auto& set : sets) {
        auto eq = set.find('=');
        if (eq == std::string::npos || trim(set.substr(0, eq)).empty()) {
            throw UsageError("--set '" + set + "' is not of the form key=value (e.g. --set "
                             "server.port=8081)");
        }
        overrides->setString(trim(set.substr(0, eq)), trim(set.substr(eq + 1)));
    }
    config.layers_->add(overrides, -30);
    return config;
}

std::string Config::getString(const std::string& key) const {
    return layers_->getString(key, "");
}

int Config::getInt(const std::string& key) const {
    std::string value = getString(key);
    try {
        std::size_t used = 0;
        int number = std::stoi(value, &used);
        if (used == value.size()) {
            return number;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("setting '" + key + "' must be a whole number, not '" + value + "'");
}

bool Config::getBool(const std::string& key) const {
    std::string value = getString(key);
    std::transform(value.begin(), value.end(), value.begin(), ::tolower);
    if (value == "true" || value == "yes" || value == "on" || value == "1") {
        return true;
    }
    if (value == "false" || value == "no" || value == "off" || value == "0" || value.empty()) {
        return false;
    }
    throw UsageError("setting '" + key + "' must be true or false, not '" + value + "'");
}

std::vector<std::string> Config::getList(const std::string& key) const {
    std::string value = getString(key);
    std::replace(value.begin(), value.end(), ',', ' ');
    std::istringstream words(value);
    std::vector<std::string> items;
    for (std::string word; words >> word;) {
        items.push_back(word);
    }
    return items;
}

bool Config::has(const std::string& key) const {
    return layers_->hasOption(key);
}

std::vector<std::string> Config::keysUnder(const std::string& prefix) const {
    Poco::Util::AbstractConfiguration::Keys keys;
    layers_->keys(prefix, keys);
    return keys;
}

std::int64_t Config::getNumber(const std::string& key, std::int64_t fallback, std::int64_t min,
                               std::int64_t max) const {
    if (!has(key) || getString(key).empty()) {
        return fallback;
    }
    std::string text = getString(key);
    try {
        std::size_t used = 0;
        long long value = std::stoll(text, &used);
        if (used == text.size() && value >= min && value <= max) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("setting '" + key + "' must be a whole number from " + std::to_string(min) +
                     " to " + std::to_string(max) + ", not '" + text.substr(0, 40) + "'");
}

}  // namespace tessera::kernel
