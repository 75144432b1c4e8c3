#include <tessera/kernel/plugin/PluginManager.hpp>

#include <algorithm>

#include <spdlog/spdlog.h>

#include <tessera/kernel/plugin/DependencyResolver.hpp>
#include <tessera/kernel/plugin/KernelPluginContext.hpp>
#include <tessera/kernel/plugin/PluginLoader.hpp>
#include <tessera/kernel/schema/SchemaRegistry.hpp>
#include <tessera/kernel/schema/SchemaFiles.hpp>

namespace tessera::kernel {

namespace {

void markFailed(PluginSpec& spec, const std::string& phase, const std::string& why) {
    spec.state = PluginState::Failed;
    spec.failedPhase = phase;
    spec.error = why;
    if (spec.context) {
        spec.context->unregisterAll();
    }
    spdlog::error("plugin '{}' failed in {}: {}", spec.id(), phase, why);
}

}  // namespace

PluginManager::PluginManager(PluginManagerOptions options) : options_(std::move(options)) {}

PluginManager::~PluginManager() {
    shutdown();
}

void PluginManager::discoverFolder(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> dirs;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_directory() && std::filesystem::exists(entry.path() / "plugin.json")) {
            dirs.push_back(entry.path());
        }
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs) {
        PluginSpec spec;
        spec.directory = dir;
        try {
            spec.manifest = PluginManifest::read(dir / "plugin.json");
            spec.state = PluginState::Disabled;
        } catch (const ManifestError& e) {
            spec.manifest.id = dir.filename().string();
            spec.manifest.file = dir / "plugin.json";
            spec.state = PluginState::Invalid;
            spec.failedPhase = "manifest";
            spec.error = e.what();
        }
        auto existing = specs_.find(spec.manifest.id);
        if (existing != specs_.end()) {
            problems_.push_back("plugin '" + spec.manifest.id + "' is found twice, in " +
                                existing->second.directory.string() + " and in " + dir.string() +
                                "; the first on plugins.path is used, remove the other");
            continue;
        }
        std::string id = spec.manifest.id;
        specs_.emplace(id, std::move(spec));
    }
}

void PluginManager::discover() {
    for (const auto& folder : options_.searchPath) {
        if (!std::filesystem::is_directory(folder)) {
            problems_.push_back("plugins.path folder '" + folder.string() + "' does not exist");
            continue;
        }
        discoverFolder(folder);
    }
    std::vector<std::string> unknown;
    order_ = DependencyResolver::resolve(specs_, options_.enabled, unknown);
    for (const auto& id : unknown) {
        problems_.push_back("plugin '" + id +
                            "' is in plugins.enabled but no folder on plugins.path holds it");
    }
    for (const auto& problem : problems_) {
        spdlog::error("{}", problem);
    }
    for (const auto& [id, spec] : specs_) {
        if (spec.state == PluginState::Failed) {
            spdlog::error("plugin '{}': {}", id, spec.error);
        } else if (spec.state == PluginState::Invalid) {
            spdlog::warn("plugin folder '{}': {}", spec.directory.string(), spec.error);
        }
    }
}

template <class Fn>
void PluginManager::runPhase(const char* phase, const std::vector<std::string>& ids,
                             PluginState from, PluginState to, Fn&& call) {
    for (const auto& id : ids) {
        DependencyResolver::propagateFailures(specs_, order_);
        PluginSpec& spec = specs_.at(id);
        if (spec.state != from) {
            continue;
        }
        trace_.push_back(std::string(phase) + " " + id);
        try {
            call(spec);
            spec.state = to;
        } catch (const std::exception& e) {
            markFailed(spec, phase, std::string(phase) + " threw: " + e.what());
        } catch (...) {
            markFailed(spec, phase,
                       std::string(phase) + " threw an exception that is not a std::exception");
        }
    }
    DependencyResolver::propagateFailures(specs_, order_);
}

