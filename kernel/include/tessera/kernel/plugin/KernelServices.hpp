#pragma once

#include <functional>
#include <string>

#include <tessera/sdk/Services.hpp>
#include <tessera/sdk/Users.hpp>

namespace tessera::sdk {
class Records;
}  // namespace tessera::sdk

namespace tessera::kernel {

class DataHandlerRegistry;
class EventBus;
class HookRegistry;
class WebExtensions;

/// The kernel services plugin contexts hand out. Filled in by the Kernel once storage is up;
/// a member is null (or empty) until then.
struct KernelServices {
    sdk::Records* records = nullptr;
    HookRegistry* hooks = nullptr;
    DataHandlerRegistry* dataHandlers = nullptr;
    EventBus* events = nullptr;
    WebExtensions* web = nullptr;
    sdk::JobService* jobs = nullptr;
    sdk::FileService* files = nullptr;
    sdk::MailService* mail = nullptr;
    sdk::NotificationService* notifications = nullptr;
    sdk::UserDirectory* users = nullptr;
    /// Registration of a plugin's jobs and outbox consumers, and their removal at shutdown.
    std::function<void(const std::string& pluginId, sdk::JobDefinition)> addJob;
    std::function<void(const std::string& pluginId, sdk::OutboxConsumer)> addOutboxConsumer;
    std::function<void(const std::string& pluginId)> forgetPlugin;
};

}  // namespace tessera::kernel
