#pragma once

#include <chrono>
#include <string>

#include <Poco/Data/SessionPool.h>

namespace tessera::kernel {

/// A Poco session pool that sets up every new SQLite connection the way the kernel expects:
/// busy timeout, WAL journal, synchronous=NORMAL, foreign keys on. Thread-safe like its base.
/// Private to kernel/src/storage.
class SqliteSessionPool : public Poco::Data::SessionPool {
public:
    SqliteSessionPool(const std::string& connectionString, int maxSessions,
                      std::chrono::milliseconds busyTimeout);

protected:
    void customizeSession(Poco::Data::Session& session) override;

private:
    std::chrono::milliseconds busyTimeout_;
};

}  // namespace tessera::kernel
