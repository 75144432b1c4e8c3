#pragma once

#include <cstdint>
#include <string>

namespace tessera::kernel {

/// `bytes` random bytes from libsodium's CSPRNG, as lower-case hex.
std::string randomHex(std::size_t bytes);
/// SHA-256 of `text` as lower-case hex: how session ids and API tokens are stored.
std::string sha256Hex(const std::string& text);
/// Comparison whose time does not depend on where the strings differ.
bool constantTimeEquals(const std::string& a, const std::string& b);
/// Seconds since the epoch, now.
std::int64_t unixNow();

}  // namespace tessera::kernel
