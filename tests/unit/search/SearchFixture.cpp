#include "SearchFixture.hpp"

namespace tessera::test {

std::string backendParamName(const ::testing::TestParamInfo<kernel::Backend>& info) {
    return info.param == kernel::Backend::Sqlite ? "Sqlite" : "Postgres";
}

void SearchTest::SetUp() {
    database_ = std::make_unique<IsolatedDatabase>(GetParam());
    index_ = std::make_unique<kernel::SearchIndex>(database_->db());
    index_->ensureTables();
}

void SearchTest::TearDown() {
    index_.reset();
    database_.reset();
}

void SearchTest::put(const std::string& entity, std::int64_t id, const std::string& title,
                     const std::string& body, std::int64_t owner, std::int64_t team) {
    db().withTransaction([&](Poco::Data::Session& session) {
        index().put(session, entity, id, title, body, owner, team);
    });
}

void SearchTest::remove(const std::string& entity, std::int64_t id) {
    db().withTransaction(
        [&](Poco::Data::Session& session) { index().remove(session, entity, id); });
}

std::vector<sdk::SearchHit> SearchTest::search(const std::string& text,
                                               const std::vector<std::string>& entities,
                                               int limit) {
    std::vector<kernel::SearchVisibility> visible;
    for (const auto& entity : entities) {
        visible.push_back({entity, ""});
    }
    kernel::SqlParams params;
    return search(text, visible, params, limit);
}

std::vector<sdk::SearchHit> SearchTest::search(const std::string& text,
                                               const std::vector<kernel::SearchVisibility>& visible,
                                               kernel::SqlParams& params, int limit) {
    auto session = db().session();
    return index().search(session, text, limit, visible, params);
}

std::vector<std::string> SearchTest::keys(const std::vector<sdk::SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& hit : hits) {
        out.push_back(hit.entity + ":" + std::to_string(hit.id));
    }
    return out;
}

}  // namespace tessera::test