void PluginManager::load() {
    runPhase("load", order_, PluginState::Resolved, PluginState::Loaded, [&](PluginSpec& spec) {
        spec.instance = PluginLoader::load(spec.manifest);
        nlohmann::json config = spec.manifest.config;
        if (options_.configFor) {
            config.merge_patch(options_.configFor(spec.id()));
        }
        spec.context = std::make_unique<KernelPluginContext>(spec.id(), std::move(config),
                                                             spec.directory, services_,
                                                             kernelServices_);
    });
}

void PluginManager::declareSchemas(
    const std::function<std::unique_ptr<sdk::SchemaBuilder>(const PluginSpec&)>& builderFor) {
    runPhase("declareSchema", order_, PluginState::Loaded, PluginState::Declared,
             [&](PluginSpec& spec) {
                 auto builder = builderFor(spec);
                 readSchemaFiles(spec.directory, *builder);
                 spec.instance->declareSchema(*builder);
             });
}

void PluginManager::initialize() {
    runPhase("initialize", order_, PluginState::Declared, PluginState::Initialized,
             [](PluginSpec& spec) { spec.instance->initialize(*spec.context); });
    std::vector<std::string> reversed(order_.rbegin(), order_.rend());
    runPhase("extensionsInitialized", reversed, PluginState::Initialized, PluginState::Running,
             [](PluginSpec& spec) { spec.instance->extensionsInitialized(*spec.context); });
}

void PluginManager::startAll() {
    discover();
    load();
    SchemaRegistry schema;
    declareSchemas([&](const PluginSpec& spec) {
        std::set<std::string> dependencies;
        for (const auto& dep : spec.manifest.depends) {
            dependencies.insert(dep.id);
        }
        return schema.builderFor(spec.id(), std::move(dependencies));
    });
    initialize();
}

void PluginManager::shutdown() {
    if (shutDown_) {
        return;
    }
    shutDown_ = true;
    for (const auto& id : order_) {
        PluginSpec& spec = specs_.at(id);
        if (spec.state != PluginState::Running && spec.state != PluginState::Initialized) {
            continue;
        }
        trace_.push_back("aboutToShutdown " + id);
        try {
            spec.instance->aboutToShutdown();
            spec.state = PluginState::Stopped;
        } catch (const std::exception& e) {
            markFailed(spec, "aboutToShutdown", std::string("aboutToShutdown threw: ") + e.what());
        } catch (...) {
            markFailed(spec, "aboutToShutdown",
                       "aboutToShutdown threw an exception that is not a std::exception");
        }
    }
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
        PluginSpec& spec = specs_.at(*it);
        if (spec.context) {
            spec.context->unregisterAll();
        }
        if (spec.instance) {
            trace_.push_back("destroy " + *it);
            try {
                spec.instance.reset();
            } catch (...) {
                spdlog::error("plugin '{}': its destructor threw", *it);
            }
        }
        spec.context.reset();
    }
}

void PluginManager::fail(const std::string& id, const std::string& phase, const std::string& why) {
    auto it = specs_.find(id);
    if (it != specs_.end() && it->second.isActive()) {
        markFailed(it->second, phase, why);
        DependencyResolver::propagateFailures(specs_, order_);
    }
}

std::vector<const PluginSpec*> PluginManager::plugins() const {
    std::vector<const PluginSpec*> all;
    for (const auto& [id, spec] : specs_) {
        all.push_back(&spec);
    }
    return all;
}

const PluginSpec* PluginManager::find(const std::string& id) const {
    auto it = specs_.find(id);
    return it == specs_.end() ? nullptr : &it->second;
}

bool PluginManager::hasFailures() const {
    if (!problems_.empty()) {
        return true;
    }
    for (const auto& id : options_.enabled) {
        auto it = specs_.find(id);
        if (it != specs_.end() && !it->second.isActive() && it->second.state != PluginState::Stopped) {
            return true;
        }
    }
    return std::any_of(specs_.begin(), specs_.end(), [](const auto& entry) {
        return entry.second.state == PluginState::Failed;
    });
}

}  // namespace tessera::kernel
