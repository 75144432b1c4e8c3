#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Database.hpp>
#include <tessera/kernel/storage/DatabaseLock.hpp>

#include "BackendFixture.hpp"

namespace tessera::kernel::test {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

class DatabaseLockTest : public BackendTest {};

TEST_P(DatabaseLockTest, SecondHolderIsRefusedUntilRelease) {
    auto first = db().session();
    auto second = db().session();
    const auto key = lockKey(1);

    auto held = db().tryAdvisoryLock(first, key);
    ASSERT_TRUE(held.has_value());
    EXPECT_TRUE(held->held());
    EXPECT_EQ(held->key(), key);

    EXPECT_FALSE(db().tryAdvisoryLock(second, key).has_value());
    auto other = db().tryAdvisoryLock(second, lockKey(2));
    EXPECT_TRUE(other.has_value()) << "a different key is independent";

    held->release();
    EXPECT_FALSE(held->held());
    auto again = db().tryAdvisoryLock(second, key);
    EXPECT_TRUE(again.has_value());
}

TEST_P(DatabaseLockTest, BlockingLockWaitsForTheHolder) {
    const auto key = lockKey(1);
    auto holderSession = db().session();
    auto holder = db().advisoryLock(holderSession, key);

    std::mutex mutex;
    std::condition_variable changed;
    bool started = false;
    std::atomic<bool> released{false};
    bool acquiredAfterRelease = false;
    std::thread waiter([&] {
        auto session = db().session();
        {
            std::lock_guard lock(mutex);
            started = true;
        }
        changed.notify_all();
        auto lock = db().advisoryLock(session, key);
        acquiredAfterRelease = released.load();
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return started; });
    }

    if (backend() == Backend::Postgres) {
        // Wait until the server shows the waiter queued behind the holder.
        auto observer = db().session();
        Poco::Int64 waiting = 0;
        Poco::Int64 queuedKey = key;
        while (waiting == 0) {
            std::this_thread::yield();
            observer << "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                        " AND ((classid::bigint << 32) | objid::bigint) = $1",
                use(queuedKey), into(waiting), now;
        }
    }
    auto probe = db().session();
    EXPECT_FALSE(db().tryAdvisoryLock(probe, key).has_value());

    released = true;
    holder.release();
    waiter.join();
    EXPECT_TRUE(acquiredAfterRelease) << "the waiter got the lock while it was still held";
}

TEST_P(DatabaseLockTest, SeparateDatabaseObjectsExcludeEachOther) {
    // Two pools on one URL stand for two processes or nodes (SQLite: the lock file).
    Database other(DatabaseUrl::parse(url()));
    auto mine = db().session();
    auto theirs = other.session();
    const auto key = lockKey(3);
    {
        auto held = db().advisoryLock(mine, key);
        EXPECT_FALSE(other.tryAdvisoryLock(theirs, key).has_value());
    }
    auto taken = other.tryAdvisoryLock(theirs, key);
    EXPECT_TRUE(taken.has_value());
    EXPECT_FALSE(db().tryAdvisoryLock(mine, key).has_value());
}

TEST_P(DatabaseLockTest, MovedLockIsReleasedOnce) {
    auto session = db().session();
    auto probeSession = db().session();
    const auto key = lockKey(4);
    std::optional<DatabaseLock> outer;
    {
        auto lock = db().advisoryLock(session, key);
        outer.emplace(std::move(lock));
        EXPECT_FALSE(lock.held());
    }
    EXPECT_TRUE(outer->held());
    EXPECT_FALSE(db().tryAdvisoryLock(probeSession, key).has_value());
    outer.reset();
    EXPECT_TRUE(db().tryAdvisoryLock(probeSession, key).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseLockTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
