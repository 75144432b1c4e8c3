#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <tessera/kernel/search/SearchIndex.hpp>

#include "IsolatedDatabase.hpp"

namespace tessera::test {

/// A SearchIndex with its tables, on a database of the test's own (SQLite file or PostgreSQL
/// database), once per backend.
class SearchTest : public ::testing::TestWithParam<kernel::Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    kernel::Database& db() { return database_->db(); }
    kernel::SearchIndex& index() { return *index_; }
    kernel::Backend backend() const { return GetParam(); }

    /// Puts one entry in a transaction of its own.
    void put(const std::string& entity, std::int64_t id, const std::string& title,
             const std::string& body, std::int64_t owner = 1, std::int64_t team = 1);
    void remove(const std::string& entity, std::int64_t id);

    /// Searches with every entity in `entities` fully visible.
    std::vector<sdk::SearchHit> search(
        const std::string& text,
        const std::vector<std::string>& entities = {"Contact", "Account", "Deal"}, int limit = 20);
    std::vector<sdk::SearchHit> search(const std::string& text,
                                       const std::vector<kernel::SearchVisibility>& visible,
                                       kernel::SqlParams& params, int limit = 20);

    /// "Entity:id" of each hit, in order.
    static std::vector<std::string> keys(const std::vector<sdk::SearchHit>& hits);

private:
    std::unique_ptr<IsolatedDatabase> database_;
    std::unique_ptr<kernel::SearchIndex> index_;
};

std::string backendParamName(const ::testing::TestParamInfo<kernel::Backend>& info);

}  // namespace tessera::test
