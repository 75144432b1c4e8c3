#pragma once

#include <tessera/kernel/plugin/KernelServices.hpp>
#include <tessera/kernel/plugin/ServiceRegistry.hpp>
#include <tessera/sdk/PluginContext.hpp>

namespace tessera::kernel {

/// The kernel's implementation of sdk::PluginContext for one plugin.
class KernelPluginContext final : public sdk::PluginContext {
public:
    KernelPluginContext(std::string pluginId, nlohmann::json config,
                        std::filesystem::path directory, ServiceRegistry& services,
                        const KernelServices& kernel);
    ~KernelPluginContext() override;

    const std::string& pluginId() const override { return pluginId_; }
    const nlohmann::json& config() const override { return config_; }
    const std::filesystem::path& directory() const override { return directory_; }
    void log(sdk::LogLevel level, std::string_view message) override;
    sdk::Records& records() override;
    void addHook(const std::string& entity, sdk::HookPoint point, int order,
                 sdk::HookHandler handler) override;
    void subscribe(const std::string& type, sdk::EventHandler handler) override;
    void publish(const sdk::Event& event) override;
    void addRoute(sdk::WebRoute route) override;
    void addMenuItem(sdk::MenuItem item) override;
    void addPanel(sdk::Panel panel) override;
    void addDemoData(sdk::DemoLoader loader) override;
    void addJob(sdk::JobDefinition job) override;
    void addOutboxConsumer(sdk::OutboxConsumer consumer) override;
    sdk::JobService& jobs() override;
    sdk::FileService& files() override;
    sdk::MailService& mail() override;
    sdk::NotificationService& notifications() override;
    void addMergeHandler(const std::string& entity, sdk::MergeHandler handler) override;
    void addPersonalDataHandler(const std::string& entity,
                                sdk::PersonalDataHandler handler) override;
    sdk::UserDirectory& users() override;

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
    const KernelServices& kernel_;
};

}  // namespace tessera::kernel
