#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Util/LayeredConfiguration.h>

namespace tessera::kernel {

/// The kernel's settings, layered from lowest to highest priority: built-in defaults, the ini
/// file, `TESSERA_*` environment variables (TESSERA_DB_URL for db.url; a key's dots and
/// underscores both become underscores), and `--set key=value` from the command line.
/// Read-only after load(); safe to read from any thread.
class Config {
public:
    /// Loads the layers. `file` empty means config/tessera.ini when it exists. Throws
    /// UsageError for a missing file, an unreadable one or a malformed --set.
    static Config load(const std::optional<std::filesystem::path>& file,
                       const std::vector<std::string>& sets);

    std::string getString(const std::string& key) const;
    int getInt(const std::string& key) const;
    bool getBool(const std::string& key) const;
    /// A comma- or space-separated list; empty entries are dropped.
    std::vector<std::string> getList(const std::string& key) const;
    bool has(const std::string& key) const;
    /// A whole number from min to max, `fallback` when the key is unset or empty; UsageError
    /// naming the key and the range otherwise.
    std::int64_t getNumber(const std::string& key, std::int64_t fallback, std::int64_t min,
                           std::int64_t max) const;
    /// Keys directly below `prefix` ("plugin.deals" gives "defaultPipeline", ...).
    std::vector<std::string> keysUnder(const std::string& prefix) const;

    /// The file the settings were read from, if any.
    const std::optional<std::filesystem::path>& file() const { return file_; }

private:
    Poco::AutoPtr<Poco::Util::LayeredConfiguration> layers_;
    std::optional<std::filesystem::path> file_;
};

}  // namespace tessera::kernel
