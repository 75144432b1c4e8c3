#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <tessera/kernel/acl/AccessContext.hpp>

namespace tessera::kernel {

/// The spellings of actions, scopes and field access kept in the permission tables and shown to
/// admins ("update", "team", "readonly"), and their parsers. Stateless; safe from any thread.

/// "visible", "readonly" or "hidden".
const char* fieldAccessName(FieldAccess access);

/// The action spelled `name` ("read", "create", "update", "delete", "export").
std::optional<sdk::Action> parseAction(std::string_view name);
/// The scope spelled `name` ("none", "own", "team", "all").
std::optional<ScopeLevel> parseScope(std::string_view name);
/// The field access spelled `name` ("visible", "readonly", "hidden").
std::optional<FieldAccess> parseFieldAccess(std::string_view name);

/// Whether `name` may name a role: a lowercase letter, then lowercase letters, digits and _,
/// at most 63 characters ("sales_rep").
bool isRoleName(const std::string& name);
/// Whether `name` may name a permission: dot-separated lowercase parts, at most 128 characters
/// ("contracts.approve").
bool isPermissionName(const std::string& name);

}  // namespace tessera::kernel
