#pragma once

#include <string>

namespace tessera::kernel {

/// argon2id password hashes through libsodium's crypto_pwhash_str: the hash string carries its
/// salt and parameters, so verification works whatever strength made it. Thread-safe.
class PasswordHasher {
public:
    /// Moderate: 3 passes over 256 MiB (about 0.5-1 s here), for real accounts.
    /// Interactive: 2 passes over 64 MiB, for tests and very small machines.
    enum class Strength { Interactive, Moderate };

    explicit PasswordHasher(Strength strength = Strength::Moderate);
    /// From `auth.password_hash` ("moderate" or "interactive"); throws UsageError otherwise.
    static Strength parseStrength(const std::string& name);

    /// Throws std::runtime_error when the memory cannot be had.
    std::string hash(const std::string& password) const;
    bool verify(const std::string& hash, const std::string& password) const;
    /// Spends the time a verification costs, so unknown logins answer as slowly as known ones.
    void verifyDummy(const std::string& password) const;

    /// Passwords shorter than this are refused.
    static constexpr std::size_t kMinLength = 10;
    static constexpr std::size_t kMaxLength = 1024;

private:
    Strength strength_;
};

}  // namespace tessera::kernel
