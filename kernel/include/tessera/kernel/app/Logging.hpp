#pragma once

#include <tessera/kernel/app/Config.hpp>

namespace tessera::kernel {

/// Points spdlog's default logger at stderr or at `log.file`, at `log.level`
/// (trace, debug, info, warning, error, off). Call once at start-up.
void setUpLogging(const Config& config);

}  // namespace tessera::kernel
