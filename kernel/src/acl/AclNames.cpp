#include <tessera/kernel/acl/AclNames.hpp>

#include <regex>

namespace tessera::kernel {

const char* fieldAccessName(FieldAccess access) {
    switch (access) {
        case FieldAccess::Visible:
            return "visible";
        case FieldAccess::ReadOnly:
            return "readonly";
        case FieldAccess::Hidden:
            return "hidden";
    }
    return "unknown";
}

std::optional<sdk::Action> parseAction(std::string_view name) {
    for (auto action : {sdk::Action::Read, sdk::Action::Create, sdk::Action::Update,
                        sdk::Action::Delete, sdk::Action::Export}) {
        if (name == actionName(action)) {
            return action;
        }
    }
    return std::nullopt;
}

std::optional<ScopeLevel> parseScope(std::string_view name) {
    for (auto level : {ScopeLevel::None, ScopeLevel::Own, ScopeLevel::Team, ScopeLevel::All}) {
        if (name == scopeName(level)) {
            return level;
        }
    }
    return std::nullopt;
}

std::optional<FieldAccess> parseFieldAccess(std::string_view name) {
    for (auto access : {FieldAccess::Visible, FieldAccess::ReadOnly, FieldAccess::Hidden}) {
        if (name == fieldAccessName(access)) {
            return access;
        }
    }
    return std::nullopt;
}

bool isRoleName(const std::string& name) {
    static const std::regex pattern("[a-z][a-z0-9_]{0,62}");
    return std::regex_match(name, pattern);
}

bool isPermissionName(const std::string& name) {
    static const std::regex pattern("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");
    return name.size() <= 128 && std::regex_match(name, pattern);
}

}  // namespace tessera::kernel
