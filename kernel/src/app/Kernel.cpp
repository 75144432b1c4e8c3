#include <tessera/kernel/app/Kernel.hpp>

#include <regex>
#include <stdexcept>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <spdlog/spdlog.h>

#include <tessera/kernel/acl/PermissionDefaults.hpp>
#include <tessera/kernel/app/PluginOptions.hpp>
#include <tessera/kernel/app/UsageError.hpp>
#include <tessera/kernel/files/FileNames.hpp>
#include <tessera/kernel/jobs/JobSettings.hpp>
#include <tessera/kernel/records/SearchBacklog.hpp>
#include <tessera/kernel/render/TemplateRenderer.hpp>
#include <tessera/kernel/schema/EntityDefParser.hpp>
#include <tessera/kernel/storage/Sql.hpp>
#include <tessera/kernel/storage/StorageError.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel {

namespace {

/// The plugin a SchemaError names ("plugin 'deals', entity Deal, ..."), or "".
std::string pluginNamedIn(const std::string& message) {
    static const std::regex pattern("plugin '([a-z][a-z0-9_.-]*)'");
    std::smatch m;
    return std::regex_search(message, m, pattern) ? m[1].str() : std::string{};
}

void ensureCustomFieldTable(Database& db) {
    Poco::Data::Session session = db.session();
    Sql::execute(db, session,
                 "CREATE TABLE IF NOT EXISTS tessera_custom_fields (entity TEXT NOT NULL, "
                 "name TEXT NOT NULL, definition TEXT NOT NULL, created_at TEXT NOT NULL, "
                 "PRIMARY KEY (entity, name))");
}

std::string setting(const Config& config, const std::string& key, const std::string& fallback) {
    return config.has(key) ? config.getString(key) : fallback;
}

}  // namespace

Kernel::Kernel(const Config& config) : config_(config) {}

Kernel::~Kernel() {
    stop();
}

void Kernel::declareSchemas() {
    plugins_->declareSchemas([&](const PluginSpec& spec) {
        std::set<std::string> dependencies;
        for (const auto& dep : spec.manifest.depends) {
            dependencies.insert(dep.id);
        }
        return declared_.builderFor(spec.id(), std::move(dependencies));
    });
    for (const PluginSpec* spec : plugins_->plugins()) {
        if (spec->state == PluginState::Failed) {
            declared_.removePlugin(spec->id());
        }
    }
}

void Kernel::applyCustomFields(SchemaRegistry& registry) {
    Poco::Data::Session session = db_->session();
    SqlRows rows = Sql::query(*db_, session,
                              "SELECT entity, name, definition FROM tessera_custom_fields "
                              "ORDER BY created_at, name");
    for (const auto& row : rows.rows) {
        std::string entity = asString(row[0]);
        std::string name = asString(row[1]);
        try {
            registry.addCustomFields(entity, {{name, nlohmann::json::parse(asString(row[2]))}});
        } catch (const std::exception& e) {
            // The entity's plugin may be disabled now; the column and its data stay.
            spdlog::warn("custom field {}.{} is not used: {}", entity, name, e.what());
        }
    }
}

void Kernel::buildSchema() {
    for (int attempt = 0; attempt < 64; ++attempt) {
        SchemaRegistry merged = declared_;
        applyCustomFields(merged);
        try {
            schema_ = merged.build();
            return;
        } catch (const SchemaError& e) {
            std::string plugin = pluginNamedIn(e.what());
            if (plugin.empty() || plugin == "custom" || !plugins_->find(plugin)) {
                throw;
            }
            plugins_->fail(plugin, "declareSchema", e.what());
            for (const PluginSpec* spec : plugins_->plugins()) {
                if (spec->state == PluginState::Failed) {
                    declared_.removePlugin(spec->id());
                }
            }
        }
    }
    throw SchemaError("the schema could not be merged");
}

