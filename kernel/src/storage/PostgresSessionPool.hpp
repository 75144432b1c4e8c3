#pragma once

#include <string>

#include <Poco/Data/SessionPool.h>

namespace tessera::kernel {

/// A Poco session pool for PostgreSQL whose connections send server notices ("table does not
/// exist, skipping") to the debug log instead of libpq's default, stderr. Thread-safe like its
/// base. Private to kernel/src/storage.
class PostgresSessionPool : public Poco::Data::SessionPool {
public:
    PostgresSessionPool(const std::string& connectionString, int maxSessions);

    /// The notice processor, for raw libpq connections (PQsetNoticeProcessor).
    static void logNotice(void* unused, const char* message);

protected:
    void customizeSession(Poco::Data::Session& session) override;
};

}  // namespace tessera::kernel
