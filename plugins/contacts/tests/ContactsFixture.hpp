#pragma once

#include <gtest/gtest.h>

#include <tessera/kernel/storage/Backend.hpp>
#include <tessera/sdk/Error.hpp>
#include <tessera/sdk/testing/TestKernel.hpp>

#include "IsolatedDatabase.hpp"

namespace contacts::test {

using tessera::kernel::Backend;
using tessera::sdk::Caller;
using tessera::sdk::Record;
using tessera::sdk::testing::TestKernel;

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class ContactsTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        database_ = std::make_unique<tessera::test::IsolatedDatabase>(GetParam());
        database_->close();
        kernel_ = std::make_unique<TestKernel>(TestKernel::Options{
            .plugins = {"contacts"}, .pluginPath = PLUGIN_PATH, .databaseUrl = database_->url()});
        admin_ = Caller::user(kernel_->createUser("admin", "admin"));
        rep_ = Caller::user(kernel_->createUser("rep", "sales_rep"));
    }

    Record create(const Caller& caller, const std::string& entity, const Record& values) {
        return kernel_->records().create(caller, entity, values);
    }

    std::string fieldError(const std::string& entity, const Record& values,
                           const std::string& field) {
        try {
            create(admin_, entity, values);
        } catch (const tessera::sdk::PluginError& e) {
            auto it = e.error().fields.find(field);
            return it == e.error().fields.end() ? "error without " + field + ": " + e.what()
                                                : it->second;
        }
        return "accepted";
    }

    std::unique_ptr<tessera::test::IsolatedDatabase> database_;
    std::unique_ptr<TestKernel> kernel_;
    Caller admin_;
    Caller rep_;
};


inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace contacts::test
