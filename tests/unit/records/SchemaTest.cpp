#include <gtest/gtest.h>

#include <tessera/kernel/schema/EntityDefParser.hpp>
#include <tessera/kernel/schema/Schema.hpp>
#include <tessera/kernel/schema/SchemaRegistry.hpp>

using namespace tessera::kernel;

namespace {

std::string errorOf(const nlohmann::json& definition) {
    try {
        EntityDefParser::parseEntity(definition, "acme");
    } catch (const SchemaError& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted " << definition.dump();
    return {};
}

}  // namespace

TEST(Schema, StandardFieldsAndDefaults) {
    auto e = EntityDefParser::parseEntity(
        {{"name", "SalesOrder"}, {"fields", {{"name", {{"type", "text"}}}}}}, "acme");
    EXPECT_EQ(e.table, "sales_order");
    EXPECT_EQ(e.slug, "sales-orders");
    EXPECT_EQ(e.label, "Sales order");
    EXPECT_EQ(e.pluralLabel, "Sales orders");
    EXPECT_EQ(e.titleField, "name");
    for (const auto& standard : standardFieldNames()) {
        ASSERT_NE(e.field(standard), nullptr) << standard;
    }
    EXPECT_TRUE(e.field("version")->system);
    EXPECT_FALSE(e.field("owner_id")->system);
    EXPECT_EQ(e.field("name")->maxLength, 255);
    auto company = EntityDefParser::parseEntity({{"name", "Company"}}, "acme");
    EXPECT_EQ(company.slug, "companies");
}

TEST(Schema, BadDefinitionsNameThePluginEntityAndField) {
    EXPECT_NE(errorOf({{"name", "deal"}}).find("\"name\" must be PascalCase"), std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"colour", 1}}).find("unknown key \"colour\""),
              std::string::npos);
    auto typeError = errorOf({{"name", "Deal"}, {"fields", {{"amount", {{"type", "float"}}}}}});
    EXPECT_NE(typeError.find("plugin 'acme', entity Deal, field 'amount'"), std::string::npos)
        << typeError;
    EXPECT_NE(typeError.find("'float' is not a field type (text, longtext"), std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"fields", {{"Amount", {{"type", "text"}}}}}}).find("snake_case"),
              std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"fields", {{"stage", {{"type", "enum"}}}}}}).find("needs \"options\""),
              std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"fields", {{"company", {{"type", "reference"}}}}}})
                  .find("needs \"entity\""),
              std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"fields", {{"version", {{"type", "text"}}}}}})
                  .find("already declared by plugin 'kernel'"),
              std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"fields", {{"a", {{"type", "enum"}, {"options", {"x", "x"}}}}}}})
                  .find("appears twice"),
              std::string::npos);
    EXPECT_NE(errorOf({{"name", "Deal"}, {"titleField", "nope"}}).find("\"titleField\""), std::string::npos);
}

TEST(Schema, IndexesOverSeveralFieldsNameExistingPlainFields) {
    nlohmann::json fields = {{"topic", {{"type", "text"}}},
                             {"rank", {{"type", "integer"}}},
                             {"notes", {{"type", "longtext"}}}};
    auto withIndex = [&](nlohmann::json index) {
        nlohmann::json definition = {{"name", "Deal"}, {"fields", fields}};
        definition["indexes"] = nlohmann::json::array({index});
        return errorOf(definition);
    };
    using List = std::vector<std::string>;
    EXPECT_NE(
        withIndex(List{"topic", "nope"}).find("\"indexes\": \"nope\" is not one of its fields"),
        std::string::npos);
    EXPECT_NE(withIndex(List{"topic"}).find("two or more field names"), std::string::npos);
    EXPECT_NE(withIndex("topic").find("two or more field names"), std::string::npos);
    EXPECT_NE(withIndex(List{"topic", "topic"}).find("appears twice"), std::string::npos);
    EXPECT_NE(withIndex(List{"topic", "notes"}).find("cannot be indexed"), std::string::npos);

    SchemaRegistry registry;
    nlohmann::json definition = {{"name", "Deal"}, {"fields", fields}};
    definition["indexes"] = std::vector<List>{{"topic", "rank"}, {"rank", "created_at"}};
    registry.builderFor("acme", {})->entity(definition);
    auto schema = registry.build();
    const auto* deal = schema->entity("Deal");
    ASSERT_NE(deal, nullptr);
    ASSERT_EQ(deal->indexes.size(), 2u);
    EXPECT_EQ(deal->indexes[0], (std::vector<std::string>{"topic", "rank"}));
    EXPECT_EQ(deal->toJson()["indexes"][1][1], "created_at");
}

TEST(Schema, ExtensionsAddFieldsAndPatchExplicitly) {
    SchemaRegistry registry;
    registry.builderFor("contacts", {})->entity(
        {{"name", "Person"}, {"fields", {{"name", {{"type", "text"}, {"required", true}}}}}});
    auto sales = registry.builderFor("sales", {"contacts"});
    sales->extend("contacts", "Person",
                  {{"fields", {{"score", {{"type", "integer"}}}}},
                   {"patch", {{"name", {{"required", false}, {"label", "Full name"}}}}}});
    auto schema = registry.build();
    const EntityDef& person = schema->require("Person");
    EXPECT_EQ(person.field("score")->plugin, "sales");
    EXPECT_FALSE(person.field("name")->required);
    EXPECT_EQ(person.field("name")->patchedBy, std::vector<std::string>{"sales"});

    auto clash = [&](const std::string& plugin, std::set<std::string> deps, const nlohmann::json& ext) {
        try {
            registry.builderFor(plugin, deps)->extend("contacts", "Person", ext);
        } catch (const SchemaError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(clash("other", {"contacts"}, {{"fields", {{"score", {{"type", "text"}}}}}})
                  .find("field 'score' is already declared by plugin 'sales'"),
              std::string::npos);
    EXPECT_NE(clash("other", {}, {{"fields", {{"x", {{"type", "text"}}}}}})
                  .find("does not list 'contacts' in \"depends\""),
              std::string::npos);
    EXPECT_NE(clash("other", {"contacts"}, {{"patch", {{"nope", {{"required", true}}}}}})
                  .find("has no field 'nope'"),
              std::string::npos);
    EXPECT_NE(clash("other", {"contacts"}, {{"patch", {{"name", {{"type", "integer"}}}}}})
                  .find("unknown key \"type\""),
              std::string::npos);
    // A failed extension leaves the entity as it was.
    EXPECT_EQ(registry.build()->require("Person").fields.size(), person.fields.size());
}

TEST(Schema, ReferencesMustPointAtDeclaredEntities) {
    SchemaRegistry registry;
    registry.builderFor("a", {})->entity(
        {{"name", "Task"}, {"fields", {{"project_id", {{"type", "reference"}, {"entity", "Project"}}}}}});
    try {
        registry.build();
        FAIL() << "accepted a reference to a missing entity";
    } catch (const SchemaError& e) {
        EXPECT_NE(std::string(e.what()).find("refers to entity 'Project', which no running plugin declares"),
                  std::string::npos);
    }
}

TEST(Schema, CustomFieldsExtendAsTheCustomPlugin) {
    SchemaRegistry registry;
    registry.builderFor("a", {})->entity({{"name", "Task"}});
    registry.addCustomFields("Task", {{"colour", {{"type", "enum"}, {"options", {"red", "green"}}}}});
    EXPECT_EQ(registry.build()->require("Task").field("colour")->plugin, "custom");
    EXPECT_THROW(registry.addCustomFields("Nope", {{"x", {{"type", "text"}}}}), SchemaError);
}
