#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tessera::kernel {

/// RFC 6238 one-time codes: HMAC-SHA-1, 30-second steps, 6 digits, secrets in base32 (what
/// authenticator apps read from an otpauth:// URI). Stateless and thread-safe.
class Totp {
public:
    /// A new random 160-bit secret in base32.
    static std::string generateSecret();
    /// The code for the step holding `unixTime`; throws std::invalid_argument for a bad secret.
    static std::string code(const std::string& base32Secret, std::int64_t unixTime);
    /// True when `code` matches the step of `unixTime` or the one before or after.
    static bool verify(const std::string& base32Secret, const std::string& code,
                       std::int64_t unixTime);
    /// The time step (unixTime / 30) whose code `code` is, among the step of `unixTime` and
    /// its neighbours; empty when none matches.
    static std::optional<std::int64_t> matchingStep(const std::string& base32Secret,
                                                    const std::string& code,
                                                    std::int64_t unixTime);
    /// otpauth://totp/Tessera:login?secret=...&issuer=Tessera
    static std::string uri(const std::string& base32Secret, const std::string& login);
};

}  // namespace tessera::kernel
