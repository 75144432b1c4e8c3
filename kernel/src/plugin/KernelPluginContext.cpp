#include <tessera/kernel/plugin/KernelPluginContext.hpp>

#include <spdlog/spdlog.h>

#include <tessera/kernel/records/DataHandlerRegistry.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/records/HookRegistry.hpp>
#include <tessera/kernel/web/WebExtensions.hpp>

namespace tessera::kernel {

KernelPluginContext::KernelPluginContext(std::string pluginId, nlohmann::json config,
                                         std::filesystem::path directory,
                                         ServiceRegistry& services,
                                         const KernelServices& kernel)
    : pluginId_(std::move(pluginId)),
      config_(std::move(config)),
      directory_(std::move(directory)),
      services_(services),
      kernel_(kernel) {}

KernelPluginContext::~KernelPluginContext() = default;

void KernelPluginContext::log(sdk::LogLevel level, std::string_view message) {
    static constexpr spdlog::level::level_enum kLevels[] = {
        spdlog::level::debug, spdlog::level::info, spdlog::level::warn, spdlog::level::err};
    spdlog::log(kLevels[static_cast<int>(level)], "[{}] {}", pluginId_, message);
}

namespace {

template <class T>
T& available(T* service, const char* what) {
    if (!service) {
        throw sdk::PluginError("unavailable", std::string(what) +
                                                  " is not available before the database is open");
    }
    return *service;
}

}  // namespace

sdk::Records& KernelPluginContext::records() {
    return available(kernel_.records, "the record API");
}

void KernelPluginContext::addHook(const std::string& entity, sdk::HookPoint point, int order,
                                  sdk::HookHandler handler) {
    available(kernel_.hooks, "hooks").add(pluginId_, entity, point, order, std::move(handler));
}

void KernelPluginContext::addMergeHandler(const std::string& entity, sdk::MergeHandler handler) {
    available(kernel_.dataHandlers, "merge handlers").addMerge(pluginId_, entity, std::move(handler));
}

void KernelPluginContext::addPersonalDataHandler(const std::string& entity,
                                                 sdk::PersonalDataHandler handler) {
    available(kernel_.dataHandlers, "personal data handlers")
        .addPersonalData(pluginId_, entity, std::move(handler));
}

void KernelPluginContext::subscribe(const std::string& type, sdk::EventHandler handler) {
    available(kernel_.events, "events").subscribe(pluginId_, type, std::move(handler));
}

void KernelPluginContext::publish(const sdk::Event& event) {
    if (!event.type.starts_with(pluginId_ + ".")) {
        throw sdk::PluginError("validation", "plugin '" + pluginId_ + "' may only publish events "
                                             "named '" + pluginId_ + ".*', not '" + event.type + "'");
    }
    available(kernel_.events, "events").publish(event);
}

void KernelPluginContext::addRoute(sdk::WebRoute route) {
    available(kernel_.web, "the web extensions").addRoute(pluginId_, std::move(route));
}

void KernelPluginContext::addMenuItem(sdk::MenuItem item) {
    available(kernel_.web, "the web extensions").addMenuItem(pluginId_, std::move(item));
}

void KernelPluginContext::addPanel(sdk::Panel panel) {
    available(kernel_.web, "the web extensions").addPanel(pluginId_, std::move(panel));
}

void KernelPluginContext::addDemoData(sdk::DemoLoader loader) {
    available(kernel_.web, "the web extensions").addDemoData(pluginId_, std::move(loader));
}

void KernelPluginContext::addJob(sdk::JobDefinition job) {
    if (!kernel_.addJob) {
        throw sdk::PluginError("unavailable", "jobs are not available before the database is open");
    }
    kernel_.addJob(pluginId_, std::move(job));
}

void KernelPluginContext::addOutboxConsumer(sdk::OutboxConsumer consumer) {
    if (!kernel_.addOutboxConsumer) {
        throw sdk::PluginError("unavailable",
                               "the outbox is not available before the database is open");
    }
    kernel_.addOutboxConsumer(pluginId_, std::move(consumer));
}

sdk::JobService& KernelPluginContext::jobs() { return available(kernel_.jobs, "the job service"); }

sdk::FileService& KernelPluginContext::files() {
    return available(kernel_.files, "the file store");
}

sdk::MailService& KernelPluginContext::mail() {
    return available(kernel_.mail, "the mail service");
}

sdk::NotificationService& KernelPluginContext::notifications() {
    return available(kernel_.notifications, "the notification service");
}

sdk::UserDirectory& KernelPluginContext::users() {
    return available(kernel_.users, "the user directory");
}

void KernelPluginContext::unregisterAll() {
    services_.removeOwnedBy(pluginId_);
    if (kernel_.hooks) {
        kernel_.hooks->removeOwnedBy(pluginId_);
    }
    if (kernel_.dataHandlers) {
        kernel_.dataHandlers->removeOwnedBy(pluginId_);
    }
    if (kernel_.events) {
        kernel_.events->removeOwnedBy(pluginId_);
    }
    if (kernel_.web) {
        kernel_.web->removeOwnedBy(pluginId_);
    }
    if (kernel_.forgetPlugin) {
        kernel_.forgetPlugin(pluginId_);
    }
}

void KernelPluginContext::provideService(const std::string& id, std::shared_ptr<void> service) {
    services_.provide(pluginId_, id, std::move(service));
}

std::shared_ptr<void> KernelPluginContext::findService(const std::string& id) const {
    return services_.find(id);
}

}  // namespace tessera::kernel
