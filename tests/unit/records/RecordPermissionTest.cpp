#include "RecordFixture.hpp"

using tessera::kernel::Backend;
using namespace tessera;

namespace {

/// Records owned by rep1 (own for rep1), rep2 (same team as rep1) and rep3 (other team),
/// checked through get, query, count, search, update and delete for every default role.
class RecordPermissionTest : public test::RecordTest {
protected:
    void SetUp() override {
        test::RecordTest::SetUp();
        for (const char* owner : {"rep1", "rep2", "rep3"}) {
            ids_[owner] = createAs(owner, "Client", {{"name", std::string("Zyxel of ") + owner}})["id"];
        }
    }

    bool canGet(const std::string& who, const std::string& owner) {
        try {
            records_->get(as(who), "Client", ids_.at(owner));
            return true;
        } catch (const sdk::PluginError& e) {
            EXPECT_EQ(e.error().code, "not_found");
            return false;
        }
    }
    std::set<std::string> listed(const std::string& who) {
        std::set<std::string> owners;
        for (const auto& r : records_->query(as(who), {.entity = "Client"}).rows) {
            for (const auto& [owner, id] : ids_) {
                if (r["id"] == id) {
                    owners.insert(owner);
                }
            }
        }
        EXPECT_EQ(static_cast<std::int64_t>(owners.size()),
                  records_->count(as(who), {.entity = "Client"}));
        EXPECT_EQ(records_->search(as(who), "zyxel", 50).size(), owners.size());
        return owners;
    }
    bool canUpdate(const std::string& who, const std::string& owner) {
        try {
            auto current = records_->get(as("admin"), "Client", ids_.at(owner));
            records_->update(as(who), "Client", ids_.at(owner), current["version"], {{"website", "https://changed.example"}});
            return true;
        } catch (const sdk::PluginError& e) {
            EXPECT_TRUE(e.error().code == "forbidden" || e.error().code == "not_found") << e.what();
            return false;
        }
    }
    bool canDelete(const std::string& who, const std::string& owner) {
        try {
            records_->remove(as(who), "Client", ids_.at(owner));
            records_->restore(as("admin"), "Client", ids_.at(owner));
            return true;
        } catch (const sdk::PluginError& e) {
            EXPECT_TRUE(e.error().code == "forbidden" || e.error().code == "not_found") << e.what();
            return false;
        }
    }

    std::map<std::string, std::int64_t> ids_;
};

using S = std::set<std::string>;

}  // namespace

TEST_P(RecordPermissionTest, DefaultRoleMatrix) {
    struct Expected {
        std::string who;
        S read;
        S update;
        S remove;
    };
    const S all{"rep1", "rep2", "rep3"};
    const S team{"rep1", "rep2"};
    const Expected matrix[] = {
        {"admin", all, all, all},
        {"manager", all, team, team},
        {"rep1", team, {"rep1"}, {"rep1"}},
        {"support", all, {}, {}},
        {"marketing", all, {}, {}},
    };
    for (const auto& m : matrix) {
        SCOPED_TRACE(m.who);
        EXPECT_EQ(listed(m.who), m.read);
        for (const auto& owner : all) {
            EXPECT_EQ(canGet(m.who, owner), m.read.contains(owner)) << owner;
            EXPECT_EQ(canUpdate(m.who, owner), m.update.contains(owner)) << owner;
            EXPECT_EQ(canDelete(m.who, owner), m.remove.contains(owner)) << owner;
        }
    }
    // rep3 is alone in the south team.
    EXPECT_EQ(listed("rep3"), S{"rep3"});
}

TEST_P(RecordPermissionTest, DenialsExplainThemselves) {
    auto error = errorOf([&] {
        records_->update(as("rep1"), "Client", ids_["rep2"], 1, {{"name", "mine now"}});
    });
    EXPECT_EQ(error.code, "forbidden");
    EXPECT_NE(error.message.find("update"), std::string::npos) << error.message;
    auto why = records_->explain(as("rep1"), "Client", ids_["rep1"], sdk::Action::Update);
    EXPECT_TRUE(why.allowed);
    EXPECT_EQ(why.scope, "own");
    EXPECT_FALSE(why.reason.empty());
    auto whyNot = records_->explain(as("support"), "Client", ids_["rep1"], sdk::Action::Delete);
    EXPECT_FALSE(whyNot.allowed);
    // Out of sight is "not found", not "forbidden": existence is not leaked.
    EXPECT_EQ(errorOf([&] { records_->get(as("rep3"), "Client", ids_["rep1"]); }).code, "not_found");
}

TEST_P(RecordPermissionTest, OwnerCannotBeGivenAwayBeyondScope) {
    auto error = errorOf([&] {
        records_->update(as("rep1"), "Client", ids_["rep1"], 1, {{"owner_id", users_["rep3"]}});
    });
    EXPECT_EQ(error.code, "forbidden");
    EXPECT_EQ(records_->get(as("admin"), "Client", ids_["rep1"])["owner_id"], users_["rep1"]);
    records_->update(as("manager"), "Client", ids_["rep1"], 1, {{"owner_id", users_["rep2"]}});
    EXPECT_EQ(records_->get(as("admin"), "Client", ids_["rep1"])["owner_id"], users_["rep2"]);
}

TEST_P(RecordPermissionTest, HiddenAndReadOnlyFields) {
    access_->setFieldAccess("sales_rep", "Client", "email", kernel::FieldAccess::Hidden);
    access_->setFieldAccess("sales_rep", "Client", "website", kernel::FieldAccess::ReadOnly);
    auto mine = records_->get(as("rep1"), "Client", ids_["rep1"]);
    EXPECT_FALSE(mine.contains("email"));
    EXPECT_TRUE(mine.contains("website"));
    auto readOnly = errorOf([&] {
        records_->update(as("rep1"), "Client", ids_["rep1"], 1, {{"website", "https://x.example"}});
    });
    EXPECT_EQ(readOnly.fields["website"], "cannot be changed");
    auto hidden = errorOf([&] {
        records_->query(as("rep1"), {.entity = "Client", .filter = sdk::Filter::eq("email", "a@b.c")});
    });
    EXPECT_EQ(hidden.code, "validation");
    EXPECT_FALSE(records_->get(as("admin"), "Client", ids_["rep1"]).empty());
}

TEST_P(RecordPermissionTest, ReferencesMustBeVisible) {
    auto error = errorOf([&] {
        createAs("rep3", "Project", {{"title", "x"}, {"client_id", ids_["rep1"]}});
    });
    EXPECT_NE(error.fields["client_id"].find("not visible to you"), std::string::npos);
    EXPECT_NO_THROW(createAs("rep1", "Project", {{"title", "x"}, {"client_id", ids_["rep2"]}}));
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordPermissionTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);
