#pragma once

#include <memory>

#include <gtest/gtest.h>

#include <tessera/kernel/acl/AccessControl.hpp>
#include <tessera/kernel/records/AuditLog.hpp>
#include <tessera/kernel/records/EventBus.hpp>
#include <tessera/kernel/records/HookRegistry.hpp>
#include <tessera/kernel/records/RecordStore.hpp>
#include <tessera/kernel/schema/SchemaRegistry.hpp>
#include <tessera/kernel/search/SearchIndex.hpp>
#include <tessera/kernel/storage/Migrator.hpp>
#include <tessera/sdk/Error.hpp>

#include "IsolatedDatabase.hpp"

namespace tessera::test {

/// A record API over a database of the test's own, with two entities (Client, Project) that
/// use every field type, and users in every default role:
///   admin; manager, rep1, rep2 in team "north"; rep3 in team "south"; support; marketing.
class RecordTest : public ::testing::TestWithParam<kernel::Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    /// Builds the store for `entities` (JSON definitions) declared by one plugin "test".
    void build(const std::vector<nlohmann::json>& entities);

    sdk::Caller as(const std::string& login) const;
    sdk::Record createAs(const std::string& login, const std::string& entity, nlohmann::json values);
    /// The sdk::Error a call throws; fails the test when it does not throw one.
    template <class Fn>
    sdk::Error errorOf(Fn&& fn) {
        try {
            fn();
        } catch (const sdk::PluginError& e) {
            return e.error();
        }
        ADD_FAILURE() << "no PluginError was thrown";
        return {};
    }

    static nlohmann::json clientEntity();
    static nlohmann::json projectEntity();

    std::unique_ptr<IsolatedDatabase> database_;
    std::shared_ptr<const kernel::Schema> schema_;
    std::unique_ptr<kernel::AccessControl> access_;
    std::unique_ptr<kernel::SearchIndex> search_;
    std::unique_ptr<kernel::AuditLog> audit_;
    kernel::HookRegistry hooks_;
    kernel::EventBus events_;
    std::unique_ptr<kernel::RecordStore> records_;
    std::map<std::string, std::int64_t> users_;
    std::map<std::string, std::int64_t> teams_;
};

std::string backendName(const ::testing::TestParamInfo<kernel::Backend>& info);

}  // namespace tessera::test
