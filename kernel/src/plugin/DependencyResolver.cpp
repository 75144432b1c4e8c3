#include <tessera/kernel/plugin/DependencyResolver.hpp>

#include <algorithm>
#include <functional>

#include <tessera/sdk/Version.hpp>

namespace tessera::kernel {

namespace {

bool provides(const PluginManifest& provider, const sdk::SemVer& wanted) {
    return provider.compatVersion <= wanted && wanted <= provider.version;
}

void fail(PluginSpec& spec, const std::string& phase, const std::string& why) {
    spec.state = PluginState::Failed;
    spec.failedPhase = phase;
    spec.error = why;
}

/// Depth-first ordering; reports the first cycle met through `cycle`.
class Orderer {
public:
    explicit Orderer(std::map<std::string, PluginSpec>& specs) : specs_(specs) {}

    void visit(const std::string& id) {
        if (done_.contains(id)) {
            return;
        }
        auto onPath = std::find(path_.begin(), path_.end(), id);
        if (onPath != path_.end()) {
            std::vector<std::string> cycle(onPath, path_.end());
            failCycle(cycle);
            return;
        }
        path_.push_back(id);
        for (const auto& dep : specs_.at(id).manifest.depends) {
            auto it = specs_.find(dep.id);
            if (it != specs_.end() && it->second.state == PluginState::Resolved) {
                visit(dep.id);
            }
        }
        path_.pop_back();
        done_.insert(id);
        order_.push_back(id);
    }

    std::vector<std::string> take() { return std::move(order_); }

private:
    void failCycle(const std::vector<std::string>& cycle) {
        std::string text;
        for (const auto& member : cycle) {
            text += member + " -> ";
        }
        text += cycle.front();
        for (const auto& member : cycle) {
            fail(specs_.at(member), "resolve", "dependency cycle: " + text);
        }
    }

    std::map<std::string, PluginSpec>& specs_;
    std::vector<std::string> path_;
    std::set<std::string> done_;
    std::vector<std::string> order_;
};

}  // namespace

std::vector<std::string> DependencyResolver::resolve(std::map<std::string, PluginSpec>& specs,
                                                     const std::vector<std::string>& enabled,
                                                     std::vector<std::string>& unknown) {
    const sdk::SemVer sdkVersion(sdk::kSdkVersionMajor, sdk::kSdkVersionMinor,
                                 sdk::kSdkVersionPatch);
    for (const auto& id : enabled) {
        auto it = specs.find(id);
        if (it == specs.end()) {
            unknown.push_back(id);
        } else if (it->second.state == PluginState::Disabled) {
            it->second.state = PluginState::Resolved;
        }
    }
    // Bridges enable themselves once everything they depend on is enabled; a bridge may
    // depend on another bridge, so repeat until nothing changes.
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& [id, spec] : specs) {
            if (spec.state != PluginState::Disabled || !spec.manifest.autoInstall) {
                continue;
            }
            bool all = !spec.manifest.depends.empty() &&
                       std::all_of(spec.manifest.depends.begin(), spec.manifest.depends.end(),
                                   [&](const PluginDependency& d) {
                                       auto dep = specs.find(d.id);
                                       return dep != specs.end() &&
                                              dep->second.state == PluginState::Resolved;
                                   });
            if (all) {
                spec.state = PluginState::Resolved;
                spec.autoEnabled = true;
                changed = true;
            }
        }
    }
    for (auto& [id, spec] : specs) {
        if (spec.state == PluginState::Resolved && !spec.manifest.sdk.contains(sdkVersion)) {
            fail(spec, "resolve",
                 "needs SDK " + spec.manifest.sdk.text() + " (manifest key \"sdk\"), but this "
                 "kernel has SDK " + sdkVersion.toString());
        }
    }
    for (auto& [id, spec] : specs) {
        if (spec.state != PluginState::Resolved) {
            continue;
        }
        for (const auto& dep : spec.manifest.depends) {
            auto it = specs.find(dep.id);
            bool present = it != specs.end() && it->second.state != PluginState::Invalid;
            if (!present) {
                if (!dep.optional) {
                    fail(spec, "resolve", "needs plugin '" + dep.id + "' " +
                                              dep.version.toString() +
                                              ", which is not installed on plugins.path");
                    break;
                }
                continue;
            }
            const PluginSpec& provider = it->second;
            if (!provides(provider.manifest, dep.version)) {
                std::string why = "needs plugin '" + dep.id + "' " + dep.version.toString() +
                                  ", but the installed one is " +
                                  provider.manifest.version.toString() + " (compatible back to " +
                                  provider.manifest.compatVersion.toString() + ")";
                if (!dep.optional) {
                    fail(spec, "resolve", why);
                    break;
                }
                continue;
            }
            if (!dep.optional && provider.state == PluginState::Disabled) {
                fail(spec, "resolve", "needs plugin '" + dep.id +
                                          "', which is not enabled (add it to plugins.enabled)");
                break;
            }
        }
    }
    std::vector<std::string> order;
    for (bool changed = true; changed;) {
        // A failure can disable others that depended on it; order again until stable.
        changed = false;
        Orderer orderer(specs);
        for (auto& [id, spec] : specs) {
            if (spec.state == PluginState::Resolved) {
                orderer.visit(id);
            }
        }
        order = orderer.take();
        std::erase_if(order, [&](const std::string& id) {
            return specs.at(id).state != PluginState::Resolved;
        });
        std::size_t before = order.size();
        propagateFailures(specs, order);
        std::erase_if(order, [&](const std::string& id) {
            return specs.at(id).state != PluginState::Resolved;
        });
        changed = order.size() != before;
    }
    return order;
}

void DependencyResolver::propagateFailures(std::map<std::string, PluginSpec>& specs,
                                           const std::vector<std::string>& order) {
    auto failedDependency = [&](const PluginSpec& spec) -> const PluginSpec* {
        for (const auto& dep : spec.manifest.depends) {
            auto it = specs.find(dep.id);
            if (it == specs.end()) {
                continue;
            }
            const PluginSpec& provider = it->second;
            bool failed = provider.state == PluginState::Failed ||
                          provider.state == PluginState::Invalid;
            // An optional dependency that failed is left out; a required one takes us down.
            if (failed && !dep.optional) {
                return &provider;
            }
        }
        return nullptr;
    };
    for (const auto& id : order) {
        PluginSpec& spec = specs.at(id);
        if (!spec.isActive()) {
            continue;
        }
        if (const PluginSpec* provider = failedDependency(spec)) {
            fail(spec, provider->failedPhase.empty() ? "resolve" : provider->failedPhase,
                 "needs '" + provider->id() + "', which failed: " + provider->error);
        }
    }
}

}  // namespace tessera::kernel
