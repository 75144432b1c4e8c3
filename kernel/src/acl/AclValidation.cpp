#include "AclValidation.hpp"

#include <cstdio>
#include <regex>

#include <tessera/kernel/acl/AclNames.hpp>
#include <tessera/sdk/Error.hpp>

namespace tessera::kernel::detail {

namespace {

const std::regex kLogin("[a-z0-9._@-]{3,64}");
const std::regex kEntity("[A-Z][A-Za-z0-9]{0,62}");
const std::regex kField("[a-z][a-z0-9_]{0,62}");

bool hasControlCharacter(std::string_view value) {
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            return true;
        }
    }
    return false;
}

bool isBlank(std::string_view value) {
    return value.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

std::string AclValidation::quoted(std::string_view value) {
    constexpr std::size_t kShown = 80;
    std::string out = "'";
    for (std::size_t i = 0; i < value.size() && i < kShown; ++i) {
        auto u = static_cast<unsigned char>(value[i]);
        if (u < 0x20 || u == 0x7f) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02x", u);
            out += buffer;
        } else {
            out += value[i];
        }
    }
    if (value.size() > kShown) {
        out += "...";
    }
    return out + "'";
}

void AclValidation::fail(const std::string& code, const std::string& field,
                         const std::string& message) {
    throw sdk::PluginError(sdk::Error{code, field + " " + message, {{field, message}}});
}

void AclValidation::login(const std::string& value) {
    if (!std::regex_match(value, kLogin)) {
        fail("validation", "login",
             quoted(value) +
                 " is not a valid login: use 3 to 64 lowercase letters, digits and . _ @ -");
    }
}

void AclValidation::displayName(const std::string& value) {
    if (value.size() > 200 || hasControlCharacter(value)) {
        fail("validation", "display_name",
             quoted(value) + " is not a valid name: use up to 200 characters, no line breaks");
    }
}

void AclValidation::email(const std::string& value) {
    if (value.empty()) {
        return;
    }
    auto at = value.find('@');
    bool ok = value.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < value.size() &&
              value.find('@', at + 1) == std::string::npos &&
              value.find(' ') == std::string::npos && !hasControlCharacter(value);
    if (!ok) {
        fail("validation", "email",
             quoted(value) + " is not an e-mail address: write it as name@example.com");
    }
}

void AclValidation::roleName(const std::string& value) {
    if (!isRoleName(value)) {
        fail("validation", "name",
             quoted(value) +
                 " is not a valid role name: start with a lowercase letter, then use lowercase "
                 "letters, digits and _ (e.g. sales_rep)");
    }
}

void AclValidation::label(const std::string& field, const std::string& value) {
    if (isBlank(value) || value.size() > 100 || hasControlCharacter(value)) {
        fail("validation", field,
             quoted(value) + " is not a valid " + field +
                 ": use 1 to 100 characters, not only spaces, no line breaks");
    }
}

void AclValidation::entity(const std::string& value) {
    if (value != "*" && !std::regex_match(value, kEntity)) {
        fail("validation", "entity",
             quoted(value) +
                 " is not an entity name: use the entity's PascalCase name (e.g. Project) or * "
                 "for every entity");
    }
}

void AclValidation::fieldName(const std::string& value) {
    if (!std::regex_match(value, kField)) {
        fail("validation", "field",
             quoted(value) +
                 " is not a field name: use the field's lowercase name (e.g. amount or "
                 "close_date)");
    }
}

void AclValidation::permission(const std::string& value) {
    if (!isPermissionName(value)) {
        fail("validation", "permission",
             quoted(value) +
                 " is not a permission name: write <plugin>.<action> in lowercase (e.g. "
                 "contracts.approve)");
    }
}

}  // namespace tessera::kernel::detail
