#include "ContactsFixture.hpp"

namespace sdk = tessera::sdk;
using namespace contacts::test;

namespace {

class LifecycleTest : public ContactsTest {
protected:
    std::vector<std::string> stageKeys() {
        sdk::Query query;
        query.entity = "LifecycleStage";
        query.sort = {{"position", false}};
        std::vector<std::string> keys;
        for (const auto& row : kernel_->records().query(admin_, query).rows) {
            keys.push_back(row["key"]);
        }
        return keys;
    }
    std::string refusal(const Caller& caller, const std::string& entity, const Record& values,
                        const std::string& field) {
        try {
            create(caller, entity, values);
        } catch (const sdk::PluginError& e) {
            auto it = e.error().fields.find(field);
            return e.error().code + ": " + (it == e.error().fields.end() ? e.what() : it->second);
        }
        return "accepted";
    }
};

}  // namespace

TEST_P(LifecycleTest, TheStagesAreSeededFromTheSettingsAndNewRecordsStartAsLeads) {
    EXPECT_EQ(stageKeys(), (std::vector<std::string>{"subscriber", "lead", "prospect", "customer",
                                                     "inactive", "churned"}));
    EXPECT_EQ(create(rep_, "Contact", {{"last_name", "Neu"}})["lifecycle_stage"], "lead");
    EXPECT_EQ(create(rep_, "Company", {{"name", "Neu AG"}})["lifecycle_stage"], "lead");
    // A stage may be given by its name in any case; the key is stored.
    EXPECT_EQ(create(rep_, "Contact",
                     {{"last_name", "Kunde"}, {"lifecycle_stage", "Customer"}})["lifecycle_stage"],
              "customer");
}

TEST_P(LifecycleTest, AnAdminAddsAStageAndAContactMovesIntoItWithHistory) {
    create(admin_, "LifecycleStage",
           {{"key", "evangelist"}, {"label", "Evangelist"}, {"position", 45}});
    EXPECT_EQ(stageKeys()[4], "evangelist");
    Record anna =
        create(rep_, "Contact", {{"last_name", "Schmidt"}, {"lifecycle_stage", "customer"}});
    auto& records = kernel_->records();
    records.update(rep_, "Contact", anna["id"], anna["version"],
                   {{"lifecycle_stage", "evangelist"}});
    EXPECT_EQ(records.get(rep_, "Contact", anna["id"])["lifecycle_stage"], "evangelist");
    sdk::Query history;
    history.entity = "StageChange";
    history.filter = sdk::Filter::eq("contact_id", anna["id"]);
    history.sort = {{"id", false}};
    auto rows = records.query(admin_, history).rows;
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1]["from_stage"], "customer");
    EXPECT_EQ(rows[1]["to_stage"], "evangelist");
    EXPECT_EQ(rows[1]["changed_by"], rep_.userId);
    EXPECT_FALSE(rows[1]["changed_at"].is_null());

    // Renaming is a new label; the key the contacts hold stays.
    sdk::Query stage;
    stage.entity = "LifecycleStage";
    stage.filter = sdk::Filter::eq("key", "evangelist");
    Record evangelist = records.query(admin_, stage).rows.at(0);
    records.update(admin_, "LifecycleStage", evangelist["id"], evangelist["version"],
                   {{"label", "Advocate"}});
    EXPECT_EQ(records.get(rep_, "Contact", anna["id"])["lifecycle_stage"], "evangelist");
    EXPECT_EQ(create(rep_, "Contact",
                     {{"last_name", "Fan"}, {"lifecycle_stage", "advocate"}})["lifecycle_stage"],
              "evangelist");

    // The form offers the current stages in their order.
    auto form = kernel_->signIn("rep").get("/r/contacts/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(contains(form.body,
                         "<li data-key=\"evangelist\"><strong>evangelist</strong> Advocate</li>"));
    EXPECT_LT(form.body.find("data-key=\"customer\""), form.body.find("data-key=\"evangelist\""));
    EXPECT_LT(form.body.find("data-key=\"evangelist\""), form.body.find("data-key=\"inactive\""));
    EXPECT_TRUE(contains(form.body, "/plugins/contacts/stage-picker.js"));
}