void Kernel::start(Options options) {
    plugins_ = std::make_unique<PluginManager>(pluginOptionsFrom(config_));
    plugins_->discover();
    plugins_->load();
    declareSchemas();

    Database::Options dbOptions;
    dbOptions.poolSize = std::max(4, config_.getInt("server.threads") / 2);
    try {
        db_ =
            std::make_unique<Database>(DatabaseUrl::parse(config_.getString("db.url")), dbOptions);
    } catch (const StorageError& e) {
        throw UsageError(e.what());
    }
    access_ = std::make_unique<AccessControl>(*db_);
    search_ = std::make_unique<SearchIndex>(*db_);
    audit_ = std::make_unique<AuditLog>(*db_);
    access_->ensureTables();
    search_->ensureTables();
    audit_->ensureTables();
    ensureCustomFieldTable(*db_);
    buildSchema();

    std::map<std::string, std::string> versions;
    for (const auto& id : plugins_->order()) {
        const PluginSpec* spec = plugins_->find(id);
        if (spec->isActive()) {
            versions[id] = spec->manifest.version.toString();
        }
    }
    Migrator migrator(*db_, *schema_);
    migration_ = options.migrate ? migrator.migrate(versions) : migrator.plan();

    records_ =
        std::make_unique<RecordStore>(*db_, schema_, *access_, *search_, *audit_, hooks_, events_);
    KernelServices services;
    services.records = records_.get();
    services.hooks = &hooks_;
    services.dataHandlers = &records_->dataHandlers();
    services.events = &events_;
    services.web = &web_;
    // --- Kernel services for plugins (jobs, outbox, files, mail, notifications) go here. ---
    startJobs(services);
    startKernelServices(services);
    services.files = files_.get();
    services.mail = mail_.get();
    services.notifications = notifications_.get();
    users_ = std::make_unique<UserDirectoryService>(*db_, *access_);
    services.users = users_.get();
    plugins_->kernelServices() = std::move(services);
    if (options.initializePlugins) {
        plugins_->initialize();
    }
    applyDeclaredPermissions();
}

void Kernel::applyDeclaredPermissions() {
    declaredPermissions_.clear();
    for (const auto& id : plugins_->order()) {
        const PluginSpec* spec = plugins_->find(id);
        if (spec->isActive()) {
            declaredPermissions_.insert(declaredPermissions_.end(),
                                        spec->manifest.permissions.begin(),
                                        spec->manifest.permissions.end());
        }
    }
    for (const auto& [permission, role] :
         PermissionDefaults::apply(*db_, *access_, declaredPermissions_)) {
        spdlog::info("permissions: granted {} to role {} (the plugin's default, applied once)",
                     permission, role);
    }
}

