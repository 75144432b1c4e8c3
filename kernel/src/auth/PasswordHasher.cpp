#include <tessera/kernel/auth/PasswordHasher.hpp>

#include <mutex>
#include <stdexcept>

#include <sodium.h>

#include <tessera/kernel/app/UsageError.hpp>

namespace tessera::kernel {

namespace {

void limits(PasswordHasher::Strength strength, unsigned long long& ops, std::size_t& mem) {
    if (strength == PasswordHasher::Strength::Moderate) {
        ops = crypto_pwhash_OPSLIMIT_MODERATE;
        mem = crypto_pwhash_MEMLIMIT_MODERATE;
    } else {
        ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    }
}

}  // namespace

PasswordHasher::PasswordHasher(Strength strength) : strength_(strength) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

PasswordHasher::Strength PasswordHasher::parseStrength(const std::string& name) {
    if (name == "moderate" || name.empty()) {
        return Strength::Moderate;
    }
    if (name == "interactive") {
        return Strength::Interactive;
    }
    throw UsageError("auth.password_hash must be 'moderate' or 'interactive', not '" + name + "'");
}

std::string PasswordHasher::hash(const std::string& password) const {
    unsigned long long ops = 0;
    std::size_t mem = 0;
    limits(strength_, ops, mem);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("hashing a password ran out of memory");
    }
    return out;
}

bool PasswordHasher::verify(const std::string& hash, const std::string& password) const {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verifyDummy(const std::string& password) const {
    static std::once_flag once;
    static std::string dummy;
    std::call_once(once, [&] { dummy = hash("tessera-dummy-password"); });
    verify(dummy, password);
}

}  // namespace tessera::kernel
