#include "RecordFixture.hpp"

namespace tessera::test {

std::string backendName(const ::testing::TestParamInfo<kernel::Backend>& info) {
    return info.param == kernel::Backend::Sqlite ? "Sqlite" : "Postgres";
}


nlohmann::json RecordTest::clientEntity() {
    return {{"name", "Client"},
            {"fields",
             {{"name", {{"type", "text"}, {"required", true}, {"searchable", true}, {"maxLength", 100}}},
              {"code", {{"type", "text"}, {"unique", true}}},
              {"email", {{"type", "email"}, {"searchable", true}}},
              {"website", {{"type", "url"}}}}},
            {"relations",
             {{"projects", {{"type", "hasMany"}, {"entity", "Project"}, {"foreign", "client_id"}}}}}};
}

nlohmann::json RecordTest::projectEntity() {
    return {{"name", "Project"},
            {"fields",
             {{"title", {{"type", "text"}, {"required", true}, {"searchable", true}}},
              {"notes", {{"type", "longtext"}, {"searchable", true}}},
              {"seats", {{"type", "integer"}, {"min", 0}, {"max", 100000}}},
              {"rate", {{"type", "decimal"}}},
              {"budget", {{"type", "money"}}},
              {"active", {{"type", "boolean"}, {"default", true}}},
              {"starts_on", {{"type", "date"}}},
              {"review_at", {{"type", "datetime"}}},
              {"stage",
               {{"type", "enum"},
                {"board", true},
                {"options",
                 {{{"value", "new"}, {"data", {{"probability", 10}}}},
                  {{"value", "active"}, {"data", {{"probability", 50}}}},
                  {{"value", "done"}, {"data", {{"probability", 100}}}}}}}},
              {"labels", {{"type", "multienum"}}},
              {"contact_email", {{"type", "email"}}},
              {"phone", {{"type", "phone"}}},
              {"link", {{"type", "url"}}},
              {"client_id", {{"type", "reference"}, {"entity", "Client"}}},
              {"extra", {{"type", "json"}}}}}};
}

void RecordTest::SetUp() {
    database_ = std::make_unique<IsolatedDatabase>(GetParam());
    access_ = std::make_unique<kernel::AccessControl>(database_->db());
    access_->ensureTables();
    search_ = std::make_unique<kernel::SearchIndex>(database_->db());
    search_->ensureTables();
    audit_ = std::make_unique<kernel::AuditLog>(database_->db());
    audit_->ensureTables();
    teams_["north"] = access_->createTeam("north");
    teams_["south"] = access_->createTeam("south");
    struct U {
        const char* login;
        const char* role;
        const char* team;
    };
    for (const U& u : {U{"admin", "admin", nullptr}, U{"manager", "manager", "north"},
                       U{"rep1", "sales_rep", "north"}, U{"rep2", "sales_rep", "north"},
                       U{"rep3", "sales_rep", "south"}, U{"support", "support_agent", nullptr},
                       U{"marketing", "marketing", nullptr}}) {
        std::vector<std::int64_t> teams;
        if (u.team) {
            teams.push_back(teams_.at(u.team));
        }
        users_[u.login] = access_->createUser(u.login, u.login, std::string(u.login) + "@example.com",
                                              {u.role}, teams);
    }
    build({clientEntity(), projectEntity()});
}

void RecordTest::build(const std::vector<nlohmann::json>& entities) {
    kernel::SchemaRegistry registry;
    auto builder = registry.builderFor("test", {});
    for (const auto& e : entities) {
        builder->entity(e);
    }
    schema_ = registry.build();
    kernel::Migrator migrator(database_->db(), *schema_);
    migrator.migrate({{"test", "1.0.0"}});
    records_ = std::make_unique<kernel::RecordStore>(database_->db(), schema_, *access_, *search_,
                                                     *audit_, hooks_, events_);
}

void RecordTest::TearDown() {
    records_.reset();
    access_.reset();
    search_.reset();
    audit_.reset();
    database_.reset();
}

sdk::Caller RecordTest::as(const std::string& login) const {
    if (login == "system") {
        return sdk::Caller::systemCaller();
    }
    return sdk::Caller::user(users_.at(login));
}

sdk::Record RecordTest::createAs(const std::string& login, const std::string& entity,
                                 nlohmann::json values) {
    return records_->create(as(login), entity, values);
}

}  // namespace tessera::test
