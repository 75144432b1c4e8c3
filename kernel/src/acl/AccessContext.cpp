#include <tessera/kernel/acl/AccessContext.hpp>

namespace tessera::kernel {

namespace {

constexpr const char* kWildcard = "*";

}  // namespace

EffectiveGrant AccessContext::grant(const std::string& entity, sdk::Action action) const {
    if (caller.system) {
        return {ScopeLevel::All, ""};
    }
    EffectiveGrant result;
    for (const std::string& key : {entity, std::string(kWildcard)}) {
        if (auto byEntity = grants.find(key); byEntity != grants.end()) {
            if (auto it = byEntity->second.find(action); it != byEntity->second.end()) {
                result = it->second;
                break;
            }
        }
    }
    if (admin) {
        result.level = ScopeLevel::All;
    }
    return result;
}

FieldAccess AccessContext::fieldAccess(const std::string& entity, const std::string& field) const {
    if (unrestricted()) {
        return FieldAccess::Visible;
    }
    auto byEntity = fields.find(entity);
    if (byEntity == fields.end()) {
        byEntity = fields.find(kWildcard);
    }
    if (byEntity == fields.end()) {
        return FieldAccess::Visible;
    }
    auto it = byEntity->second.find(field);
    return it == byEntity->second.end() ? FieldAccess::Visible : it->second;
}

bool AccessContext::hasPermission(const std::string& permission) const {
    return unrestricted() || permissions.count(permission) > 0;
}

const char* actionName(sdk::Action action) {
    switch (action) {
        case sdk::Action::Read:
            return "read";
        case sdk::Action::Create:
            return "create";
        case sdk::Action::Update:
            return "update";
        case sdk::Action::Delete:
            return "delete";
        case sdk::Action::Export:
            return "export";
    }
    return "unknown";
}

const char* scopeName(ScopeLevel level) {
    switch (level) {
        case ScopeLevel::None:
            return "none";
        case ScopeLevel::Own:
            return "own";
        case ScopeLevel::Team:
            return "team";
        case ScopeLevel::All:
            return "all";
    }
    return "unknown";
}

}  // namespace tessera::kernel
