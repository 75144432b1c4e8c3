#include <tessera/kernel/plugin/KernelPluginContext.hpp>

#include <spdlog/spdlog.h>

namespace tessera::kernel {

KernelPluginContext::KernelPluginContext(std::string pluginId, nlohmann::json config,
                                         std::filesystem::path directory,
                                         ServiceRegistry& services)
    : pluginId_(std::move(pluginId)),
      config_(std::move(config)),
      directory_(std::move(directory)),
      services_(services) {}

KernelPluginContext::~KernelPluginContext() = default;

void KernelPluginContext::log(sdk::LogLevel level, std::string_view message) {
    static constexpr spdlog::level::level_enum kLevels[] = {
        spdlog::level::debug, spdlog::level::info, spdlog::level::warn, spdlog::level::err};
    spdlog::log(kLevels[static_cast<int>(level)], "[{}] {}", pluginId_, message);
}

void KernelPluginContext::unregisterAll() {
    services_.removeOwnedBy(pluginId_);
}

void KernelPluginContext::provideService(const std::string& id, std::shared_ptr<void> service) {
    services_.provide(pluginId_, id, std::move(service));
}

std::shared_ptr<void> KernelPluginContext::findService(const std::string& id) const {
    return services_.find(id);
}

}  // namespace tessera::kernel
