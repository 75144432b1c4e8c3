#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/acl/DeclaredPermission.hpp>
#include <tessera/kernel/acl/UserDirectoryService.hpp>
#include <tessera/kernel/app/Config.hpp>
#include <tessera/kernel/files/FileMerges.hpp>
#include <tessera/kernel/files/FileStore.hpp>
#include <tessera/kernel/jobs/JobScheduler.hpp>
#include <tessera/kernel/mail/MailQueue.hpp>
#include <tessera/kernel/notify/NotificationCenter.hpp>
#include <tessera/kernel/outbox/Outbox.hpp>
#include <tessera/kernel/outbox/Webhooks.hpp>
#include <tessera/kernel/plugin/PluginManager.hpp>
#include <tessera/kernel/records/AuditLog.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/records/HookRegistry.hpp>
#include <tessera/kernel/records/RecordStore.hpp>
#include <tessera/kernel/schema/SchemaRegistry.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/Migrator.hpp>
#include <tessera/kernel/web/WebExtensions.hpp>

namespace tessera::kernel {

/// The running kernel: plugins, merged schema, database, record API. start() brings them up in
/// the order of DESIGN §2 — manifests, libraries, schemas, database and migration, then the
/// plugins' initialize() — and stop() takes them down in reverse. Used from one thread;
/// the services it exposes are thread-safe.
class Kernel {
public:
    struct Options {
        /// Apply pending migrations; otherwise only plan them (migrate --status).
        bool migrate = true;
        /// Run the plugins' initialize() and extensionsInitialized().
        bool initializePlugins = true;
    };

    explicit Kernel(const Config& config);
    ~Kernel();
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    void start(Options options);
    void stop();

    PluginManager& plugins() { return *plugins_; }
    Database& database() { return *db_; }
    const Schema& schema() const { return *schema_; }
    std::shared_ptr<const Schema> schemaPointer() const { return schema_; }
    RecordStore& records() { return *records_; }
    AccessControl& access() { return *access_; }
    AuditLog& audit() { return *audit_; }
    HookRegistry& hooks() { return hooks_; }
    EventBus& events() { return events_; }
    WebExtensions& web() { return web_; }
    /// Attachments, mail and notifications; created by start(), null before.
    FileStore* files() { return files_.get(); }
    MailQueue* mail() { return mail_.get(); }
    NotificationCenter* notifications() { return notifications_.get(); }
    /// Jobs, the outbox and webhooks; created by start() (before the other kernel services,
    /// which may register "kernel.*" jobs), null before.
    JobScheduler* jobs() { return jobs_.get(); }
    Outbox* outbox() { return outbox_.get(); }
    Webhooks* webhooks() { return webhooks_.get(); }
    /// Starts the job scheduler, its workers and the outbox delivery thread, unless
    /// `jobs.enabled = false` (a web-only node). `tessera serve` calls it once it serves.
    void startBackground();
    /// Stops those threads after the runs under way return; stop() calls it too.
    void stopBackground();
    /// The plan made (or applied) by start().
    const MigrationPlan& migration() const { return migration_; }
    /// The named permissions the running plugins declare, in plugin load order, for the role
    /// page; their default grants are applied by start().
    const std::vector<DeclaredPermission>& declaredPermissions() const {
        return declaredPermissions_;
    }
    /// Plugin id -> version the database was last migrated for.
    std::map<std::string, std::string> appliedVersions();

    /// Adds an admin-defined field to an entity: kept in the database, a real column, part of
    /// the schema from now on and after every restart. Throws sdk::PluginError ("validation")
    /// naming what is wrong.
    void addCustomField(const std::string& entity, const std::string& name,
                        const nlohmann::json& definition);

private:
    void declareSchemas();
    void buildSchema();
    void applyCustomFields(SchemaRegistry& registry);
    /// Creates the job scheduler, the outbox (recording every event) and webhooks, and hands
    /// them to the plugins through `services`.
    void startJobs(KernelServices& services);
    /// Creates the file store, the mail queue and the notification center from the config,
    /// the attachments panel on every record page, and the `kernel.mail` job when `services`
    /// can add jobs.
    void startKernelServices(KernelServices& services);
    /// Makes a merge move the loser's attachments to the winner, and its undo move them back.
    void keepFilesThroughMerges();
    /// Collects the running plugins' declared permissions and grants the defaults not applied
    /// before.
    void applyDeclaredPermissions();

    const Config& config_;
    std::unique_ptr<PluginManager> plugins_;
    SchemaRegistry declared_;
    std::shared_ptr<const Schema> schema_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<AccessControl> access_;
    std::unique_ptr<SearchIndex> search_;
    std::unique_ptr<AuditLog> audit_;
    HookRegistry hooks_;
    EventBus events_;
    WebExtensions web_;
    std::unique_ptr<RecordStore> records_;
    std::unique_ptr<JobScheduler> jobs_;
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<Webhooks> webhooks_;
    std::unique_ptr<MailQueue> mail_;
    std::unique_ptr<NotificationCenter> notifications_;
    std::unique_ptr<FileStore> files_;
    std::unique_ptr<FileMerges> fileMerges_;
    std::unique_ptr<UserDirectoryService> users_;
    MigrationPlan migration_;
    std::vector<DeclaredPermission> declaredPermissions_;
};

}  // namespace tessera::kernel
