#include "PostgresSessionPool.hpp"

#include <string_view>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/SessionHandle.h>

namespace tessera::kernel {

namespace {
constexpr int kIdleSeconds = 60;
}

PostgresSessionPool::PostgresSessionPool(const std::string& connectionString, int maxSessions)
    : Poco::Data::SessionPool(Poco::Data::PostgreSQL::Connector::KEY, connectionString, 1,
                              maxSessions, kIdleSeconds) {}

void PostgresSessionPool::logNotice(void* /*unused*/, const char* message) {
    std::string_view text(message);
    while (!text.empty() && text.back() == '\n') {
        text.remove_suffix(1);
    }
    spdlog::debug("postgresql: {}", text);
}

void PostgresSessionPool::customizeSession(Poco::Data::Session& session) {
    auto* handle =
        Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
    PQsetNoticeProcessor(*handle, &PostgresSessionPool::logNotice, nullptr);
}

}  // namespace tessera::kernel
