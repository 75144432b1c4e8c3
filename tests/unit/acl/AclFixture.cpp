#include "AclFixture.hpp"

#include <cstdio>

#include <unistd.h>

#include <tessera/kernel/storage/DatabaseUrl.hpp>
#include <tessera/kernel/storage/Sql.hpp>

namespace tessera::kernel::test {

namespace {

std::string testName() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return std::string(info->test_suite_name()) + "." + info->name();
}

/// A PostgreSQL role and schema name unique to this test and process.
std::string uniqueName() {
    std::uint32_t hash = 2166136261u;
    for (char c : testName()) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "acl_%08x_%d", hash, static_cast<int>(::getpid()));
    return buffer;
}

}  // namespace

void AclTest::SetUp() {
    BackendTest::SetUp();
    if (HasFatalFailure() || backend() != Backend::Postgres) {
        return;
    }
    pgName_ = uniqueName();
    execute("DROP SCHEMA IF EXISTS " + pgName_ + " CASCADE");
    execute("DROP ROLE IF EXISTS " + pgName_);
    execute("CREATE ROLE " + pgName_ + " LOGIN");
    execute("CREATE SCHEMA " + pgName_ + " AUTHORIZATION " + pgName_);
    auto base = DatabaseUrl::parse(url());
    std::string own = "postgresql://" + pgName_ + "@/" + base.parameter("dbname").value_or("") +
                      "?host=" + base.parameter("host").value_or("127.0.0.1");
    if (auto port = base.parameter("port")) {
        own += "&port=" + *port;
    }
    pgDb_ = std::make_unique<Database>(DatabaseUrl::parse(own));
}

void AclTest::TearDown() {
    acl_.reset();
    pgDb_.reset();
    if (!pgName_.empty()) {
        try {
            execute("DROP SCHEMA IF EXISTS " + pgName_ + " CASCADE");
            execute("DROP ROLE IF EXISTS " + pgName_);
        } catch (const std::exception& e) {
            ADD_FAILURE() << "cannot drop " << pgName_ << ": " << e.what();
        }
    }
    BackendTest::TearDown();
}

Database& AclTest::aclDb() {
    return pgDb_ ? *pgDb_ : db();
}

AccessControl& AclTest::acl() {
    if (!acl_) {
        acl_ = std::make_unique<AccessControl>(aclDb());
        acl_->ensureTables();
    }
    return *acl_;
}

std::int64_t AclTest::addUser(const std::string& login, const std::vector<std::string>& roles,
                              const std::vector<std::int64_t>& teams,
                              const std::string& displayName) {
    return acl().createUser(login, displayName, login + "@example.com", roles, teams);
}

std::shared_ptr<const AccessContext> AclTest::contextOf(std::int64_t userId) {
    return acl().contextFor(sdk::Caller::user(userId));
}

void AclTest::runSql(const std::string& sql) {
    auto session = aclDb().session();
    Sql::execute(aclDb(), session, sql);
}

void AclTest::fillRecords(const std::vector<Row>& rows) {
    auto session = aclDb().session();
    if (!recordsTable_) {
        Sql::execute(aclDb(), session,
                     "CREATE TABLE acl_records (id BIGINT PRIMARY KEY, owner_id BIGINT, "
                     "team_id BIGINT)");
        recordsTable_ = true;
    }
    Sql::execute(aclDb(), session, "DELETE FROM acl_records");
    for (const auto& row : rows) {
        Sql::execute(aclDb(), session,
                     "INSERT INTO acl_records (id, owner_id, team_id) VALUES ($1, $2, $3)",
                     {row.id, row.owner ? SqlValue(*row.owner) : SqlValue(),
                      row.team ? SqlValue(*row.team) : SqlValue()});
    }
    rows_ = rows;
}

std::set<std::int64_t> AclTest::reachable(const AccessContext& context, const std::string& entity,
                                          sdk::Action action) {
    SqlParams params;
    std::string condition =
        acl().scopeCondition(context, entity, action, "t.owner_id", "t.team_id", params);
    std::string sql = "SELECT t.id FROM acl_records t";
    if (!condition.empty()) {
        sql += " WHERE " + condition;
    }
    auto session = aclDb().session();
    std::set<std::int64_t> ids;
    for (const auto& row : Sql::query(aclDb(), session, sql, params.values()).rows) {
        ids.insert(asInt(row[0]));
    }
    return ids;
}

std::set<std::int64_t> AclTest::allowed(const AccessContext& context, const std::string& entity,
                                        sdk::Action action) {
    std::set<std::int64_t> ids;
    for (const auto& row : rows_) {
        if (acl().allows(context, entity, action, row.owner, row.team)) {
            ids.insert(row.id);
        }
    }
    return ids;
}

}  // namespace tessera::kernel::test
