#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/storage/BulkInserter.hpp>
#include <tessera/kernel/storage/SqlIdentifier.hpp>
#include <tessera/kernel/storage/StorageError.hpp>

#include "BackendFixture.hpp"

namespace tessera::kernel::test {
namespace {

class SqlIdentifierTest : public BackendTest {};

const std::vector<std::string>& hostileNames() {
    static const std::vector<std::string> names = {
        "",
        "Contacts",
        "1st",
        "two words",
        "semi;colon",
        "x; DROP TABLE victim; --",
        "quote\"d",
        "apo'strophe",
        "dash-ed",
        "dotted.name",
        "new\nline",
        std::string("nul\0byte", 8),
        "gr\xc3\xbc\xc3\x9f",
        "back\\slash",
        "$1",
        std::string(64, 'a'),
    };
    return names;
}

TEST_P(SqlIdentifierTest, AcceptsPlainLowercaseNames) {
    for (const char* name : {"a", "_", "_private", "contacts", "deal_stage_2", "x9"}) {
        EXPECT_TRUE(SqlIdentifier::isValid(name)) << name;
        EXPECT_EQ(SqlIdentifier::quote(name, "table"), "\"" + std::string(name) + "\"");
    }
    EXPECT_TRUE(SqlIdentifier::isValid(std::string(63, 'a')));
}

TEST_P(SqlIdentifierTest, RejectsHostileNames) {
    for (const auto& name : hostileNames()) {
        SCOPED_TRACE(name);
        EXPECT_FALSE(SqlIdentifier::isValid(name));
        try {
            SqlIdentifier::quote(name, "column");
            ADD_FAILURE() << "accepted";
        } catch (const StorageError& e) {
            std::string message = e.what();
            EXPECT_NE(message.find("invalid column name"), std::string::npos) << message;
            EXPECT_NE(message.find("lowercase letters, digits and _"), std::string::npos);
            EXPECT_EQ(message.find('\n'), std::string::npos) << "control character not escaped";
        }
    }
}

TEST_P(SqlIdentifierTest, BulkInserterRefusesHostileNamesBeforeTouchingTheDatabase) {
    auto victim = table("victim");
    execute("CREATE TABLE " + victim + " (id INTEGER, name TEXT)");
    execute("INSERT INTO " + victim + " (id, name) VALUES (1, 'kept')");

    for (const auto& name : hostileNames()) {
        SCOPED_TRACE(name);
        EXPECT_THROW(BulkInserter(db(), name, {"id"}), StorageError);
        EXPECT_THROW(BulkInserter(db(), victim + "; DROP TABLE " + victim, {"id"}), StorageError);
        EXPECT_THROW(BulkInserter(db(), victim, {"id", name}), StorageError);
    }
    EXPECT_THROW(BulkInserter(db(), victim, {}), StorageError);
    EXPECT_EQ(countRows(victim), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlIdentifierTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendParamName);

}  // namespace
}  // namespace tessera::kernel::test
