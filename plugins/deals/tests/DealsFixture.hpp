#pragma once

// A Tessera with contacts and deals on SQLite or PostgreSQL, users of each default role and
// helpers to read the default pipeline, shared by the deals tests.
#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include <map>
#include <memory>

#include "IsolatedDatabase.hpp"

namespace deals::test {

using tessera::kernel::Backend;
using tessera::sdk::Caller;
using tessera::sdk::Record;
using tessera::sdk::testing::TestKernel;

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class DealsFixture : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<tessera::test::IsolatedDatabase>(GetParam());
        database_->close();
        kernel_ = std::make_unique<TestKernel>(TestKernel::Options{
            .plugins = plugins(), .pluginPath = PLUGIN_PATH, .databaseUrl = database_->url()});
        ASSERT_EQ(kernel_->pluginStates().at("deals"), "running");
        admin_ = Caller::user(kernel_->createUser("admin", "admin"));
        rep_ = Caller::user(kernel_->createUser("rep", "sales_rep"));
        tessera::sdk::Query stages;
        stages.entity = "PipelineStage";
        stages.sort = {{"position", false}};
        for (const auto& row : records().query(Caller::systemCaller(), stages).rows) {
            stage_[row["name"].get<std::string>()] = row["id"].get<std::int64_t>();
            pipeline_ = row["pipeline_id"].get<std::int64_t>();
        }
    }

    /// The plugins the kernel runs; a test may add the optional ones.
    virtual std::vector<std::string> plugins() const { return {"contacts", "deals"}; }

    tessera::sdk::Records& records() { return kernel_->records(); }

    Record deal(const Caller& caller, Record values) {
        return records().create(caller, "Deal", values);
    }
    Record reload(const Record& record) { return records().get(admin_, "Deal", record["id"]); }
    Record update(const Caller& caller, const Record& record, const Record& changes) {
        return records().update(caller, "Deal", record["id"], reload(record)["version"], changes);
    }

    /// The per-field messages of a refused update, or "accepted".
    std::map<std::string, std::string> refusal(const Caller& caller, const Record& record,
                                               const Record& changes) {
        try {
            update(caller, record, changes);
        } catch (const tessera::sdk::PluginError& e) {
            auto fields = e.error().fields;
            fields["(code)"] = e.error().code;
            return fields;
        }
        return {{"(code)", "accepted"}};
    }

    std::int64_t stage(const std::string& name) const { return stage_.at(name); }

    std::unique_ptr<tessera::test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
    Caller admin_;
    Caller rep_;
    std::int64_t pipeline_ = 0;
    std::map<std::string, std::int64_t> stage_;
};

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace deals::test