TEST_P(LifecycleTest, UnknownStagesAndBadStageChangesAreRefused) {
    EXPECT_EQ(refusal(rep_, "Contact", {{"last_name", "X"}, {"lifecycle_stage", "champion"}},
                      "lifecycle_stage"),
              "validation: 'champion' is not a lifecycle stage; the stages are subscriber, lead, "
              "prospect, customer, inactive, churned");
    EXPECT_EQ(
        refusal(rep_, "Company", {{"name", "X"}, {"lifecycle_stage", "nope"}}, "lifecycle_stage")
            .rfind("validation: 'nope' is not a lifecycle stage", 0),
        0u);
    // Over HTTP: a 422 naming the field, nothing written.
    auto rep = kernel_->signIn("rep");
    auto answer =
        rep.call("POST", "/api/v1/contacts", {{"last_name", "Web"}, {"lifecycle_stage", "vip"}});
    EXPECT_EQ(answer.status, 422);
    EXPECT_TRUE(contains(answer.body, "lifecycle_stage")) << answer.body;
    auto page = rep.postForm("/r/contacts/new", {{"last_name", "Web"}, {"lifecycle_stage", "vip"}});
    EXPECT_EQ(page.status, 422);
    EXPECT_TRUE(contains(page.body, "&#39;vip&#39; is not a lifecycle stage") ||
                contains(page.body, "&#x27;vip&#x27; is not a lifecycle stage"))
        << page.body.substr(0, 4000);
    EXPECT_EQ(kernel_->records().count(admin_, {.entity = "Contact"}), 0);

    // Only administrators configure stages.
    EXPECT_EQ(refusal(rep_, "LifecycleStage", {{"key", "vip"}, {"label", "VIP"}}, "key"),
              "forbidden: only administrators change lifecycle stages");
    EXPECT_EQ(
        rep.call("POST", "/api/v1/lifecycle-stages", {{"key", "vip"}, {"label", "VIP"}}).status,
        403);
    EXPECT_EQ(
        refusal(admin_, "LifecycleStage", {{"key", "Big Fish"}, {"label", "Big fish"}}, "key"),
        "validation: use lower case letters, digits and _ (e.g. evangelist)");
    EXPECT_TRUE(refusal(admin_, "LifecycleStage", {{"key", "lead"}, {"label", "Again"}}, "key")
                    .starts_with("validation"));

    // A key is fixed once saved, and a stage in use cannot go.
    auto& records = kernel_->records();
    create(rep_, "Contact", {{"last_name", "Lead"}});
    sdk::Query lead;
    lead.entity = "LifecycleStage";
    lead.filter = sdk::Filter::eq("key", "lead");
    Record stage = records.query(admin_, lead).rows.at(0);
    try {
        records.update(admin_, "LifecycleStage", stage["id"], stage["version"], {{"key", "lead2"}});
        ADD_FAILURE() << "a key changed";
    } catch (const sdk::PluginError& e) {
        EXPECT_EQ(e.error().fields.at("key"),
                  "is fixed once saved (contacts store it); rename the label instead");
    }
    try {
        records.remove(admin_, "LifecycleStage", stage["id"]);
        ADD_FAILURE() << "a stage in use went";
    } catch (const sdk::PluginError& e) {
        EXPECT_EQ(
            e.error().fields.at("key"),
            "'lead' is the stage of 1 contacts and companies; move them to another stage first");
    }
    Record unused = records
                        .query(admin_, {.entity = "LifecycleStage",
                                        .filter = sdk::Filter::eq("key", "churned")})
                        .rows.at(0);
    records.remove(admin_, "LifecycleStage", unused["id"]);
    EXPECT_EQ(refusal(rep_, "Contact", {{"last_name", "Gone"}, {"lifecycle_stage", "churned"}},
                      "lifecycle_stage")
                  .rfind("validation: 'churned' is not a lifecycle stage", 0),
              0u);
}

TEST_P(LifecycleTest, TheLifecycleBoardShowsTheStagesInOrderAndMovesCards) {
    create(admin_, "LifecycleStage",
           {{"key", "evangelist"}, {"label", "Evangelist"}, {"position", 45}});
    Record ida = create(rep_, "Contact", {{"last_name", "Ida"}, {"lifecycle_stage", "customer"}});
    create(rep_, "Contact", {{"last_name", "Ole"}, {"lifecycle_stage", "customer"}});
    create(admin_, "Contact", {{"last_name", "Hidden"}, {"lifecycle_stage", "customer"}});
    auto rep = kernel_->signIn("rep");
    auto board = rep.get("/p/contacts/lifecycle");
    ASSERT_EQ(board.status, 200);
    EXPECT_TRUE(contains(board.body,
                         "data-value=\"customer\">\n  <h2>Customer <span class=\"count\">2</span>"))
        << board.body.substr(board.body.find("class=\"board\""), 1500);
    EXPECT_LT(board.body.find("data-value=\"customer\""),
              board.body.find("data-value=\"evangelist\""));
    EXPECT_FALSE(contains(board.body, ">Hidden<"));
    EXPECT_TRUE(contains(board.body, "/plugins/contacts/") ||
                contains(board.body, "/static/board.js"));
    EXPECT_EQ(rep.get("/p/contacts/lifecycle?entity=Company").status, 200);
    EXPECT_EQ(rep.get("/p/contacts/lifecycle?entity=Deal").status, 422);

    std::string move = "/p/contacts/lifecycle/contacts/" + ida["id"].dump() + "/move";
    auto moved = rep.postForm(move, {{"value", "evangelist"}, {"version", ida["version"].dump()}});
    EXPECT_EQ(moved.status, 303) << moved.body.substr(0, 1000);
    Record now = kernel_->records().get(rep_, "Contact", ida["id"]);
    EXPECT_EQ(now["lifecycle_stage"], "evangelist");
    sdk::Query history;
    history.entity = "StageChange";
    history.filter = sdk::Filter::allOf(
        {sdk::Filter::eq("contact_id", ida["id"]), sdk::Filter::eq("to_stage", "evangelist")});
    EXPECT_EQ(kernel_->records().count(admin_, history), 1);
    // Refused: an unknown stage (422 naming the field), a stale card (409), someone else's (404).
    auto unknown = rep.postForm(move, {{"value", "vip"}, {"version", now["version"].dump()}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(contains(unknown.body, "is not a lifecycle stage"));
    EXPECT_EQ(rep.postForm(move, {{"value", "lead"}, {"version", ida["version"].dump()}}).status,
              409);
    EXPECT_EQ(rep.postForm(move, {{"value", "lead"}}).status, 422);
    Record hidden =
        kernel_->records()
            .query(admin_, {.entity = "Contact", .filter = sdk::Filter::eq("last_name", "Hidden")})
            .rows.at(0);
    EXPECT_EQ(rep.postForm("/p/contacts/lifecycle/contacts/" + hidden["id"].dump() + "/move",
                           {{"value", "lead"}, {"version", hidden["version"].dump()}})
                  .status,
              404);
    EXPECT_EQ(kernel_->records().get(rep_, "Contact", ida["id"])["lifecycle_stage"], "evangelist");
}

INSTANTIATE_TEST_SUITE_P(Backends, LifecycleTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), backendName);
