#pragma once

#include <string>
#include <string_view>

namespace tessera::kernel::detail {

/// Checks of the names and values admins give users, teams, roles and grants. Each check
/// throws sdk::PluginError("validation") naming the field, the value and the allowed form.
/// Stateless; safe from any thread.
class AclValidation {
public:
    /// 3 to 64 of a-z 0-9 . _ @ -
    static void login(const std::string& value);
    /// Up to 200 characters without control characters; "" is allowed (the login stands in).
    static void displayName(const std::string& value);
    /// "" or one address: local@domain, no spaces, up to 254 characters.
    static void email(const std::string& value);
    /// [a-z][a-z0-9_]*, up to 63 characters.
    static void roleName(const std::string& value);
    /// 1 to 100 characters without control characters, not blank.
    static void label(const std::string& field, const std::string& value);
    /// "*" or a PascalCase entity name.
    static void entity(const std::string& value);
    /// A lowercase field name.
    static void fieldName(const std::string& value);
    /// `<plugin>.<action>`: dot-separated lowercase words, up to 128 characters.
    static void permission(const std::string& value);

    /// `value` in single quotes for a message, control characters escaped, cut after 80 bytes.
    static std::string quoted(std::string_view value);
    /// Throws sdk::PluginError(code, message) with `message` also under `field`.
    [[noreturn]] static void fail(const std::string& code, const std::string& field,
                                  const std::string& message);
};

}  // namespace tessera::kernel::detail
