#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <boost/config.hpp>
#include <nlohmann/json.hpp>

#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/Hooks.hpp>
#include <tessera/sdk/Records.hpp>
#include <tessera/sdk/Services.hpp>
#include <tessera/sdk/Users.hpp>
#include <tessera/sdk/Web.hpp>

namespace tessera::sdk {

enum class LogLevel { Debug, Info, Warning, Error };

/// Everything a plugin may reach in the kernel, handed to initialize() and
/// extensionsInitialized(). One context per plugin, owned by the kernel, valid until the plugin
/// is destroyed. Every registration made through it is tagged with the plugin's id and removed
/// when the plugin shuts down. Calls happen on the start-up thread; later calls from request
/// threads are safe only where a method says so.
class BOOST_SYMBOL_VISIBLE PluginContext {
public:
    virtual ~PluginContext() = default;

    /// The id from the plugin's manifest.
    virtual const std::string& pluginId() const = 0;

    /// The manifest's "config" object, overlaid with the `plugin.<id>.*` keys of tessera.ini.
    virtual const nlohmann::json& config() const = 0;

    /// The folder holding the plugin's manifest, library, templates and static files.
    virtual const std::filesystem::path& directory() const = 0;

    /// Writes to the kernel's log, prefixed with the plugin id. Thread-safe.
    virtual void log(LogLevel level, std::string_view message) = 0;

    /// The record API, the only door to entity data (see Records). Available from
    /// initialize() on; thread-safe.
    virtual Records& records() = 0;

    /// Runs `handler` at `point` for every write to `entity`, in ascending `order` among all
    /// plugins' hooks for that point.
    virtual void addHook(const std::string& entity, HookPoint point, int order,
                         HookHandler handler) = 0;

    /// Calls `handler` for every event of `type` published after a commit ("record.created",
    /// "deals.stage_changed"; "record.*" for a prefix). Handlers run on the publishing thread.
    virtual void subscribe(const std::string& type, EventHandler handler) = 0;

    /// Publishes an event of this plugin's own to the in-process subscribers; inside a record
    /// API transaction (a hook), it waits for the commit. Types start with the plugin id.
    virtual void publish(const Event& event) = 0;

    /// Offers a service to other plugins under a string id ("contacts.lookup"). The id names
    /// the interface: whoever requires it must use the same type. A second provider of the same
    /// id is refused with PluginError.
    template <class Interface>
    void provide(const std::string& id, std::shared_ptr<Interface> service) {
        provideService(id, std::static_pointer_cast<void>(std::move(service)));
    }

    /// A service another plugin provides; throws PluginError naming the id when none does.
    template <class Interface>
    std::shared_ptr<Interface> require(const std::string& id) const {
        auto service = findService(id);
        if (!service) {
            throw PluginError("missing_service",
                              "no enabled plugin provides the service '" + id + "'");
        }
        return std::static_pointer_cast<Interface>(std::move(service));
    }

    /// A service if one is provided, else null: for optional dependencies.
    template <class Interface>
    std::shared_ptr<Interface> find(const std::string& id) const {
        return std::static_pointer_cast<Interface>(findService(id));
    }

protected:
    virtual void provideService(const std::string& id, std::shared_ptr<void> service) = 0;
    virtual std::shared_ptr<void> findService(const std::string& id) const = 0;

    // Added in SDK 1.1, after every earlier virtual so plugins built against 1.0 keep working.
public:
    /// Adds a page or API route. The pattern must start with `/p/<plugin id>/` (pages) or
    /// `/api/v1/p/<plugin id>/` (JSON); the kernel checks `route.permission`, the session and the
    /// CSRF token of every non-GET before the handler runs. Call from initialize().
    virtual void addRoute(WebRoute route) = 0;
    /// Adds an entry to the navigation. Call from initialize().
    virtual void addMenuItem(MenuItem item) = 0;
    /// Adds a panel to a slot of the record pages or the home page. Call from initialize().
    virtual void addPanel(Panel panel) = 0;
    /// Registers the plugin's demo data, loaded by `tessera demo` in dependency order.
    virtual void addDemoData(DemoLoader loader) = 0;

    /// Registers a job (scheduled by cron and/or queued). Call from initialize().
    virtual void addJob(JobDefinition job) = 0;
    /// Registers an asynchronous consumer of events through the outbox. Call from initialize().
    virtual void addOutboxConsumer(OutboxConsumer consumer) = 0;
    /// Kernel services, available from initialize() on; thread-safe.
    virtual JobService& jobs() = 0;
    virtual FileService& files() = 0;
    virtual MailService& mail() = 0;
    virtual NotificationService& notifications() = 0;

    // Added in SDK 1.2.
    /// Users and teams, read-only; available from initialize() on; thread-safe.
    virtual UserDirectory& users() = 0;
    /// Runs `handler` when two records of `entity` ("*": any) are merged (see Records::merge), for links
    /// to the loser that are not reference fields. Call from initialize().
    virtual void addMergeHandler(const std::string& entity, MergeHandler handler) = 0;
    /// Contributes to the data export and the erasure of a person or organisation kept as a
    /// record of `entity` ("*": any; see Records::personalData and Records::erase). Call from initialize().
    virtual void addPersonalDataHandler(const std::string& entity, PersonalDataHandler handler) = 0;
};

}  // namespace tessera::sdk
