#include <tessera/kernel/storage/Sql.hpp>

#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

class MigratorTest : public test::RecordTest {
protected:
    std::shared_ptr<const kernel::Schema> schemaOf(const std::vector<nlohmann::json>& entities) {
        kernel::SchemaRegistry registry;
        auto builder = registry.builderFor("test", {});
        for (const auto& e : entities) {
            builder->entity(e);
        }
        return registry.build();
    }
};

nlohmann::json note(nlohmann::json fields) {
    return {{"name", "Note"}, {"fields", fields}};
}

}  // namespace

TEST_P(MigratorTest, OlderSchemaKeepsItsDataAndGainsColumns) {
    auto v1 = schemaOf({note({{"subject", {{"type", "text"}}}, {"body", {{"type", "longtext"}}}})});
    kernel::Migrator first(database_->db(), *v1);
    auto done = first.migrate({{"notes", "1.0.0"}});
    EXPECT_FALSE(done.upToDate());
    build({note({{"subject", {{"type", "text"}}}, {"body", {{"type", "longtext"}}}})});
    auto kept = createAs("rep1", "Note", {{"subject", "Keep me"}, {"body", "old body"}});

    // v2 drops "body", adds "priority" (indexed) and a unique "code".
    auto v2 = schemaOf({note({{"subject", {{"type", "text"}}},
                              {"priority", {{"type", "integer"}, {"indexed", true}}},
                              {"code", {{"type", "text"}, {"unique", true}}}})});
    kernel::Migrator second(database_->db(), *v2);
    auto plan = second.plan();
    std::vector<std::string> steps;
    for (const auto& s : plan.steps) {
        steps.push_back(s.description);
    }
    EXPECT_NE(std::find(steps.begin(), steps.end(), "add column note.priority"), steps.end());
    EXPECT_NE(std::find(steps.begin(), steps.end(), "add column note.code"), steps.end());
    EXPECT_NE(std::find(steps.begin(), steps.end(), "index on note.priority"), steps.end());
    EXPECT_NE(std::find(steps.begin(), steps.end(), "unique index on note.code"), steps.end());
    ASSERT_EQ(plan.notices.size(), 1u);
    EXPECT_NE(plan.notices[0].find("note.body is no longer declared"), std::string::npos);
    second.migrate({{"notes", "2.0.0"}});
    EXPECT_TRUE(second.plan().upToDate()) << "migrating again has nothing to do";
    EXPECT_EQ(second.appliedVersions()["notes"], "2.0.0");

    build({note({{"subject", {{"type", "text"}}},
                 {"priority", {{"type", "integer"}, {"indexed", true}}},
                 {"code", {{"type", "text"}, {"unique", true}}}})});
    auto after = records_->get(as("rep1"), "Note", kept["id"]);
    EXPECT_EQ(after["subject"], "Keep me");
    EXPECT_TRUE(after["priority"].is_null());
    // The dropped field's data is still in the table.
    Poco::Data::Session session = database_->db().session();
    EXPECT_EQ(kernel::asString(kernel::Sql::scalar(database_->db(), session,
                                                   "SELECT body FROM note WHERE id = $1", {kept["id"].get<std::int64_t>()})),
              "old body");
}

TEST_P(MigratorTest, TypeChangeIsReportedNotApplied) {
    build({note({{"size", {{"type", "text"}}}})});
    createAs("rep1", "Note", {{"size", "large"}});
    auto v2 = schemaOf({note({{"size", {{"type", "integer"}}}})});
    auto plan = kernel::Migrator(database_->db(), *v2).plan();
    EXPECT_TRUE(plan.upToDate());
    ASSERT_EQ(plan.notices.size(), 1u);
    EXPECT_NE(plan.notices[0].find("note.size"), std::string::npos);
    EXPECT_NE(plan.notices[0].find("left as it is"), std::string::npos);
}

TEST_P(MigratorTest, ManyToManyGetsOneLinkTable) {
    // The Note side is missing: the relation must be declared on both sides.
    EXPECT_THROW(schemaOf({{{"name", "Tag"},
                            {"relations", {{"notes", {{"type", "manyToMany"}, {"entity", "Note"}, {"foreign", "tags"}}}}}},
                           note({})}),
                 kernel::SchemaError);
    kernel::SchemaRegistry registry;
    auto builder = registry.builderFor("test", {});
    builder->entity({{"name", "Tag"},
                     {"relations", {{"notes", {{"type", "manyToMany"}, {"entity", "Note"}, {"foreign", "tags"}}}}}});
    builder->entity({{"name", "Note"},
                     {"relations", {{"tags", {{"type", "manyToMany"}, {"entity", "Tag"}, {"foreign", "notes"}}}}}});
    auto both = registry.build();
    kernel::Migrator migrator(database_->db(), *both);
    auto plan = migrator.migrate({});
    int links = 0;
    for (const auto& step : plan.steps) {
        links += step.description.starts_with("link table ") ? 1 : 0;
    }
    EXPECT_EQ(links, 1);
    EXPECT_TRUE(migrator.plan().upToDate());
}

TEST_P(MigratorTest, IndexOverSeveralFieldsServesFilterAndSort) {
    nlohmann::json fields = {{"topic", {{"type", "text"}}}, {"rank", {{"type", "integer"}}}};
    auto plain = schemaOf({note(fields)});
    kernel::Migrator first(database_->db(), *plain);
    first.migrate({});
    nlohmann::json indexed = note(fields);
    indexed["indexes"] = std::vector<std::vector<std::string>>{{"topic", "rank"}};
    auto withIndex = schemaOf({indexed});
    kernel::Migrator second(database_->db(), *withIndex);
    auto plan = second.plan();
    ASSERT_EQ(plan.steps.size(), 1u) << "an existing table gains the index";
    EXPECT_EQ(plan.steps[0].description, "index on note.topic_rank");
    second.migrate({});
    EXPECT_TRUE(second.plan().upToDate());

    Poco::Data::Session session = database_->db().session();
    if (GetParam() == Backend::Postgres) {
        EXPECT_EQ(
            kernel::asString(kernel::Sql::scalar(
                database_->db(), session,
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_note_topic_rank'")),
            "CREATE INDEX ix_note_topic_rank ON public.note USING btree (topic NULLS FIRST, rank "
            "NULLS FIRST, id NULLS FIRST)");
    } else {
        auto rows = kernel::Sql::query(database_->db(), session,
                                       "EXPLAIN QUERY PLAN SELECT id FROM note WHERE topic = 'a' "
                                       "ORDER BY rank DESC, id DESC LIMIT 5");
        std::string planText;
        for (const auto& row : rows.rows) {
            planText += kernel::asString(row.back()) + "\n";
        }
        EXPECT_NE(planText.find("ix_note_topic_rank"), std::string::npos) << planText;
        EXPECT_EQ(planText.find("TEMP B-TREE"), std::string::npos) << "no sort step:\n" << planText;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, MigratorTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
