#pragma once

#include <chrono>
#include <string>

namespace tessera::kernel {

/// A time as ISO 8601 UTC to the second ("2026-11-25T10:00:00Z"), the form every kernel table
/// stores times in.
std::string isoTime(std::chrono::system_clock::time_point time);
inline std::string isoNow() { return isoTime(std::chrono::system_clock::now()); }

}  // namespace tessera::kernel
