#include <tessera/kernel/auth/Totp.hpp>

#include <cstdio>
#include <stdexcept>
#include <vector>

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/URI.h>

#include <sodium.h>

namespace tessera::kernel {

namespace {

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string base32Encode(const std::vector<unsigned char>& data) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char byte : data) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) {
        out += kAlphabet[(buffer << (5 - bits)) & 31];
    }
    return out;
}

std::string base32Decode(const std::string& text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char raw : text) {
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        if (c == '=' || c == ' ') {
            continue;
        }
        int value = -1;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= '2' && c <= '7') {
            value = c - '2' + 26;
        } else {
            throw std::invalid_argument("the TOTP secret is not base32");
        }
        buffer = (buffer << 5) | static_cast<unsigned>(value);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
            bits -= 8;
        }
    }
    if (out.empty()) {
        throw std::invalid_argument("the TOTP secret is empty");
    }
    return out;
}

}  // namespace

std::string Totp::generateSecret() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    std::vector<unsigned char> bytes(20);
    randombytes_buf(bytes.data(), bytes.size());
    return base32Encode(bytes);
}

std::string Totp::code(const std::string& base32Secret, std::int64_t unixTime) {
    std::string key = base32Decode(base32Secret);
    auto step = static_cast<std::uint64_t>(unixTime / 30);
    unsigned char message[8];
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<unsigned char>(step & 0xFF);
        step >>= 8;
    }
    Poco::HMACEngine<Poco::SHA1Engine> hmac(key);
    hmac.update(message, sizeof message);
    const Poco::DigestEngine::Digest& digest = hmac.digest();
    std::size_t offset = digest[digest.size() - 1] & 0x0F;
    std::uint32_t binary = ((digest[offset] & 0x7Fu) << 24) | (digest[offset + 1] << 16) |
                           (digest[offset + 2] << 8) | digest[offset + 3];
    char text[8];
    std::snprintf(text, sizeof text, "%06u", binary % 1000000u);
    return text;
}

bool Totp::verify(const std::string& base32Secret, const std::string& code,
                  std::int64_t unixTime) {
    return matchingStep(base32Secret, code, unixTime).has_value();
}

std::optional<std::int64_t> Totp::matchingStep(const std::string& base32Secret,
                                               const std::string& code, std::int64_t unixTime) {
    if (code.size() != 6) {
        return std::nullopt;
    }
    std::optional<std::int64_t> step;
    // Every candidate is compared, so the time taken does not tell which one matched.
    for (int delta = -1; delta <= 1; ++delta) {
        std::int64_t at = unixTime + delta * 30;
        std::string expected = Totp::code(base32Secret, at);
        if (sodium_memcmp(expected.data(), code.data(), 6) == 0) {
            step = at / 30;
        }
    }
    return step;
}

std::string Totp::uri(const std::string& base32Secret, const std::string& login) {
    std::string label;
    Poco::URI::encode("Tessera:" + login, "?#/&=:", label);
    return "otpauth://totp/" + label + "?secret=" + base32Secret +
           "&issuer=Tessera&algorithm=SHA1&digits=6&period=30";
}

}  // namespace tessera::kernel
