#pragma once

#include <tessera/kernel/plugin/ServiceRegistry.hpp>
#include <tessera/sdk/PluginContext.hpp>

namespace tessera::kernel {

/// The kernel's implementation of sdk::PluginContext for one plugin.
class KernelPluginContext final : public sdk::PluginContext {
public:
    KernelPluginContext(std::string pluginId, nlohmann::json config,
                        std::filesystem::path directory, ServiceRegistry& services);
    ~KernelPluginContext() override;

    const std::string& pluginId() const override { return pluginId_; }
    const nlohmann::json& config() const override { return config_; }
    const std::filesystem::path& directory() const override { return directory_; }
    void log(sdk::LogLevel level, std::string_view message) override;

    /// Removes everything this plugin registered, most recent first.
    void unregisterAll();

protected:
    void provideService(const std::string& id, std::shared_ptr<void> service) override;
    std::shared_ptr<void> findService(const std::string& id) const override;

private:
    std::string pluginId_;
    nlohmann::json config_;
    std::filesystem::path directory_;
    ServiceRegistry& services_;
};

}  // namespace tessera::kernel