void Kernel::startKernelServices(KernelServices& services) {
    SmtpSettings smtp;
    smtp.host = setting(config_, "mail.host", smtp.host);
    smtp.port = static_cast<int>(config_.getNumber("mail.port", smtp.port, 1, 65535));
    smtp.from = setting(config_, "mail.from", smtp.from);
    smtp.user = setting(config_, "mail.user", "");
    smtp.password = setting(config_, "mail.password", "");
    smtp.security = setting(config_, "mail.security", smtp.security);
    smtp.timeout = std::chrono::seconds(config_.getNumber("mail.timeout", 30, 1, 600));
    smtp.maxAttempts = static_cast<int>(config_.getNumber("mail.max_attempts", 5, 1, 100));
    smtp.retryDelay = std::chrono::seconds(config_.getNumber("mail.retry_seconds", 60, 1, 86400));
    if (smtp.security != "none" && smtp.security != "starttls" && smtp.security != "tls") {
        throw UsageError("setting 'mail.security' must be none, starttls or tls, not '" +
                         smtp.security.substr(0, 40) + "'");
    }
    if (!MailQueue::validAddress(smtp.from)) {
        throw UsageError("setting 'mail.from' must be an e-mail address, not '" +
                         smtp.from.substr(0, 100) + "'");
    }
    std::vector<std::filesystem::path> templateDirs;
    for (const PluginSpec* spec : plugins_->plugins()) {
        if (spec->isActive() && std::filesystem::is_directory(spec->directory / "templates")) {
            templateDirs.push_back(spec->directory / "templates");
        }
    }
    templateDirs.push_back(TemplateRenderer::defaultRoot() / "templates");
    mail_ = std::make_unique<MailQueue>(*db_, smtp, std::move(templateDirs));
    mail_->ensureTables();
    // Mail and notifications written from a record hook commit or roll back with its change.
    auto openTransaction = [this] { return events_.transactionSession(); };
    mail_->setTransactionSource(openTransaction);
    notifications_ = std::make_unique<NotificationCenter>(*db_, mail_.get(),
                                                          setting(config_, "mail.link_base", ""));
    notifications_->ensureTables();
    notifications_->setTransactionSource(openTransaction);

    FileStore::Options fileOptions;
    fileOptions.root = setting(config_, "files.path", "var/files");
    fileOptions.maxSize =
        config_.getNumber("files.max_size", fileOptions.maxSize, 1, std::int64_t{1} << 40);
    fileOptions.allowedTypes = config_.has("files.allowed_types")
                                   ? config_.getList("files.allowed_types")
                                   : FileNames::defaultAllowedTypes();
    std::int64_t maxBody =
        config_.getNumber("server.max_body", 1024 * 1024, 1, std::int64_t{1} << 40);
    if (maxBody < fileOptions.maxSize + 64 * 1024) {
        spdlog::warn(
            "server.max_body ({} bytes) is below files.max_size ({} bytes) plus room for "
            "the form: uploads near the file limit will be refused with 413",
            maxBody, fileOptions.maxSize);
    }
    files_ = std::make_unique<FileStore>(*db_, *records_, *access_, std::move(fileOptions));
    files_->ensureTables();
    keepFilesThroughMerges();

    sdk::Panel attachments;
    attachments.slot = sdk::Slot::DetailSide;
    attachments.entity = "*";
    attachments.order = 900;
    attachments.render =
        [this](const sdk::PanelContext& context) -> std::optional<sdk::PanelContent> {
        const EntityDef* entity = records_->schema().entity(context.entity);
        if (!entity || context.id <= 0) {
            return std::nullopt;
        }
        const std::string base = "/r/" + entity->slug + "/" + std::to_string(context.id);
        bool mayChange = files_->mayChange(context.caller, context.entity, context.id);
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& file : files_->list(context.caller, context.entity, context.id)) {
            nlohmann::json row = {{"ID", file.id},
                                  {"NAME", file.name},
                                  {"SIZE", FileNames::sizeText(file.size)},
                                  {"TYPE", file.contentType},
                                  {"UPLOADED", file.uploadedAt.substr(0, 10)},
                                  {"HREF", "/files/" + std::to_string(file.id)}};
            if (mayChange) {
                row["DELETE"] = {{"ACTION", "/files/" + std::to_string(file.id) + "/delete"}};
            }
            rows.push_back(std::move(row));
        }
        nlohmann::json data = {{"FILE", rows}, {"EMPTY", rows.empty()}};
        if (mayChange) {
            data["UPLOAD"] = {{"ACTION", base + "/files"},
                              {"MAX", FileNames::sizeText(files_->options().maxSize)}};
        }
        return sdk::PanelContent{"Attachments", "kernel.attachments.tpl", std::move(data)};
    };
    web_.addPanel("kernel", std::move(attachments));

    // Delivery runs as a kernel job wherever the job scheduler runs; without one (a kernel
    // started for a command) deliverPending() stays callable.
    if (services.addJob) {
        MailQueue* mail = mail_.get();
        services.addJob(
            "kernel", {"kernel.mail", "Send queued mail", "* * * * *", std::chrono::seconds(300), 1,
                       [mail](sdk::JobRun&) { mail->deliverPending(); }});
    }
}

void Kernel::keepFilesThroughMerges() {
    fileMerges_ = std::make_unique<FileMerges>(*db_);
    fileMerges_->ensureTables();
    FileMerges* merges = fileMerges_.get();
    EventBus* events = &events_;
    auto session = [events]() -> Poco::Data::Session& {
        Poco::Data::Session* open = events->transactionSession();
        if (!open) {
            throw std::logic_error("attachments follow a merge only inside its transaction");
        }
        return *open;
    };
    records_->dataHandlers().addMerge("kernel", "*", [merges, session](const sdk::MergeEvent& e) {
        merges->moveToWinner(session(), e.entity, e.winnerId, e.loserId,
                             AuditLog::currentOperation());
    });
    // An undone merge brings the loser back from the trash; its files come back with it.
    for (const auto& [name, entity] : schema_->entities()) {
        hooks_.add("kernel", name, sdk::HookPoint::AfterRestore, 1000,
                   [merges, session](sdk::HookEvent& event) {
                       merges->returnAfterUndo(session(), event.entity, event.id);
                   });
    }
}

