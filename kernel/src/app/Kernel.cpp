#include <tessera/kernel/app/Kernel.hpp>

#include <regex>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <spdlog/spdlog.h>

#include <tessera/kernel/app/PluginOptions.hpp>
#include <tessera/kernel/app/UsageError.hpp>
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
        db_ = std::make_unique<Database>(DatabaseUrl::parse(config_.getString("db.url")), dbOptions);
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

    records_ = std::make_unique<RecordStore>(*db_, schema_, *access_, *search_, *audit_, hooks_,
                                             events_);
    KernelServices services;
    services.records = records_.get();
    services.hooks = &hooks_;
    services.events = &events_;
    services.web = &web_;
    // --- Kernel services for plugins (jobs, outbox, files, mail, notifications) go here. ---
    plugins_->kernelServices() = std::move(services);
    if (options.initializePlugins) {
        plugins_->initialize();
    }
}

void Kernel::stop() {
    if (plugins_) {
        plugins_->shutdown();
        plugins_->kernelServices() = KernelServices{};
    }
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
