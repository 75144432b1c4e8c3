#include <tessera/kernel/auth/AuthCrypto.hpp>

#include <chrono>
#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace tessera::kernel {

namespace {

void initSodium() {
    static const int ready = sodium_init();
    if (ready < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

std::string toHex(const unsigned char* data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

}  // namespace

std::string randomHex(std::size_t bytes) {
    initSodium();
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return toHex(buffer.data(), buffer.size());
}

std::string sha256Hex(const std::string& text) {
    initSodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return toHex(digest, sizeof digest);
}

bool constantTimeEquals(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace tessera::kernel