void Kernel::startJobs(KernelServices& services) {
    jobs_ = std::make_unique<JobScheduler>(*db_, records_.get(), &events_,
                                           JobSettings::scheduler(config_));
    outbox_ = std::make_unique<Outbox>(*db_, JobSettings::outbox(config_));
    webhooks_ = std::make_unique<Webhooks>(*db_, JobSettings::webhooks(config_));
    jobs_->ensureTables();
    outbox_->ensureTables();
    webhooks_->ensureTables();
    Outbox* outbox = outbox_.get();
    JobScheduler* jobs = jobs_.get();
    events_.setRecorder({[outbox](Poco::Data::Session* session, const sdk::Event& event) {
                             outbox->write(session, event);
                         },
                         [outbox] { outbox->wake(); }});
    jobs_->add("kernel",
               {"kernel.outbox", "Deliver events to outbox consumers", "* * * * *",
                std::chrono::seconds(300), 1, [outbox](sdk::JobRun&) { outbox->deliverDue(); }});
    outbox_->addConsumer(
        "kernel", webhooks_->consumer(),
        [webhooks = webhooks_.get()](const std::string& type) { return webhooks->wants(type); });
    JobSettings::enabled(config_);  // a bad value stops the start, not the first job
    Webhooks* webhooks = webhooks_.get();
    auto keepRuns = JobSettings::keepRuns(config_);
    auto keepEvents = JobSettings::keepEvents(config_);
    jobs_->add("kernel",
               {"kernel.cleanup", "Delete old job runs, delivered events and webhook logs",
                "17 3 * * *", std::chrono::seconds(600), 3,
                [jobs, outbox, webhooks, keepRuns, keepEvents](sdk::JobRun&) {
                    auto now = std::chrono::system_clock::now();
                    jobs->purge(now - keepRuns);
                    outbox->purge(now - keepEvents);
                    webhooks->purge(now - keepEvents);
                }});
    SearchBacklog* backlog = &records_->searchBacklog();
    backlog->ensureTables();
    RecordStore* records = records_.get();
    jobs_->add("kernel",
               {"kernel.search_backlog", "Index records written by large imports", "* * * * *",
                std::chrono::seconds(300), 3, [backlog, records](sdk::JobRun& run) {
                    backlog->drain(records->schema(),
                                   [&run](std::int64_t done, std::int64_t total) {
                                       run.progress(done, total);
                                   });
                }});
    backlog->setOnAdded(
        [jobs] { jobs->enqueue("kernel.search_backlog", nlohmann::json::object()); });
    services.jobs = jobs;
    services.addJob = [jobs](const std::string& pluginId, sdk::JobDefinition job) {
        jobs->add(pluginId, std::move(job));
    };
    services.addOutboxConsumer = [outbox](const std::string& pluginId,
                                          sdk::OutboxConsumer consumer) {
        outbox->addConsumer(pluginId, std::move(consumer));
    };
    services.forgetPlugin = [jobs, outbox](const std::string& pluginId) {
        jobs->removeOwnedBy(pluginId);
        outbox->removeOwnedBy(pluginId);
    };
}

void Kernel::startBackground() {
    if (!jobs_ || !JobSettings::enabled(config_)) {
        spdlog::info("jobs: not running jobs or outbox deliveries on this node (jobs.enabled)");
        return;
    }
    jobs_->start();
    outbox_->start();
}

void Kernel::stopBackground() {
    if (outbox_) {
        outbox_->stop();
    }
    if (jobs_) {
        jobs_->stop();
    }
}

void Kernel::stop() {
    stopBackground();
    if (plugins_) {
        plugins_->shutdown();
        plugins_->kernelServices() = KernelServices{};
    }
    events_.setRecorder({});
    web_.removeOwnedBy("kernel");
    hooks_.removeOwnedBy("kernel");
    records_.reset();
}

std::map<std::string, std::string> Kernel::appliedVersions() {
    return Migrator(*db_, *schema_).appliedVersions();
}

void Kernel::addCustomField(const std::string& entity, const std::string& name,
                            const nlohmann::json& definition) {
    SchemaRegistry trial = declared_;
    applyCustomFields(trial);
    try {
        trial.addCustomFields(entity, {{name, definition}});
        trial.build();
    } catch (const SchemaError& e) {
        std::string message = e.what();
        throw sdk::PluginError(sdk::Error{"validation", message, {{name, message}}});
    }
    {
        Poco::Data::Session session = db_->session();
        Sql::execute(*db_, session,
                     "INSERT INTO tessera_custom_fields (entity, name, definition, created_at) "
                     "VALUES ($1, $2, $3, $4)",
                     {entity, name, definition.dump(),
                      Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ")});
    }
    buildSchema();
    std::map<std::string, std::string> none;
    Migrator(*db_, *schema_).migrate(none);
    records_->setSchema(schema_);
}

}  // namespace tessera::kernel
