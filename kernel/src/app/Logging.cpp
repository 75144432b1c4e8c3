#include <tessera/kernel/app/Logging.hpp>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <tessera/kernel/app/UsageError.hpp>

namespace tessera::kernel {

void setUpLogging(const Config& config) {
    std::string levelName = config.getString("log.level");
    if (levelName == "warn") {
        levelName = "warning";
    }
    auto level = spdlog::level::from_str(levelName == "warning" ? "warn" : levelName);
    if (level == spdlog::level::off && levelName != "off") {
        throw UsageError("log.level '" + levelName +
                         "' is not one of trace, debug, info, warning, error, off");
    }
    std::string file = config.getString("log.file");
    spdlog::drop("tessera");
    std::shared_ptr<spdlog::logger> logger;
    try {
        logger = file.empty() ? spdlog::stderr_color_mt("tessera")
                              : spdlog::basic_logger_mt("tessera", file);
    } catch (const spdlog::spdlog_ex& e) {
        throw UsageError("log.file '" + file + "' cannot be opened: " + e.what());
    }
    logger->set_level(level);
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    spdlog::set_default_logger(logger);
}

}  // namespace tessera::kernel
